"""The safety net under the playground's trimmed standard library, run inside Pyodide.

The worker starts Python on a pack that holds only the standard library modules the build saw
Pyodide, this worker and the engine import (``playground/pack-python.mjs`` records them by
running the corpus). A query that reaches a module nobody recorded must still work, so this
finder, last on ``sys.meta_path``, answers any standard library name the pack lacks: the first
time, it fetches Pyodide's full ``python_stdlib.zip`` through the worker's synchronous
``fetch_stdlib`` (a JS function returning the bytes), writes it to the file system, and from
then on finds the module in that zip, where its own package's folder would be.

It is installed once Pyodide has started: what Pyodide itself imports while starting must be
in the pack (the browser tests check that a run fetches no ``python_stdlib.zip``).
"""

import sys
from importlib.machinery import PathFinder

FULL_STDLIB = "/lib/python_stdlib_full.zip"
# Pyodide's own packages travel in the same zip as the standard library.
FALLBACK_NAMES = sys.stdlib_module_names | {"pyodide", "_pyodide"}


class StdlibFallback:
    def __init__(self, fetch_stdlib):
        self._fetch_stdlib = fetch_stdlib
        self._fetched = False

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] not in FALLBACK_NAMES:
            return None
        if not self._fetched:
            with open(FULL_STDLIB, "wb") as archive:
                archive.write(self._fetch_stdlib().to_bytes())
            self._fetched = True
        parent = fullname.rpartition(".")[0]
        folder = "/".join([FULL_STDLIB, *parent.split(".")]) if parent else FULL_STDLIB
        return PathFinder.find_spec(fullname, [folder], target)


def install(fetch_stdlib):
    """Put the fallback last on ``sys.meta_path``."""
    sys.meta_path.append(StdlibFallback(fetch_stdlib))
