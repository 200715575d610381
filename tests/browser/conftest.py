"""End-to-end fixtures: one built site per session, served by ``statsref serve`` on a free
loopback port, and pytest-playwright driving Debian's Chromium.

These tests fail, never skip, when Chromium is missing: CI installs it (``.ci/run``).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import BrowserContext

from statsref.defaults import DEMO_KEY

from . import chromium

CHROMIUM = os.environ.get("STATSREF_CHROMIUM", chromium.CHROMIUM)
REPO = Path(__file__).resolve().parents[2]
LIVE_KEY = "browser-test-live-key-7f3a"  # accepted by the test server, never sent elsewhere
SERVER_START_TIMEOUT_S = 120


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium (.ci/run does) "
            "or point STATSREF_CHROMIUM at one."
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": chromium.CHROMIUM_ARGS}


def build(out: Path, **variables: str) -> Path:
    """``statsref docs build`` into ``out`` (pages generated, ``mkdocs build --strict``, the site
    finished), with extra environment ``variables`` such as ``SITE_URL``."""
    done = subprocess.run(
        [sys.executable, "-m", "statsref", "docs", "build", "--site-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **variables},
    )
    if done.returncode != 0:
        pytest.fail(f"docs build failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return out


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port the suite's site is built for and served on. Material's instant navigation
    follows only links its sitemap lists, which carry the address the site was built for: so
    readers of a published site navigate, so do the tests."""
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    return build(tmp_path_factory.mktemp("site"), SITE_URL=f"http://127.0.0.1:{site_port}/")


@pytest.fixture(scope="session")
def corpus(built_site: Path) -> list[dict]:
    examples = json.loads((built_site / "assets" / "examples.json").read_text())
    assert examples, "the site has no examples to run"
    return examples


@pytest.fixture(scope="session")
def timeseries(corpus: list[dict]) -> dict:
    """The first successful example with a time dimension: the one whose answer has a chart."""
    return next(
        e
        for e in corpus
        if e["status"] == 200
        and any(d.startswith("time") for d in e["query"].get("dimensions", []))
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"statsref serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"statsref serve did not answer /health within {SERVER_START_TIMEOUT_S} s")


@contextmanager
def serve(site: Path, log: Path, *args: str, port: int | None = None) -> Iterator[str]:
    """``statsref serve`` on ``site`` (on a free loopback port unless given) with extra ``args``,
    its output in ``log``; yields its URL once it answers /health, stops it after."""
    port = port or free_port()
    command = [sys.executable, "-m", "statsref", "serve", "--port", str(port)]
    command += ["--site-dir", str(site), *args]
    with log.open("a") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(built_site: Path, site_port: int, corpus: list[dict], tmp_path_factory) -> Iterator[str]:
    """``statsref serve`` on the built site (on the port it was built for), its clock pinned to
    the examples' clock."""
    log = tmp_path_factory.mktemp("server") / "serve.log"
    keys = f"{DEMO_KEY},{LIVE_KEY}"
    args = ("--now", corpus[0]["now"], "--keys", keys)
    with serve(built_site, log, *args, port=site_port) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(server: str) -> str:
    return server


@pytest.fixture(autouse=True)
def only_loopback(context: BrowserContext) -> Iterator[list[str]]:
    """Every request the page or its worker makes must go to 127.0.0.1."""
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    yield requested
    remote = [
        url
        for url in requested
        if urlsplit(url).scheme in ("http", "https", "ws", "wss")
        and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert not remote, f"requests left the machine: {remote}"
