"""The engine runs unchanged in Pyodide (Python 3.14, SQLite 3.39), as the playground needs.

Loads the playground's pinned Pyodide in Node, copies the engine package and the ``tzdata``
package (Pyodide has no system timezone database) into its file system, builds a small
dataset and runs queries on both sites. Skipped when Node or the npm packages are missing.
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

PROGRAM = """
import json, sqlite3, sys
sys.path.insert(0, "/lib/site")
from datetime import datetime
from statsref.engine import Dataset, run_query
dataset = Dataset.build(datetime.fromisoformat("2026-11-02T14:30:00+00:00"), events=3000)
bodies = [
    {"site_id": "shop.dummy.site", "metrics": ["visitors", "total_revenue"], "date_range": "30d",
     "dimensions": ["time"], "filters": [["is", "event:goal", ["Order"]]]},
    {"site_id": "dummy.site", "metrics": ["visitors", "bounce_rate"], "date_range": "30d",
     "dimensions": ["visit:region_name"],
     "filters": [["contains", "event:page", ["BLOG"], {"case_sensitive": False}]]},
    {"site_id": "dummy.site", "metrics": ["pageviews"], "date_range": "30d",
     "filters": [["matches", "event:page", ["^/docs"]]], "include": {"imports": True}},
]
json.dumps({
    "python": sys.version_info[:2], "sqlite": sqlite3.sqlite_version,
    "answers": [run_query(body, dataset=dataset) for body in bodies],
})
"""


@pytest.mark.skipif(
    shutil.which("node") is None or not (PYODIDE / "pyodide.mjs").exists(),
    reason="needs Node and the playground's npm packages (npm ci in playground/)",
)
def test_engine_answers_in_pyodide(tmp_path):
    program = tmp_path / "program.py"
    program.write_text(PROGRAM, encoding="utf-8")
    script = tmp_path / "run.mjs"
    script.write_text(
        SCRIPT
        % {
            "pyodide": PYODIDE.as_posix(),
            "engine": json.dumps(str(ENGINE)),
            "tzdata": json.dumps(str(TZDATA)),
            "program": json.dumps(str(program)),
        },
        encoding="utf-8",
    )
    done = subprocess.run(
        ["node", str(script)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["python"][0] == 3 and out["python"][1] >= 12
    statuses = [status for status, _ in out["answers"]]
    assert statuses == [200, 200, 200], out["answers"]
    series = out["answers"][0][1]["results"]
    assert series and series[0]["metrics"][1]["currency"] == "USD"
    assert out["answers"][2][1]["meta"]["imports_included"] is False
