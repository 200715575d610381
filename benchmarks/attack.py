"""Slow-attacker run for the mock server (``nox -s bench``): loopback only, bounded in time.

Starts ``statsref serve`` as ``benchmarks.server`` does (or uses ``--url``), then runs the 32
normal clients of the load benchmark twice: alone, then while one attacker client cycles
through the slow patterns of issue 9 (the costliest queries the work budget still lets
through, the ones it refuses, half-open connections, a trickled body, a client that leaves
mid-query). Prints the normal clients' p50/p99/max in both phases, the attacker's slowest
answer per pattern, and the server's memory; writes ``bench-results/attack.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from .server import (
    CORPUS_NOW,
    DEMO_AUTH,
    ROOT,
    Tally,
    client_loop,
    load_corpus,
    percentile,
    start_server,
    write_results,
)

RESULTS = ROOT / "bench-results" / "attack.json"
BASE = {"site_id": "dummy.site", "metrics": ["visitors", "pageviews"]}
HALF_OPEN = 300
ATTACK_TIMEOUT = 30.0


def _query(**changes: object) -> dict:
    return {**BASE, **changes}


QUERIES = {
    "hourly, 416 days with labels (at the bucket cap)": _query(
        date_range=["2025-09-01", "2026-10-21"],
        dimensions=["time:hour"],
        include={"time_labels": True},
    ),
    "hourly 1000..2999 with labels": _query(
        date_range=["1000-01-01", "2999-12-31"],
        dimensions=["time:hour"],
        include={"time_labels": True},
    ),
    "regex of 992 states over a year": _query(
        date_range="all", filters=[["matches", "event:page", ["(?:.?){495}\x01"]]]
    ),
    "(?:.?){9900}\\x01": _query(
        date_range="all", filters=[["matches", "event:page", ["(?:.?){9900}\x01"]]]
    ),
    "50 OR-ed case-insensitive filters over a year": _query(
        date_range="all",
        filters=[
            [
                "or",
                [
                    ["contains", "event:page", [f"zz{i}"], {"case_sensitive": False}]
                    for i in range(50)
                ],
            ]
        ],
    ),
    "900 case-insensitive clauses over a year": _query(
        date_range="all",
        filters=[
            ["contains", "event:page", [f"zz{i}" for i in range(900)], {"case_sensitive": False}]
        ],
    ),
    "five dimensions over a year": _query(
        date_range="all",
        dimensions=[
            "visit:city",
            "event:page",
            "time:hour",
            "visit:browser_version",
            "visit:os_version",
        ],
        include={"total_rows": True},
    ),
    "1,000 filters": _query(date_range="7d", filters=[["contains", "event:page", ["a"]]] * 1000),
}


@dataclass
class Attack:
    """The attacker's slowest answer and statuses per pattern."""

    slowest: dict[str, float] = field(default_factory=dict)
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)

    def record(self, name: str, seconds: float, status: str) -> None:
        self.slowest[name] = max(self.slowest.get(name, 0.0), seconds)
        counts = self.statuses.setdefault(name, {})
        counts[status] = counts.get(status, 0) + 1


def _address(base_url: str) -> tuple[str, int]:
    host, port = base_url.removeprefix("http://").split(":")
    return host, int(port)


async def _post_query(client: httpx.AsyncClient, body: dict) -> str:
    response = await client.post("/api/v2/query", json=body, timeout=ATTACK_TIMEOUT)
    return str(response.status_code)


async def _half_open(base_url: str) -> str:
    """Hold ``HALF_OPEN`` connections with half a request each until the server closes them
    (or ``ATTACK_TIMEOUT`` passes)."""
    host, port = _address(base_url)
    opened = []
    for _ in range(HALF_OPEN):
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"POST /api/v2/query HTTP/1.1\r\nHost: x\r\nContent-Le")
        opened.append((reader, writer))
    reads = [asyncio.ensure_future(reader.read()) for reader, _ in opened]
    await asyncio.wait(reads, timeout=ATTACK_TIMEOUT)
    for read in reads:
        read.cancel()
    for _, writer in opened:
        writer.close()
    closed = sum(read.done() and not read.cancelled() for read in reads)
    return f"{closed} of {HALF_OPEN} closed by the server"


async def _trickled_body(base_url: str) -> str:
    """A valid query sent one byte every 0.5 s, until the server answers."""
    host, port = _address(base_url)
    body = json.dumps(_query(date_range="7d")).encode()
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        b"POST /api/v2/query HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-key\r\n"
        b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
    )
    answer = asyncio.ensure_future(reader.read())
    try:
        for byte in body:
            if answer.done():
                break
            writer.write(bytes([byte]))
            await asyncio.sleep(0.5)
        text = await asyncio.wait_for(answer, ATTACK_TIMEOUT)
    except (ConnectionError, TimeoutError):
        return "no answer"
    finally:
        writer.close()
    return text.split(b" ", 2)[1].decode() if text else "closed without an answer"


