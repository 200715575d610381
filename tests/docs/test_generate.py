"""``statsref docs generate``: the generator's sources under build/, the hand-written docs/
left as they are."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from statsref.docsgen.examples import load_examples
from statsref.docsgen.generate import GENERATED_DOCS, GENERATED_NAV

from .conftest import ROOT, copy_project, docs_command


def _tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("generate") / "project")
    before = _tree(project / "docs")
    result = docs_command(project, "generate")
    assert result.returncode == 0, result.stderr
    assert _tree(project / "docs") == before, "generate wrote into the hand-written docs/"
    return project


def test_generated_pages_and_assets_land_under_build(project: Path) -> None:
    docs = project / GENERATED_DOCS
    for generated in (
        "reference/metrics.md",
        "errors.md",
        "examples/index.md",
        "schema/query.schema.json",
        "assets/examples.json",
        "assets/playground/playground.mjs",
    ):
        assert (docs / generated).is_file(), generated
    assert (docs / "guides" / "publishing.md").is_file()  # a hand-written page, copied
    assert not (docs / "nav.yml").exists() and not (docs / "overrides").exists()


def test_markers_of_hand_written_pages_are_filled(project: Path) -> None:
    source = (project / "docs" / "playground.md").read_text(encoding="utf-8")
    assert "<!-- statsref:" in source
    generated = (project / GENERATED_DOCS / "playground.md").read_text(encoding="utf-8")
    assert "<!-- statsref:" not in generated
    assert 'class="sr-playground' in generated


def test_the_nav_lists_every_example_page(project: Path) -> None:
    nav = yaml.safe_load((project / GENERATED_NAV).read_text(encoding="utf-8"))["nav"]
    [examples] = [entry["Examples"] for entry in nav if "Examples" in entry]
    valid = [e for e in load_examples(ROOT / "examples") if e.valid]
    assert examples == ["examples/index.md"] + [{e.title: f"examples/{e.slug}.md"} for e in valid]


def test_a_hand_written_page_in_a_generated_pages_place_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "errors.md").write_text("# Mine\n", encoding="utf-8")
    result = docs_command(project, "generate")
    assert result.returncode == 2
    assert "docs/errors.md" in result.stderr and "Traceback" not in result.stderr
