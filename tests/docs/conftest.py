"""Fixtures for the docs tests: one strict build of the real site per session, a helper to
build a modified copy of the project, and ``statsref serve`` for running the docs' code."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PARTS = ("mkdocs.yml", "zensical.yml", "docs", "schema", "examples", "src")


def docs_command(project: Path, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """``statsref docs ARGS`` on ``project``, importing statsref from its src/, with extra
    environment ``variables`` (such as ``SITE_URL``)."""
    env = {
        **os.environ,
        **variables,
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(project / "src"), os.environ.get("PYTHONPATH")) if p
        ),
    }
    command = [sys.executable, "-m", "statsref", "docs", *args, "--root", str(project)]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)


def build_site(project: Path, out: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """``statsref docs build`` of ``project`` into ``out`` (MkDocs, strict)."""
    return docs_command(project, "build", "--site-dir", str(out), **variables)


def copy_project(target: Path) -> Path:
    """The parts of the checkout a docs build reads; the playground (npm packages) is linked."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    (target / "playground").symlink_to(ROOT / "playground", target_is_directory=True)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    started = time.perf_counter()
    result = build_site(ROOT, out)
    print(f"\nstatsref docs build: {time.perf_counter() - started:.2f} s")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def site_html(built_site: Path) -> dict[str, str]:
    """Every built HTML page, by path relative to the site."""
    return {
        str(path.relative_to(built_site)): path.read_text(encoding="utf-8")
        for path in sorted(built_site.rglob("*.html"))
        if "assets" not in path.relative_to(built_site).parts
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"statsref serve exited with {server.returncode}")
        try:
            httpx.get(f"{base}/health", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("statsref serve did not start within 120 s")


@contextmanager
def serve_mock(site_dir: Path, now: str | None = None) -> Iterator[str]:
    """``statsref serve`` on a free loopback port (its clock pinned to ``now``, else the real
    one), serving ``site_dir``; yields its base URL."""
    port = _free_port()
    command = [sys.executable, "-m", "statsref", "serve", "--port", str(port)]
    command += ["--site-dir", str(site_dir), *(["--now", now] if now else [])]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
