"""``statsref docs generate``, ``statsref docs finish`` and ``statsref docs build``.

``build`` is the three steps in a row: generate the pages and assets (``generate``), run the
site generator on them (``mkdocs build --strict``, or ``zensical build`` with
``--generator zensical``), finish the built site (``finish``). MkDocs writes into ``site/``
(or ``--site-dir``); Zensical into the ``site_dir`` of ``zensical.yml``, which inherits
``mkdocs.yml``. Bad schema or example files stop the build with one line naming the file
(exit 2); a generator that fails passes on its exit code.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from statsref.docsgen.examples import ExampleError
from statsref.docsgen.finish import finish
from statsref.docsgen.generate import generate
from statsref.docsgen.node import PlaygroundBuildError
from statsref.docsgen.render import RenderError

MKDOCS_CONFIG = "mkdocs.yml"
ZENSICAL_CONFIG = "zensical.yml"
UNUSABLE = (ExampleError, RenderError, PlaygroundBuildError)


class GeneratorError(RuntimeError):
    """The site generator failed or is missing; ``code`` is the exit code to return."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def generate_command(args: argparse.Namespace) -> int:
    return _reported(lambda: generate(Path(args.root)))


def finish_command(args: argparse.Namespace) -> int:
    return _reported(lambda: finish(Path(args.site_dir)))


def build_command(args: argparse.Namespace) -> int:
    root = Path(args.root)

    def steps() -> None:
        generate(root)
        finish(run_generator(root, args.generator, args.site_dir))

    return _reported(steps)


def run_generator(root: Path, generator: str, site_dir: str | None = None) -> Path:
    """Build the generated sources of ``root`` with ``generator``; returns the site folder."""
    command, site = (_mkdocs if generator == "mkdocs" else _zensical)(root, site_dir)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        done = subprocess.run(command, cwd=root, env=env, check=False)
    except OSError as exc:
        raise GeneratorError(f"could not start {generator}: {exc}", 1) from exc
    if done.returncode != 0:
        raise GeneratorError(f"{generator} build failed (exit {done.returncode})", done.returncode)
    return site


def _mkdocs(root: Path, site_dir: str | None) -> tuple[list[str], Path]:
    site = Path(site_dir or root / "site").resolve()
    config = str((root / MKDOCS_CONFIG).resolve())
    build = ["build", "--strict", "-f", config, "-d", str(site)]
    return [sys.executable, "-m", "mkdocs", *build], site


def _zensical(root: Path, site_dir: str | None) -> tuple[list[str], Path]:
    if site_dir is not None:
        raise GeneratorError(f"zensical builds into the site_dir of {ZENSICAL_CONFIG}", 2)
    if importlib.util.find_spec("zensical") is None:
        raise GeneratorError("zensical is not installed: pip install 'statsref[zensical]'", 1)
    config = root / ZENSICAL_CONFIG
    site = root / yaml.safe_load(config.read_text(encoding="utf-8"))["site_dir"]
    build = ["build", "--strict", "--clean", "-f", str(config)]
    return [sys.executable, "-m", "zensical", *build], site.resolve()


def _reported(step: Callable[[], object]) -> int:
    """Run ``step``: bad input files are one line on stderr (exit 2), never a traceback."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        step()
    except UNUSABLE as exc:
        print(f"statsref docs: {exc}", file=sys.stderr)
        return 2
    except GeneratorError as exc:
        print(f"statsref docs: {exc}", file=sys.stderr)
        return exc.code
    return 0
