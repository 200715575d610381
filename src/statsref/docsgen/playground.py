"""Build the playground's assets into ``assets/playground/`` of the generated docs folder
(``statsref docs generate``), which the site generator copies as they are.

Two parts land there:

- the Python side of the in-browser mock: Pyodide's runtime and the pack of precompiled
  standard library modules and engine the worker starts it on (``python_runtime``);
- the front end, bundled by esbuild (``playground/build.mjs``, run with node), which is told
  the names of those two so the worker can load them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from statsref.docsgen.buildcache import BuildCache
from statsref.docsgen.examples import Example
from statsref.docsgen.node import PlaygroundBuildError, find_node, run_node
from statsref.docsgen.python_runtime import install_python

PLAYGROUND_DIR = Path(__file__).resolve().parents[3] / "playground"
OUTPUT = Path("assets") / "playground"


def build_cache(source: Path = PLAYGROUND_DIR) -> BuildCache:
    """Where the slow build steps keep their results (``npm ci`` empties it)."""
    return BuildCache(source / "node_modules" / ".cache" / "statsref")


def build_playground(
    site_dir: Path, examples: Sequence[Example], *, source: Path = PLAYGROUND_DIR
) -> Path:
    """Write the playground into ``site_dir/assets/playground`` and return that folder.

    ``examples`` are the queries the Python pack is recorded with (the corpus).
    """
    modules = source / "node_modules"
    if not modules.is_dir():
        raise PlaygroundBuildError(
            f"{modules} is missing: run `npm ci` in {source} "
            "(`nox -s docs` does it for you) to install the editor and Pyodide."
        )
    node = find_node()
    out = Path(site_dir) / OUTPUT
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    python = install_python(out, examples, node=node, source=source, cache=build_cache(source))
    run_node(
        node,
        source,
        "build.mjs",
        "--outdir",
        str(out.resolve()),
        "--python",
        json.dumps(python.worker_config()),
        failure="esbuild failed on the playground",
    )
    return out