async def _gone_mid_query(base_url: str) -> str:
    """Five patterns of 940 states in all, over a year, the client gone after 0.5 s."""
    body = json.dumps(
        _query(
            date_range="all",
            filters=[["matches", "event:page", [f"(?:.?){{{95 - i}}}\x01" for i in range(5)]]],
        )
    ).encode()
    with socket.create_connection(_address(base_url)) as sock:
        sock.sendall(
            b"POST /api/v2/query HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-key\r\n"
            b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        )
        await asyncio.sleep(0.5)
    return "left"


async def attacker(base_url: str, stop_at: float, attack: Attack) -> None:
    """One client, one pattern after another, until ``stop_at``."""
    async with httpx.AsyncClient(base_url=base_url, headers=DEMO_AUTH) as client:
        patterns: list[tuple[str, Callable[[], Awaitable[str]]]] = [
            (name, lambda body=body: _post_query(client, body)) for name, body in QUERIES.items()
        ]
        patterns += [
            ("five costly patterns, client gone after 0.5 s", lambda: _gone_mid_query(base_url)),
            ("trickled body, 1 byte / 0.5 s", lambda: _trickled_body(base_url)),
            (f"{HALF_OPEN} half-open connections", lambda: _half_open(base_url)),
        ]
        while time.perf_counter() < stop_at:
            for name, run in patterns:
                if time.perf_counter() >= stop_at:
                    return
                started = time.perf_counter()
                try:
                    status = await run()
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                attack.record(name, time.perf_counter() - started, status)


async def run_phase(base_url: str, corpus, clients: int, seconds: float, attacked: bool):
    tally, attack = Tally(), Attack()
    stop_at = time.perf_counter() + seconds
    tasks = [client_loop(base_url, corpus, stop_at, n, tally) for n in range(clients)]
    if attacked:
        tasks.append(attacker(base_url, stop_at, attack))
    await asyncio.gather(*tasks)
    return tally, attack


def memory_kb(pid: int | None) -> dict[str, int]:
    """The server's resident and peak memory (Linux only, else empty)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (OSError, TypeError):
        return {}
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {name: int(fields[name].split()[0]) for name in ("VmRSS", "VmHWM") if name in fields}


def latency(tally: Tally) -> dict:
    ms = [v * 1000 for v in tally.latencies]
    return {
        "requests": len(ms),
        "p50_ms": round(percentile(ms, 0.50), 1),
        "p99_ms": round(percentile(ms, 0.99), 1),
        "max_ms": round(max(ms), 1),
        "errors": tally.errors,
        "first_error": tally.first_error,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20.0, help="per phase")
    parser.add_argument("--dataset-size", type=int, default=100_000)
    parser.add_argument("--url", help="attack this running server instead of starting one")
    parser.add_argument("--examples", type=Path, default=ROOT / "examples")
    args, _ = parser.parse_known_args(argv)
    corpus = load_corpus(args.examples)
    server = None
    url = args.url
    if url is None:
        server, url, _ = start_server(
            "--dataset-size", str(args.dataset_size), "--now", CORPUS_NOW, "--rate-limit", "0",
            "--site-dir", str(ROOT / "bench-results" / "no-site"),
        )  # fmt: skip
    pid = server.pid if server else None
    try:
        quiet, _ = asyncio.run(run_phase(url, corpus, args.clients, args.seconds, False))
        before = memory_kb(pid)
        attacked, attack = asyncio.run(run_phase(url, corpus, args.clients, args.seconds, True))
        after = memory_kb(pid)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    report = {
        "clients": args.clients,
        "seconds_per_phase": args.seconds,
        "normal_clients_alone": latency(quiet),
        "normal_clients_under_attack": latency(attacked),
        "attacker_slowest_seconds": {k: round(v, 2) for k, v in attack.slowest.items()},
        "attacker_statuses": attack.statuses,
        "server_memory_kb": {"before_attack": before, "after_attack": after},
    }
    write_results(RESULTS, report)
    alone, under = report["normal_clients_alone"], report["normal_clients_under_attack"]
    print(
        f"attack: {args.clients} normal clients, p99 {alone['p99_ms']} ms alone, "
        f"{under['p99_ms']} ms under attack (p50 {under['p50_ms']} ms, max {under['max_ms']} ms, "
        f"errors {under['errors']}) -> {RESULTS.relative_to(ROOT)}"
    )
    for name, seconds in report["attacker_slowest_seconds"].items():
        print(f"  {seconds:7.2f} s  {name}: {attack.statuses[name]}")
    if before and after:
        print(f"  server peak memory {before['VmHWM'] // 1024} MB -> {after['VmHWM'] // 1024} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
