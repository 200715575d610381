"""A real ``statsref serve`` in a child process on a free loopback port: the ``statsref_server``
fixture, for code that needs a URL (another process, a client that is not httpx).

The server runs with a lazy dataset (``--lazy-dataset``), so it answers ``/health`` as soon as
its imports are done. Its log (uvicorn's lines and one line per request) goes to a file, named
in every error. A port is picked free, then handed to the server: should another process take
it in between, the server fails to bind and is started again on another port.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

from statsref.defaults import DEMO_KEY

HOST = "127.0.0.1"
PORT_ATTEMPTS = 3
START_SECONDS = 60.0
STOP_SECONDS = 10.0
POLL_SECONDS = 0.02
LOG_TAIL_LINES = 20


class ServerStartError(RuntimeError):
    """``statsref serve`` exited or did not answer in time; the message holds its log's end."""


@dataclass(frozen=True)
class RunningServer:
    """A started server: its base ``url``, the API ``key`` it accepts, the clock ``now`` it is
    pinned to, and its ``log`` file."""

    url: str
    key: str
    now: datetime
    log: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(
    now: datetime,
    folder: Path,
    *,
    key: str = DEMO_KEY,
    rate_limit: int = 0,
    sites: Path | None = None,
    timeout: float = START_SECONDS,
) -> RunningServer:
    """``statsref serve`` pinned to ``now``, accepting ``key`` (``rate_limit`` requests per
    hour, 0: no limit), for the sites of the file ``sites`` (default: the demo sites), serving
    no site, its log in ``folder``; returns once ``/health`` answers. Raises
    ``ServerStartError`` if it exits (a bad sites file, say) or does not answer in ``timeout``."""
    for _ in range(PORT_ATTEMPTS):
        port = free_port()
        log = folder / f"statsref-serve-{port}.log"
        options = ["--port", str(port), "--now", now.isoformat(), "--keys", key]
        options += ["--rate-limit", str(rate_limit), "--site-dir", str(folder / "no-site")]
        options += ["--queries-per-client", "0"]  # a test's requests all come from one client
        options += ["--sites", str(sites)] if sites is not None else []
        process = _spawn(options, log)
        url = f"http://{HOST}:{port}"
        if _answers(process, url, log, timeout):
            return RunningServer(url=url, key=key, now=now, log=log, process=process)
        if "address already in use" not in log.read_text(errors="replace").lower():
            reason = f"statsref serve exited with {process.returncode}"
            raise ServerStartError(_failure(reason, log))
    raise ServerStartError(_failure(f"no free port after {PORT_ATTEMPTS} attempts", log))


def _spawn(options: list[str], log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "statsref", "serve", "--host", HOST, "--lazy-dataset"]
    with log.open("wb") as output:
        return subprocess.Popen(
            [*command, *options], stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )


def _answers(process: subprocess.Popen[bytes], url: str, log: Path, timeout: float) -> bool:
    """True once ``/health`` answers 200, False if the process exits first."""
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=url, timeout=POLL_SECONDS * 50) as client:
        while process.poll() is None:
            try:
                if client.get("/health").status_code == 200:
                    return True
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                raise ServerStartError(_failure(f"no answer from {url} in {timeout:g} s", log))
            time.sleep(POLL_SECONDS)
    return False


def _failure(reason: str, log: Path) -> str:
    tail = log.read_text(errors="replace").splitlines()[-LOG_TAIL_LINES:]
    return "\n".join([f"statsref serve did not start: {reason}; the end of {log}:", *tail])
