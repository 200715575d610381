"""The playground build: bundle, Pyodide's runtime and the Python pack the worker starts on."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from statsref.docsgen.examples import Example, load_examples
from statsref.docsgen.playground import (
    PLAYGROUND_DIR,
    PlaygroundBuildError,
    build_cache,
    build_playground,
)
from statsref.docsgen.python_runtime import (
    RUNTIME_FILES,
    app_archive,
    engine_zones,
    install_python,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return load_examples(ROOT / "examples")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, corpus: list[Example]) -> Path:
    return build_playground(tmp_path_factory.mktemp("site"), corpus)


def _only(folder: Path, pattern: str) -> Path:
    [match] = folder.glob(pattern)
    return match


STATIC_IMPORT = re.compile(r'(?:from|import)\s*"\./([\w-]+\.mjs)"')


def _loaded_with(built: Path, name: str) -> set[str]:
    """The chunk ``name`` and every chunk it imports statically: what loading it downloads."""
    found = {name}
    for imported in STATIC_IMPORT.findall((built / name).read_text()):
        found |= _loaded_with(built, imported) if imported not in found else set()
    return found


def _gzipped(built: Path, names: set[str]) -> int:
    return sum(len(gzip.compress((built / name).read_bytes(), 9)) for name in names)


def test_bundle_has_the_entry_points_and_lazy_editor_and_builder_chunks(built: Path) -> None:
    names = {p.name for p in built.iterdir()}
    assert {"playground.mjs", "worker.mjs", "playground.css"} <= names
    entry = (built / "playground.mjs").read_text()
    for prefix in ("editor-", "builder-"):
        [chunk] = [n for n in names if n.startswith(prefix) and n.endswith(".mjs")]
        assert f'import("./{chunk}")' in entry  # imported dynamically, not inlined
        assert chunk not in _loaded_with(built, "playground.mjs")
    assert "codemirror" not in entry.lower()


EDITOR_CHUNK_BUDGET = 155_000
"""Bytes of the editor chunk with the chunks it imports, gzipped: CodeMirror and our
query-language modules, nothing more."""

BUILDER_CHUNK_BUDGET = 15_000
"""Bytes, gzipped, that opening the builder adds to the editor's: its own modules only (the
language modules it reads the schema with are the editor's)."""


def test_editor_chunk_stays_lean(built: Path) -> None:
    editor = _loaded_with(built, next(built.glob("editor-*.mjs")).name)
    assert _gzipped(built, editor) < EDITOR_CHUNK_BUDGET
    code = b"".join((built / name).read_bytes() for name in editor)
    for library in (b"markdown-it", b"shiki", b"json-schema-library", b"yaml"):
        assert library not in code


def test_builder_chunk_adds_little_to_the_editor(built: Path) -> None:
    editor = _loaded_with(built, next(built.glob("editor-*.mjs")).name)
    builder = _loaded_with(built, next(built.glob("builder-*.mjs")).name)
    assert _gzipped(built, builder - editor) < BUILDER_CHUNK_BUDGET
    assert b"codemirror" not in b"".join((built / name).read_bytes() for name in builder - editor)


def test_pyodide_runtime_is_copied_into_a_hashed_folder(built: Path) -> None:
    runtime = _only(built, "pyodide-*")
    assert re.fullmatch(r"pyodide-[0-9a-f]{12}", runtime.name)
    assert sorted(p.name for p in runtime.iterdir()) == sorted(RUNTIME_FILES)


def test_worker_knows_the_runtime_the_pack_and_every_zone(built: Path) -> None:
    worker = (built / "worker.mjs").read_text()
    assert _only(built, "pyodide-*").name + "/" in worker
    assert _only(built, "python-*.zip").name in worker
    assert _only(built, "tzdata-*.zip").name in worker
    assert "pyodide-lock.json" not in worker  # the lock travels inline: no request for it


def test_rebuild_replaces_the_previous_output(tmp_path: Path, corpus: list[Example]) -> None:
    out = build_playground(tmp_path, corpus)
    (out / "stale.mjs").write_text("")
    build_playground(tmp_path, corpus)
    assert not (out / "stale.mjs").exists()


def test_pack_holds_bytecode_of_the_needed_stdlib_and_the_engine(built: Path) -> None:
    names = set(zipfile.ZipFile(_only(built, "python-*.zip")).namelist())
    assert not [n for n in names if n.endswith(".py")]
    assert {
        "bridge.pyc",
        "stdlib_fallback.pyc",
        "zones.pyc",
        "statsref/__init__.pyc",
        "statsref/engine/language/errors.pyc",
        "sqlite3/__init__.pyc",
        "zoneinfo/__init__.pyc",
        "json/__init__.pyc",
    } <= names
    for zone in engine_zones():
        assert f"tzdata/zoneinfo/{zone}" in names
    assert "tzdata/zoneinfo/America/__init__.pyc" in names
    full = zipfile.ZipFile(_only(built, "pyodide-*") / "python_stdlib.zip").namelist()
    assert "email/__init__.pyc" not in names and "email/__init__.py" in full
    assert len(names) < len(full) / 2


def test_pack_is_taken_from_the_cache_when_its_inputs_are_unchanged(
    tmp_path: Path, corpus: list[Example], built: Path
) -> None:
    """No Node this time: only a cache hit can give the pack (``built`` filled the cache)."""
    python = install_python(
        tmp_path, corpus, node="/nonexistent/node", source=PLAYGROUND_DIR, cache=build_cache()
    )
    assert (tmp_path / python.pack).read_bytes() == (built / python.pack).read_bytes()


def test_every_zone_travels_apart_from_the_pack(built: Path) -> None:
    """For a sites file's zones: every key ``tzdata`` lists, as a file named by it."""
    zones = _only(built, "tzdata-*.zip")
    assert re.fullmatch(r"tzdata-[0-9a-f]{12}\.zip", zones.name)
    names = zipfile.ZipFile(zones).namelist()
    assert {"Asia/Tokyo", "America/Argentina/Buenos_Aires", "UTC"} <= set(names)
    assert len(names) > 400 and not [n for n in names if n.endswith(".py")]
    assert (
        "tzdata/zoneinfo/Asia/Tokyo" not in zipfile.ZipFile(_only(built, "python-*.zip")).namelist()
    )


def test_app_archive_is_reproducible() -> None:
    assert app_archive(PLAYGROUND_DIR) == app_archive(PLAYGROUND_DIR)


def test_zones_resolve_from_the_app_archive_alone(tmp_path: Path) -> None:
    """As in Pyodide: no system zoneinfo, only the archive on the path."""
    archive = tmp_path / "app.zip"
    archive.write_bytes(app_archive(PLAYGROUND_DIR))
    code = (
        "import sys, zoneinfo; sys.path.insert(0, sys.argv[1]);"
        "from statsref.engine import demo_sites;"
        "print([str(zoneinfo.ZoneInfo(s.template.timezone)) for s in demo_sites().specs])"
    )
    env = {**os.environ, "PYTHONTZPATH": "", "PYTHONPATH": ""}
    done = subprocess.run(
        [sys.executable, "-S", "-c", code, str(archive)],
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
        build_playground(tmp_path / "site", [], source=source)


def test_front_end_unit_tests_pass() -> None:
    """The pure modules of playground/src (formatting, permalinks, CSV, snippets, hover...)."""
    done = subprocess.run(
        ["node", "--test", "test/"], cwd=PLAYGROUND_DIR, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
