"""The engine runs unchanged in Pyodide (Python 3.14, SQLite 3.39), as the playground needs.

Builds a small dataset and runs queries on both sites in the playground's pinned Pyodide, in
Node. Skipped when Node or the npm packages are missing.
"""

from __future__ import annotations

from pyodide_node import needs_pyodide, run_in_pyodide

PROGRAM = """
import json, sqlite3
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


@needs_pyodide
def test_engine_answers_in_pyodide(tmp_path):
    out = run_in_pyodide(PROGRAM, tmp_path)
    assert isinstance(out, dict)
    assert out["python"][0] == 3 and out["python"][1] >= 12
    statuses = [status for status, _ in out["answers"]]
    assert statuses == [200, 200, 200], out["answers"]
    series = out["answers"][0][1]["results"]
    assert series and series[0]["metrics"][1]["currency"] == "USD"
    assert out["answers"][2][1]["meta"]["imports_included"] is False
