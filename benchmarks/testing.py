"""What ``statsref.testing`` costs a test session (``nox -s bench``).

- server: ``start_server``, as the ``statsref_server`` fixture calls it, from the call until
  ``/health`` answers (a child process: interpreter start, imports, lazy dataset);
- transport: a fresh interpreter, from ``import statsref.testing`` to the first answer of a
  ``StatsrefTransport`` (imports, app, lifespan, the days a 7-day query reads), and then the
  time of one more answer.

Prints the median and the slowest of ``--repeat`` runs and writes
``bench-results/testing.json``. Targets: the server starts well under 3 s; the transport's first
answer comes in under 1 s.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from statsref.testing.server import start_server

RESULTS = Path("bench-results") / "testing.json"
NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")
FIRST_ANSWER = """
import json, time
started = time.perf_counter()
import httpx
from statsref.testing import StatsrefTransport
imported = time.perf_counter()
client = httpx.Client(transport=StatsrefTransport(), base_url="https://plausible.io")
query = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
key = {"Authorization": "Bearer demo-key"}
def answer():
    response = client.post("/api/v2/query", json=query, headers=key)
    assert response.status_code == 200, response.text
answer()
first = time.perf_counter()
answer()
print(json.dumps({"import": imported - started, "first_answer": first - started,
                  "next_answer": time.perf_counter() - first}))
client.close()
"""


def server_start(folder: Path) -> float:
    folder.mkdir()
    started = time.perf_counter()
    server = start_server(NOW, folder)
    elapsed = time.perf_counter() - started
    server.stop()
    return elapsed


def transport_run() -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_ANSWER], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def figures(seconds: list[float]) -> dict[str, float]:
    ms = [value * 1000 for value in seconds]
    return {"median_ms": round(statistics.median(ms), 1), "max_ms": round(max(ms), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        starts = [server_start(Path(folder) / str(run)) for run in range(args.repeat)]
    runs = [transport_run() for _ in range(args.repeat)]
    report = {
        "server_start": figures(starts),
        **{name: figures([run[name] for run in runs]) for name in runs[0]},
        "repeat": args.repeat,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(
        f"testing: statsref_server ready in {report['server_start']['median_ms']} ms "
        f"(slowest {report['server_start']['max_ms']}); StatsrefTransport's first answer "
        f"{report['first_answer']['median_ms']} ms after import (slowest "
        f"{report['first_answer']['max_ms']}; imports {report['import']['median_ms']}), "
        f"the next {report['next_answer']['median_ms']} ms; median of {args.repeat} "
        f"-> {RESULTS}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
