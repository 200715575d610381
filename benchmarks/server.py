"""Load run for the mock server (``nox -s bench``): loopback only, bounded in time.

Starts ``statsref serve`` in a subprocess on a free 127.0.0.1 port with the corpus clock,
then runs N concurrent httpx async clients that post the corpus queries (``examples/``, valid
and invalid, in a shuffled cycle) for a fixed time. Each client has a loopback address of its
own (127.0.1.x), as clients on other machines would: the server limits queries in flight per
client. It does so once per number of workers (``--workers``, by default 1 and 2), each server
with a lazy dataset warmed up by ``--warmup`` seconds of the same load first. Prints requests
per second, p50/p99 latency and errors, side by side, and writes ``bench-results/server.json``.

An error is a transport failure, a 5xx, or a status other than the one the example expects.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from statsref.corpus.load import CorpusError
from statsref.corpus.load import load_corpus as read_corpus
from statsref.defaults import DEMO_KEY

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench-results" / "server.json"
DEMO_AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}
CORPUS_NOW = "2026-11-02T14:30:00+00:00"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    first_error: str = ""

    def record(self, seconds: float, status: int, ok: bool, detail: str) -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if not ok:
            self.errors += 1
            self.first_error = self.first_error or detail


def load_corpus(root: Path) -> list[tuple[dict, int]]:
    """``(query, expected status)`` for every example, in folder order."""
    try:
        examples = sorted(read_corpus(root), key=lambda example: example.slug)
    except CorpusError as exc:
        raise SystemExit(str(exc)) from None
    return [(example.query, example.meta.status) for example in examples]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(*options: str) -> tuple[subprocess.Popen, str, float]:
    """``statsref serve`` with ``options`` on a free loopback port: the process, its base URL
    and the seconds until ``/health`` answered."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "statsref",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    started = time.perf_counter()
    server = subprocess.Popen(
        [*command, *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < 300:
        if server.poll() is not None:
            raise SystemExit(f"statsref serve exited with {server.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return server, url, time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit("statsref serve did not answer /health within 300 s")


def loopback_client(base_url: str, address: str, timeout: float = 30.0) -> httpx.AsyncClient:
    """An HTTP client with the demo key whose connections come from ``address`` (any
    127.0.0.0/8 address): the server tells clients apart by their address."""
    transport = httpx.AsyncHTTPTransport(local_address=address)
    return httpx.AsyncClient(
        base_url=base_url, headers=DEMO_AUTH, timeout=timeout, transport=transport
    )


async def client_loop(
    base_url: str, corpus: list[tuple[dict, int]], stop_at: float, seed: int, tally: Tally
) -> None:
    """One client: its own connection and address, cycling through the corpus in its own
    order."""
    order = list(corpus)
    random.Random(seed).shuffle(order)
    async with loopback_client(base_url, f"127.0.1.{seed % 250 + 1}") as client:
        i = 0
        while time.perf_counter() < stop_at:
            query, expected = order[i % len(order)]
            i += 1
            started = time.perf_counter()
            try:
                response = await client.post("/api/v2/query", json=query)
            except httpx.HTTPError as exc:
                tally.record(time.perf_counter() - started, 0, False, repr(exc))
                continue
            elapsed = time.perf_counter() - started
            ok = response.status_code == expected
            tally.record(
                elapsed, response.status_code, ok, f"{response.status_code}: {response.text[:200]}"
            )


async def run_load(base_url: str, corpus, clients: int, seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    started = time.perf_counter()
    stop_at = started + seconds
    await asyncio.gather(
        *(client_loop(base_url, corpus, stop_at, n, tally) for n in range(clients))
    )
    return tally, time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summarise(tally: Tally, elapsed: float, args: argparse.Namespace, startup: float) -> dict:
    ms = [v * 1000 for v in tally.latencies]
    return {
        "clients": args.clients,
        "seconds": round(elapsed, 2),
        "dataset_size": args.dataset_size,
        "requests": len(ms),
        "requests_per_second": round(len(ms) / elapsed, 1),
        "latency_ms": {
            "p50": round(percentile(ms, 0.50), 2),
            "p99": round(percentile(ms, 0.99), 2),
            "mean": round(statistics.fmean(ms), 2),
            "max": round(max(ms), 2),
        },
        "errors": tally.errors,
        "first_error": tally.first_error,
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "server_startup_seconds": round(startup, 2),
    }


def write_results(path: Path, report: dict) -> None:
    """``report``, with the Python and the machine it ran on, as JSON at ``path``."""
    report = {**report, "python": platform.python_version(), "machine": platform.machine()}
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def measure(corpus: list[tuple[dict, int]], args: argparse.Namespace, workers: int) -> dict:
    """The load run against a server of ``workers`` processes, after its warm-up."""
    server, url, startup = start_server(
        "--dataset-size", str(args.dataset_size), "--now", CORPUS_NOW, "--rate-limit", "0",
        "--site-dir", str(ROOT / "bench-results" / "no-site"), "--lazy-dataset",
        *(["--workers", str(workers)] if workers != 1 else []),
    )  # fmt: skip
    try:
        asyncio.run(run_load(url, corpus, args.clients, args.warmup))
        tally, elapsed = asyncio.run(run_load(url, corpus, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    if not tally.latencies:
        raise SystemExit("no request completed")
    return {"workers": workers, **summarise(tally, elapsed, args, startup)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--dataset-size", type=int, default=100_000)
    parser.add_argument("--examples", type=Path, default=ROOT / "examples")
    parser.add_argument(
        "--workers", type=lambda text: [int(n) for n in text.split(",")], default=[1, 2]
    )
    args, _ = parser.parse_known_args(argv)
    corpus = load_corpus(args.examples)
    runs = [measure(corpus, args, workers) for workers in args.workers]
    write_results(RESULTS, {"runs": runs})
    for run in runs:
        latency = run["latency_ms"]
        print(
            f"server, {run['workers']} worker(s): {run['requests']} requests from "
            f"{args.clients} clients in {run['seconds']} s: {run['requests_per_second']} req/s, "
            f"p50 {latency['p50']} ms, p99 {latency['p99']} ms, max {latency['max']} ms, "
            f"errors {run['errors']} (statuses {run['statuses']}; server ready in "
            f"{run['server_startup_seconds']} s)"
        )
    print(
        "workers side by side: "
        + "; ".join(
            f"{run['workers']}: {run['requests_per_second']} req/s, "
            f"p99 {run['latency_ms']['p99']} ms"
            for run in runs
        )
        + f" ({os.cpu_count()} cores) -> {RESULTS.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
