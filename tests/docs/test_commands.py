"""``statsref docs``: the site generator's failures are one line and an exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from statsref.docsgen.commands import GeneratorError, run_generator

from .conftest import ROOT


def test_zensical_takes_its_folder_from_its_configuration() -> None:
    with pytest.raises(GeneratorError, match=r"site_dir of zensical\.yml") as raised:
        run_generator(ROOT, "zensical", "elsewhere")
    assert raised.value.code == 2


def test_a_failing_generator_passes_on_its_exit_code(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: broken\nINHERIT: missing.yml\n")
    with pytest.raises(GeneratorError, match="mkdocs build failed") as raised:
        run_generator(tmp_path, "mkdocs", str(tmp_path / "site"))
    assert raised.value.code != 0
