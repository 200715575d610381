"""Run a Python program in the playground's pinned Pyodide, in Node, with the engine loaded.

The engine package and the ``tzdata`` package (Pyodide has no system timezone database) are
copied into Pyodide's file system under ``/lib/site``, as the playground's archive lays them out.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import tzdata

import statsref.engine

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "playground" / "node_modules" / "pyodide"
ENGINE = Path(statsref.engine.__file__).parent
TZDATA = Path(tzdata.__file__).parent
PROLOGUE = 'import sys\nsys.path.insert(0, "/lib/site")\n'

SCRIPT = """
import { loadPyodide } from "%(pyodide)s/pyodide.mjs";
import fs from "node:fs";
import path from "node:path";
const py = await loadPyodide({ indexURL: "%(pyodide)s/" });
function copyTree(src, dst) {
  py.FS.mkdirTree(dst);
  for (const name of fs.readdirSync(src)) {
    if (name === "__pycache__") continue;
    const from = path.join(src, name);
    if (fs.statSync(from).isDirectory()) copyTree(from, dst + "/" + name);
    else py.FS.writeFile(dst + "/" + name, fs.readFileSync(from));
  }
}
copyTree(%(engine)s, "/lib/site/statsref/engine");
py.FS.writeFile("/lib/site/statsref/__init__.py", "");
copyTree(%(tzdata)s, "/lib/site/tzdata");
console.log(py.runPython(fs.readFileSync(%(program)s, "utf8")));
"""

needs_pyodide = pytest.mark.skipif(
    shutil.which("node") is None or not (PYODIDE / "pyodide.mjs").exists(),
    reason="needs Node and the playground's npm packages (npm ci in playground/)",
)


def run_in_pyodide(program: str, tmp_path: Path) -> object:
    """The JSON value the last expression of ``program`` gives as a string, run in Pyodide."""
    source = tmp_path / "program.py"
    source.write_text(PROLOGUE + program, encoding="utf-8")
    script = tmp_path / "run.mjs"
    script.write_text(
        SCRIPT
        % {
            "pyodide": PYODIDE.as_posix(),
            "engine": json.dumps(str(ENGINE)),
            "tzdata": json.dumps(str(TZDATA)),
            "program": json.dumps(str(source)),
        },
        encoding="utf-8",
    )
    done = subprocess.run(
        ["node", str(script)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
