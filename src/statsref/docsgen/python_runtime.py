"""The playground's Python: Pyodide's runtime files, and the pack the worker starts Python on.

Three things land in ``site/assets/playground/``, each named by a hash of its contents, so a
server can let browsers keep them for good (``statsref serve`` does):

- ``pyodide-<hash>/``: Pyodide's runtime from the npm package (no CDN): its loader, the
  Emscripten module, the WebAssembly binary, and the full ``python_stdlib.zip``, which the
  worker fetches only if Python imports a module the pack lacks (``stdlib_fallback.py``);
- ``python-<hash>.zip``: the pack, given to ``loadPyodide`` as its standard library: the
  standard library modules the worker imports, the engine, the ``tzdata`` zones the sites use
  (Pyodide has no system time zone database) and the worker's own Python modules, all
  compiled to bytecode by Pyodide's Python. ``playground/pack-python.mjs`` builds it in Node:
  it runs the corpus there and keeps the modules that were imported. A fraction of the
  full standard library's download, and nothing left to compile in the browser;
- ``tzdata-<hash>.zip``: every IANA zone of the ``tzdata`` package, one file per zone named by
  its key, which the worker fetches only when a reader's sites file names a zone the pack
  lacks (``playground/src/runners/zones.py``).

Why not a wheel built by ``pyodide build``: that command first downloads a cross-build
environment, which an offline build cannot do, and the engine is pure standard library.

Building the pack takes a few seconds (Pyodide starts in Node and runs every example); it is
cached by a key of all its inputs, so a rebuild with the same ones only copies it.
"""

from __future__ import annotations

import importlib.resources
import io
import json
import logging
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import statsref
from statsref.docsgen.buildcache import BuildCache, digest
from statsref.docsgen.examples import Example
from statsref.docsgen.node import PlaygroundBuildError, run_node
from statsref.engine import demo_sites

log = logging.getLogger("statsref.docs")

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# The worker's Python modules (paths in playground/), top-level modules of the pack.
WORKER_MODULES = (
    "src/runners/bridge.py",
    "src/runners/stdlib_fallback.py",
    "src/runners/zones.py",
)
# What builds the pack, besides its data: a change to any of these rebuilds it.
PACK_SCRIPTS = ("pack-python.mjs", "pack_python.py", "src/runners/python-start.js")
HASH_LENGTH = 12
# A fixed timestamp makes the app archive byte-identical from one build to the next.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class PythonRuntime:
    """What the worker needs to know, as the build wrote it."""

    folder: str  # the runtime's folder, relative to assets/playground/, with a trailing slash
    pack: str  # the pack's file name in assets/playground/
    zones: str  # the file name of every time zone in assets/playground/
    lock_info: dict[str, Any]  # the "info" of Pyodide's lock file, which loadPyodide checks

    def worker_config(self) -> dict[str, Any]:
        return {
            "pyodide": self.folder,
            "pack": self.pack,
            "zones": self.zones,
            "lockInfo": self.lock_info,
        }


def install_python(
    out: Path, examples: Sequence[Example], *, node: str, source: Path, cache: BuildCache
) -> PythonRuntime:
    """Write the runtime folder, the pack and every time zone into ``out``
    (``site/assets/playground``)."""
    package = source / "node_modules" / "pyodide"
    runtime = {name: _read_runtime_file(package, name) for name in RUNTIME_FILES}
    folder = f"pyodide-{digest(*runtime.values())[:HASH_LENGTH]}"
    (out / folder).mkdir()
    for name, data in runtime.items():
        (out / folder / name).write_bytes(data)

    app = app_archive(source)
    workload = json.dumps([{"query": json.dumps(e.query), "now": e.now} for e in examples]).encode()
    scripts = [(source / name).read_bytes() for name in PACK_SCRIPTS]
    key = digest(*runtime.values(), *scripts, app, workload)
    cached = cache.get(
        f"python-pack-{key}.zip", lambda path: _build_pack(node, source, app, workload, path)
    )
    data = cached.read_bytes()
    pack = f"python-{digest(data)[:HASH_LENGTH]}.zip"
    (out / pack).write_bytes(data)
    zones = all_zones()
    zones_name = f"tzdata-{digest(zones)[:HASH_LENGTH]}.zip"
    (out / zones_name).write_bytes(zones)

    lock = json.loads(_read_runtime_file(package, "pyodide-lock.json"))
    return PythonRuntime(folder=f"{folder}/", pack=pack, zones=zones_name, lock_info=lock["info"])


