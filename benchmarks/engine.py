"""Engine benchmark: dataset build time, per-query latency and peak memory at several sizes.

Run with ``nox -s bench`` or ``python -m benchmarks.engine [--sizes 100000 1000000]
[--repeat 15]``. Prints a table per size and writes ``bench-results/engine.json``.
Targets: build under 2 s at 100k events; p50 under 30 ms per query at 100k, 300 ms at 1M.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import resource
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from statsref.engine import Dataset, run_query

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")
OUTPUT = Path("bench-results") / "engine.json"
SITE = "dummy.site"

QUERIES: dict[str, dict[str, Any]] = {
    "aggregate 30d": {
        "metrics": [
            "visitors",
            "visits",
            "pageviews",
            "views_per_visit",
            "bounce_rate",
            "visit_duration",
        ],
        "date_range": "30d",
    },
    "aggregate 12mo": {"metrics": ["visitors", "pageviews", "bounce_rate"], "date_range": "12mo"},
    "timeseries by day": {
        "metrics": ["visitors", "pageviews"],
        "date_range": "30d",
        "dimensions": ["time:day"],
    },
    "timeseries by hour": {
        "metrics": ["visitors", "visits"],
        "date_range": "7d",
        "dimensions": ["time:hour"],
    },
    "breakdown by source": {
        "metrics": ["visitors", "bounce_rate", "visit_duration"],
        "date_range": "30d",
        "dimensions": ["visit:source"],
    },
    "two dimensions": {
        "metrics": ["visitors", "pageviews"],
        "date_range": "30d",
        "dimensions": ["visit:country_name", "visit:device"],
    },
    "custom property": {
        "metrics": ["visitors", "events"],
        "date_range": "30d",
        "dimensions": ["event:props:author"],
        "filters": [["is_not", "event:props:author", ["(none)"]]],
    },
    "goals with conversion rate": {
        "metrics": ["visitors", "events", "conversion_rate"],
        "date_range": "30d",
        "dimensions": ["event:goal"],
    },
    "revenue by goal": {
        "metrics": ["total_revenue", "average_revenue"],
        "date_range": "6mo",
        "filters": [["is", "event:goal", ["Purchase"]]],
    },
    "regex filter": {
        "metrics": ["visitors", "pageviews", "scroll_depth", "time_on_page"],
        "date_range": "30d",
        "dimensions": ["event:page"],
        "filters": [["matches", "event:page", ["^/blog/.+"]]],
    },
    "has_done": {
        "metrics": ["visitors", "visits"],
        "date_range": "30d",
        "dimensions": ["visit:channel"],
        "filters": [["has_done", ["is", "event:goal", ["Signup"]]]],
    },
    "time labels by week": {
        "metrics": ["visitors"],
        "date_range": "6mo",
        "dimensions": ["time:week"],
        "include": {"time_labels": True},
    },
    "pagination": {
        "metrics": ["visitors"],
        "date_range": "30d",
        "dimensions": ["event:page"],
        "pagination": {"limit": 5, "offset": 5},
        "include": {"total_rows": True},
    },
    "imports": {
        "metrics": ["visitors", "pageviews"],
        "date_range": "24mo",
        "dimensions": ["time:month"],
        "include": {"imports": True},
    },
}


def peak_rss_mb() -> float:
    """The process's peak resident memory (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def time_query(dataset: Dataset, body: dict[str, Any], repeat: int) -> tuple[list[float], ...]:
    """Wall-clock and CPU milliseconds per run; the first (warm-up) run is not counted.

    CPU time is printed too because the machines this runs on are often shared: wall time
    then includes waiting for a core, CPU time does not.
    """
    body = {"site_id": SITE, **body}
    status, response = run_query(body, dataset=dataset)
    if status != 200:
        raise SystemExit(f"benchmark query failed: {body} -> {response}")
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        run_query(body, dataset=dataset)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_size(events: int, repeat: int) -> dict[str, Any]:
    gc.collect()
    started, started_cpu = time.perf_counter(), time.process_time()
    dataset = Dataset.build(NOW, events=events)
    build, build_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    generated = sum(len(dataset.events(domain)) for domain in dataset.site_index)
    print(
        f"\n{events:,} events requested, {generated:,} generated: dataset built in "
        f"{build:.2f} s ({build_cpu:.2f} s CPU)"
    )
    print(f"{'query':<30}{'p50 ms':>10}{'p95 ms':>10}{'p50 CPU ms':>12}")
    queries = {}
    for name, body in QUERIES.items():
        wall, cpu = time_query(dataset, body, repeat)
        p50, p95, p50_cpu = statistics.median(wall), percentile(wall, 0.95), statistics.median(cpu)
        queries[name] = {
            "p50_ms": round(p50, 2),
            "p95_ms": round(p95, 2),
            "p50_cpu_ms": round(p50_cpu, 2),
        }
        print(f"{name:<30}{p50:>10.2f}{p95:>10.2f}{p50_cpu:>12.2f}")
    peak = peak_rss_mb()
    print(f"peak memory (process RSS so far): {peak:.0f} MB")
    dataset.db.close()
    return {
        "events_requested": events,
        "events_generated": generated,
        "build_s": round(build, 3),
        "build_cpu_s": round(build_cpu, 3),
        "queries": queries,
        "peak_rss_mb": round(peak, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=15)
    args, _ = parser.parse_known_args(argv)
    results = [bench_size(size, args.repeat) for size in args.sizes]
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(
        json.dumps(
            {
                "python": platform.python_version(),
                "now": NOW.isoformat(),
                "repeat": args.repeat,
                "sizes": results,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\nwrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
