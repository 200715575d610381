"""The same site built with Zensical (``nox -s docs-zensical``): the reference lists every name
and the playground's assets are there. Skipped where zensical is not installed (the nox
sessions ``tests`` and ``docs-zensical`` install it)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from statsref import schema
from statsref.docsgen.commands import ZENSICAL_CONFIG

from .conftest import copy_project, docs_command

pytest.importorskip("zensical")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    result = docs_command(project, "build", "--generator", "zensical")
    assert result.returncode == 0, result.stderr
    return project / "site-zensical"


def _text(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def test_the_build_goes_where_zensical_yml_says() -> None:
    root = Path(__file__).resolve().parents[2]
    assert "site_dir: site-zensical" in (root / ZENSICAL_CONFIG).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("page", "names"),
    [
        ("metrics", schema.metrics),
        ("dimensions", schema.dimensions),
        ("filters", schema.operators),
    ],
)
def test_reference_pages_list_every_name(zensical_site: Path, page: str, names) -> None:
    text = _text(zensical_site / "reference" / page / "index.html")
    missing = [entry.name for entry in names() if entry.name not in text]
    assert names() and not missing


def test_the_playground_and_its_runtime_are_there(zensical_site: Path) -> None:
    assets = zensical_site / "assets" / "playground"
    for name in ("playground.mjs", "playground.css", "worker.mjs"):
        assert (assets / name).is_file(), name
    assert list(assets.glob("python-*.zip")) and list(assets.glob("pyodide-*/pyodide.asm.wasm"))
    page = (zensical_site / "playground" / "index.html").read_text(encoding="utf-8")
    assert "assets/playground/playground.mjs" in page and 'class="sr-playground' in page
    assert (zensical_site / "assets" / "examples.json").is_file()
