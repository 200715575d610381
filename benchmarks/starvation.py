"""Starvation run for the mock server (``nox -s bench``): loopback only, bounded in time.

Starts ``statsref serve`` as ``benchmarks.server`` does, with a one-page site, then runs 8
normal clients sending a 7-day aggregate in a loop, twice: alone, then while 8 attackers loop
the heavy query of issue 20 (nine metrics over ``365d`` by six dimensions) and one reader
loads ``GET /``. Every client has a loopback address of its own (127.0.x.y), as clients on
other machines would. Prints the normal clients' p50/p99/max in both phases, the attackers'
statuses and the page's slowest load; writes ``bench-results/starvation.json``.

The goal (issue 20): the normal clients' p99 under 1 s while the attackers loop.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from .server import (
    CORPUS_NOW,
    ROOT,
    Tally,
    client_loop,
    loopback_client,
    percentile,
    start_server,
    write_results,
)

RESULTS = ROOT / "bench-results" / "starvation.json"
SITE = ROOT / "bench-results" / "one-page-site"
NORMAL = {"site_id": "dummy.site", "metrics": ["visitors", "pageviews"], "date_range": "7d"}
HEAVY = {
    "site_id": "dummy.site",
    "metrics": [
        "visitors",
        "visits",
        "pageviews",
        "bounce_rate",
        "visit_duration",
        "events",
        "percentage",
        "scroll_depth",
        "time_on_page",
    ],
    "date_range": "365d",
    "dimensions": [
        "event:page",
        "visit:city",
        "visit:referrer",
        "visit:browser_version",
        "visit:os_version",
        "time:hour",
    ],
}
TIMEOUT = 60.0
QUERY = "/api/v2/query"


@dataclass
class Statuses:
    """What the attackers got: a count per status (or exception name) and their latencies."""

    counts: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)

    def record(self, status: str, seconds: float) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        self.latencies.append(seconds)


async def repeat(
    base_url: str,
    address: str,
    stop_at: float,
    seen: Statuses,
    send: Callable[[httpx.AsyncClient], Awaitable[httpx.Response]],
    pause: float = 0.0,
) -> None:
    """Sends a request with ``send`` until ``stop_at``, whatever the answer (an attacker
    heeds no ``Retry-After``), pausing ``pause`` seconds after each."""
    async with loopback_client(base_url, address, TIMEOUT) as http:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                status = str((await send(http)).status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            seen.record(status, time.perf_counter() - started)
            await asyncio.sleep(pause)


async def run_phase(
    base_url: str, clients: int, attackers: int, seconds: float
) -> tuple[Tally, Statuses, Statuses]:
    tally, attacks, pages = Tally(), Statuses(), Statuses()
    stop_at = time.perf_counter() + seconds
    tasks = [client_loop(base_url, [(NORMAL, 200)], stop_at, n, tally) for n in range(clients)]
    tasks += [
        repeat(
            base_url,
            f"127.0.2.{n + 1}",
            stop_at,
            attacks,
            lambda http: http.post(QUERY, json=HEAVY),
        )
        for n in range(attackers)
    ]
    tasks.append(repeat(base_url, "127.0.3.1", stop_at, pages, lambda http: http.get("/"), 0.2))
    await asyncio.gather(*tasks)
    return tally, attacks, pages


def seconds_summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {
        "p50": round(percentile(values, 0.50), 3),
        "p99": round(percentile(values, 0.99), 3),
        "max": round(max(values), 3),
    }


def write_site() -> None:
    """A one-page site, so ``GET /`` goes through the site's file serving."""
    SITE.mkdir(parents=True, exist_ok=True)
    (SITE / "index.html").write_text("<!doctype html><title>statsref</title><p>ok\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--attackers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0, help="per phase")
    parser.add_argument("--dataset-size", type=int, default=100_000)
    args, _ = parser.parse_known_args(argv)
    write_site()
    options = [
        "--dataset-size", str(args.dataset_size), "--now", CORPUS_NOW, "--rate-limit", "0",
        "--site-dir", str(SITE),
    ]  # fmt: skip
    server, url, _ = start_server(*options)
    try:
        alone, _, _ = asyncio.run(run_phase(url, args.clients, 0, args.seconds))
        attacked, attacks, pages = asyncio.run(
            run_phase(url, args.clients, args.attackers, args.seconds)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = {
        "clients": args.clients,
        "attackers": args.attackers,
        "seconds_per_phase": args.seconds,
        "normal_alone_seconds": seconds_summary(alone.latencies),
        "normal_alone_requests": len(alone.latencies),
        "normal_attacked_seconds": seconds_summary(attacked.latencies),
        "normal_attacked_requests": len(attacked.latencies),
        "normal_attacked_statuses": {str(k): v for k, v in sorted(attacked.statuses.items())},
        "normal_attacked_first_error": attacked.first_error,
        "attacker_statuses": attacks.counts,
        "attacker_seconds": seconds_summary(attacks.latencies),
        "page_seconds": seconds_summary(pages.latencies),
        "page_statuses": pages.counts,
    }
    write_results(RESULTS, report)
    quiet, under = report["normal_alone_seconds"], report["normal_attacked_seconds"]
    print(
        f"starvation: {args.clients} normal clients, p50/p99/max {quiet['p50']}/{quiet['p99']}/"
        f"{quiet['max']} s alone; {under['p50']}/{under['p99']}/{under['max']} s while "
        f"{args.attackers} attackers loop the heavy query (statuses "
        f"{report['normal_attacked_statuses']}) -> {RESULTS.relative_to(ROOT)}"
    )
    print(
        f"  attackers: {attacks.counts}, p50/max {report['attacker_seconds'].get('p50')}/"
        f"{report['attacker_seconds'].get('max')} s; GET / p99/max "
        f"{report['page_seconds'].get('p99')}/{report['page_seconds'].get('max')} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