def _read_runtime_file(package: Path, name: str) -> bytes:
    if not (package / name).is_file():
        raise PlaygroundBuildError(
            f"{package / name} is missing: reinstall the pinned pyodide with `npm ci`."
        )
    return (package / name).read_bytes()


def _build_pack(node: str, source: Path, app: bytes, workload: bytes, target: Path) -> None:
    log.info("statsref: building the playground's Python pack in Pyodide (cached after this)")
    with tempfile.TemporaryDirectory(prefix="statsref-pack-") as tmp:
        app_path, workload_path = Path(tmp) / "app.zip", Path(tmp) / "workload.json"
        app_path.write_bytes(app)
        workload_path.write_bytes(workload)
        run_node(
            node,
            source,
            "pack-python.mjs",
            "--app",
            str(app_path),
            "--workload",
            str(workload_path),
            "--out",
            str(target.resolve()),
            failure="the Python pack could not be built",
        )


def app_archive(source: Path) -> bytes:
    """The sources the pack adds to the standard library, as a zip of import paths."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in sorted(_app_members(source)):
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), data)
    return buffer.getvalue()


def _app_members(source: Path) -> Iterator[tuple[str, bytes]]:
    package = Path(statsref.__file__).parent
    yield "statsref/__init__.py", (package / "__init__.py").read_bytes()
    for file in sorted((package / "engine").rglob("*")):
        if file.suffix in (".py", ".toml"):
            yield file.relative_to(package.parent).as_posix(), file.read_bytes()
    for name in WORKER_MODULES:
        yield Path(name).name, (source / name).read_bytes()
    yield from _tzdata_members(engine_zones())


def engine_zones() -> set[str]:
    """The IANA zones the sites use, plus UTC (the default of an aware clock)."""
    return {"UTC", *(spec.template.timezone for spec in demo_sites().specs)}


def _tzdata_members(zones: set[str]) -> Iterator[tuple[str, bytes]]:
    """The ``tzdata`` files ``zoneinfo`` reads for ``zones``, with each package's ``__init__``.

    Pyodide has no system zoneinfo, so ``zoneinfo`` falls back to the ``tzdata`` package, which
    it opens through ``importlib.resources``: every folder on the way must be a package.
    """
    root = importlib.resources.files("tzdata")
    seen: set[str] = set()
    for zone in sorted(zones):
        parts = ["zoneinfo", *zone.split("/")]
        for depth in range(len(parts)):
            package = "/".join(parts[:depth])
            init = f"tzdata/{package}/__init__.py" if package else "tzdata/__init__.py"
            if init not in seen:
                seen.add(init)
                yield init, root.joinpath(*parts[:depth], "__init__.py").read_bytes()
        yield f"tzdata/{'/'.join(parts)}", root.joinpath(*parts).read_bytes()


def all_zones() -> bytes:
    """Every zone ``tzdata`` lists, in a stored zip (HTTP compression shrinks it whole), each
    file named by its key (``Asia/Tokyo``): the folder ``zones.py`` puts on ``zoneinfo``'s path."""
    root = importlib.resources.files("tzdata")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for zone in sorted(root.joinpath("zones").read_text("utf-8").split()):
            data = root.joinpath("zoneinfo", *zone.split("/")).read_bytes()
            archive.writestr(zipfile.ZipInfo(zone, date_time=ZIP_DATE), data)
    return buffer.getvalue()
