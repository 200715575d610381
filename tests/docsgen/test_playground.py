"""The playground build: bundle, Pyodide files and the engine archive Pyodide unpacks."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from statsref.docsgen.playground import (
    ENGINE_ARCHIVE,
    PLAYGROUND_DIR,
    PYODIDE_FILES,
    PlaygroundBuildError,
    build_playground,
    engine_zones,
    write_engine_archive,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_playground(tmp_path_factory.mktemp("site"))


def test_bundle_has_the_entry_points_and_a_lazy_editor_chunk(built: Path) -> None:
    names = {p.name for p in built.iterdir()}
    assert {"playground.mjs", "worker.mjs", "playground.css"} <= names
    editor = [n for n in names if n.startswith("editor-") and n.endswith(".mjs")]
    assert len(editor) == 1
    entry = (built / "playground.mjs").read_text()
    assert editor[0] in entry  # imported dynamically, not inlined
    assert "codemirror" not in entry.lower()


EDITOR_CHUNK_BUDGET = 155_000
"""Bytes of the editor chunk, gzipped: CodeMirror and our query-language modules, nothing more."""


def test_editor_chunk_stays_lean(built: Path) -> None:
    editor = next(built.glob("editor-*.mjs")).read_bytes()
    assert len(gzip.compress(editor, 9)) < EDITOR_CHUNK_BUDGET
    for library in (b"markdown-it", b"shiki", b"json-schema-library", b"yaml"):
        assert library not in editor


def test_pyodide_runtime_is_copied(built: Path) -> None:
    assert sorted(p.name for p in (built / "pyodide").iterdir()) == sorted(PYODIDE_FILES)
    lock = json.loads((built / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["info"]["python"].startswith("3.")


def test_rebuild_replaces_the_previous_output(tmp_path: Path) -> None:
    out = build_playground(tmp_path)
    (out / "stale.mjs").write_text("")
    build_playground(tmp_path)
    assert not (out / "stale.mjs").exists()


def test_engine_archive_holds_the_engine_and_the_zones(built: Path) -> None:
    names = set(zipfile.ZipFile(built / ENGINE_ARCHIVE).namelist())
    assert {
        "statsref/__init__.py",
        "statsref/engine/errors.py",
        "statsref/engine/sites.py",
    } <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    for zone in engine_zones():
        assert f"tzdata/zoneinfo/{zone}" in names
    assert "tzdata/zoneinfo/America/__init__.py" in names


def test_engine_archive_is_reproducible(tmp_path: Path) -> None:
    write_engine_archive(tmp_path / "a.zip")
    write_engine_archive(tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_zones_resolve_from_the_archive_alone(built: Path) -> None:
    """As in Pyodide: no system zoneinfo, only the archive on the path."""
    code = (
        "import sys, zoneinfo; sys.path.insert(0, sys.argv[1]);"
        "from statsref.engine.sites import SITES;"
        "print([str(zoneinfo.ZoneInfo(s.timezone)) for s in SITES.values()])"
    )
    env = {**os.environ, "PYTHONTZPATH": "", "PYTHONPATH": ""}
    done = subprocess.run(
        [sys.executable, "-S", "-c", code, str(built / ENGINE_ARCHIVE)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "America/New_York" in done.stdout


def test_missing_node_modules_says_to_run_npm_ci(tmp_path: Path) -> None:
    source = tmp_path / "playground"
    source.mkdir()
    with pytest.raises(PlaygroundBuildError, match="npm ci"):
        build_playground(tmp_path / "site", source=source)


def test_front_end_unit_tests_pass() -> None:
    """The pure modules of playground/src (formatting, permalinks, CSV, snippets, hover...)."""
    done = subprocess.run(
        ["node", "--test", "test/"], cwd=PLAYGROUND_DIR, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
