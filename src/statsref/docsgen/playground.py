"""Build the playground's assets into ``site/assets/playground/`` (called by the docs hook).

Three parts land there:

- the front end, bundled by esbuild (``playground/build.mjs``, run with node);
- the Pyodide runtime files, copied from the npm package (no CDN: the site is self-contained);
- ``statsref_engine.zip``: the pure-Python engine plus the ``tzdata`` zones the sites use.

Why a zip and not a wheel built by ``pyodide build``: that command first downloads a
cross-build environment, which offline machines cannot do, and the engine is pure standard
library anyway. The worker unpacks the archive with ``pyodide.unpackArchive`` and puts it on
``sys.path``: no package index, no micropip, no network, about 50 ms.
"""

from __future__ import annotations

import importlib.resources
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

from mkdocs.exceptions import PluginError

import statsref
from statsref.engine.sites import SITES

PLAYGROUND_DIR = Path(__file__).resolve().parents[3] / "playground"
OUTPUT = Path("assets") / "playground"
ENGINE_ARCHIVE = "statsref_engine.zip"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# A fixed timestamp makes the archive byte-identical from one build to the next.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


class PlaygroundBuildError(PluginError):
    """The playground could not be built; the message says what to install or fix."""


def build_playground(site_dir: Path, *, source: Path = PLAYGROUND_DIR) -> Path:
    """Write the playground into ``site_dir/assets/playground`` and return that folder."""
    modules = source / "node_modules"
    if not modules.is_dir():
        raise PlaygroundBuildError(
            f"{modules} is missing: run `npm ci` in {source} "
            "(`nox -s docs` does it for you) to install the editor and Pyodide."
        )
    out = Path(site_dir) / OUTPUT
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _bundle(source, out)
    _copy_pyodide(modules / "pyodide", out / "pyodide")
    write_engine_archive(out / ENGINE_ARCHIVE)
    return out


def _bundle(source: Path, out: Path) -> None:
    node = shutil.which("node")
    if node is None:
        raise PlaygroundBuildError(
            "`node` is not on PATH: install Node.js 20+ to build the playground."
        )
    done = subprocess.run(
        [node, "build.mjs", "--outdir", str(out.resolve())],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise PlaygroundBuildError(f"esbuild failed on the playground:\n{done.stderr.strip()}")


def _copy_pyodide(package: Path, target: Path) -> None:
    target.mkdir()
    for name in PYODIDE_FILES:
        if not (package / name).is_file():
            raise PlaygroundBuildError(
                f"{package / name} is missing: reinstall the pinned pyodide with `npm ci`."
            )
        shutil.copyfile(package / name, target / name)


def write_engine_archive(path: Path) -> None:
    """The engine package and the time zones it needs, as a zip of ``site-packages`` layout."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in sorted(_archive_members()):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def _archive_members() -> Iterator[tuple[str, bytes]]:
    package = Path(statsref.__file__).parent
    yield "statsref/__init__.py", (package / "__init__.py").read_bytes()
    for file in (package / "engine").rglob("*.py"):
        yield file.relative_to(package.parent).as_posix(), file.read_bytes()
    yield from _tzdata_members(engine_zones())


def engine_zones() -> set[str]:
    """The IANA zones the sites use, plus UTC (the default of an aware clock)."""
    return {"UTC", *(site.timezone for site in SITES.values())}


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
