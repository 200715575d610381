"""Task sessions. ``make test`` (the README's test command, which ``.ci/run`` calls) runs
``nox -s lint tests``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import nox

nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "tests"]

PLAYGROUND = "playground"


def _install(session: nox.Session, *extras: str) -> None:
    spec = f".[{','.join(extras)}]" if extras else "."
    session.install("-e", spec)


def _npm_ci(session: nox.Session) -> None:
    """Install the playground's pinned npm dependencies, once per lockfile change."""
    stamp = os.path.join(PLAYGROUND, "node_modules", ".package-lock.json")
    lock = os.path.join(PLAYGROUND, "package-lock.json")
    if not os.path.exists(stamp) or os.path.getmtime(stamp) < os.path.getmtime(lock):
        with session.chdir(PLAYGROUND):
            session.run("npm", "ci", "--no-audit", "--no-fund", external=True)


def _build_site(session: nox.Session, generator: str = "mkdocs") -> None:
    """``statsref docs build``: generate the pages and assets, run the site generator, finish."""
    _npm_ci(session)
    started = time.perf_counter()
    session.run("statsref", "docs", "build", "--generator", generator)
    session.log(f"site built with {generator} in {time.perf_counter() - started:.2f} s")


@nox.session
def tests(session: nox.Session) -> None:
    """The full suite: unit, corpus, docs, server and browser tests.

    The docs and browser tests build the site themselves (strictly, into temporary folders),
    so this session only installs what those builds need.
    """
    _install(session, "test", "docs", "zensical")
    _npm_ci(session)
    session.run("pytest", *session.posargs)


@nox.session
def steady(session: nox.Session) -> None:
    """The browser suite several times in a row (``-- --runs N``, 5 by default; other arguments
    go to pytest) while a CPU burner per core keeps the machine busy; fails if any run failed,
    naming each failure and its run."""
    _install(session, "test", "docs")
    _npm_ci(session)
    runs, args = _runs(session.posargs)
    reports = Path(session.create_tmp()) / "steady"
    reports.mkdir(exist_ok=True)
    burners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(os.cpu_count() or 1)
    ]
    failures: list[str] = []
    try:
        for run in range(1, runs + 1):
            report = reports / f"run-{run}.xml"
            report.unlink(missing_ok=True)
            started = time.perf_counter()
            session.run(
                "pytest", "-m", "browser", f"--junitxml={report}", *args, success_codes=[0, 1]
            )
            failed = _failed_tests(report)
            failures += [f"run {run}: {name}" for name in failed]
            session.log(
                f"steady: run {run}/{runs}: {len(failed)} failed "
                f"({time.perf_counter() - started:.0f} s, {len(burners)} burners)"
            )
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    if failures:
        session.error(f"steady: {len(failures)} failures in {runs} runs:\n" + "\n".join(failures))
    session.log(f"steady: {runs} runs under load, 0 failures")


def _runs(posargs: list[str]) -> tuple[int, list[str]]:
    """``--runs N`` out of the session's arguments; the rest are pytest's."""
    args = list(posargs)
    if "--runs" not in args:
        return 5, args
    at = args.index("--runs")
    runs = int(args[at + 1])
    return runs, args[:at] + args[at + 2 :]


def _failed_tests(report: Path) -> list[str]:
    """The failed and errored tests of a JUnit XML report (all of it, if pytest wrote none)."""
    if not report.is_file():
        return ["(no report: pytest stopped before the tests)"]
    cases = ET.parse(report).getroot().iter("testcase")
    return [
        f"{case.get('classname')}::{case.get('name')}"
        for case in cases
        if case.find("failure") is not None or case.find("error") is not None
    ]


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format check) and mypy (which reads the site build's modules too)."""
    _install(session, "lint", "docs")
    session.run("ruff", "check", "src", "tests", "benchmarks", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "benchmarks", "noxfile.py")
    session.run("mypy")


@nox.session
def examples(session: nox.Session) -> None:
    """Validate and re-execute every example (``-- update`` rewrites the responses)."""
    _install(session)
    action = session.posargs[0] if session.posargs else "check"
    session.run("statsref", "examples", action)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site strictly into ``site/`` and print the build time."""
    _install(session, "docs")
    _build_site(session)


@nox.session(name="docs-zensical")
def docs_zensical(session: nox.Session) -> None:
    """The same site built with Zensical (Material for MkDocs' successor) into
    ``site-zensical/``; ``site/`` (MkDocs) stays the default build."""
    _install(session, "docs", "zensical")
    _build_site(session, "zensical")


@nox.session
def serve(session: nox.Session) -> None:
    """Build the site, then serve it with the mock endpoint on http://127.0.0.1:8000."""
    _install(session, "docs")
    _build_site(session)
    session.run("statsref", "serve", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Engine, server load (1 and 2 workers side by side), slow-attacker and starvation (8
    clients looping a heavy query) benchmarks, and what statsref.testing costs a test session;
    prints figures and writes bench-results/*.json."""
    _install(session, "test")
    session.run("python", "-m", "benchmarks.engine", *session.posargs)
    session.run("python", "-m", "benchmarks.server", *session.posargs)
    session.run("python", "-m", "benchmarks.attack", *session.posargs)
    session.run("python", "-m", "benchmarks.starvation", *session.posargs)
    session.run("python", "-m", "benchmarks.testing")


@nox.session(name="bench-browser")
def bench_browser(session: nox.Session) -> None:
    """Playground timings and bytes on the wire in headless Chromium against a local server
    (``-- --compare OLD_SITE_DIR`` measures an older build in the same runs), then what loading
    a sites file costs there."""
    _install(session, "test", "docs")
    _build_site(session)
    session.run("python", "-m", "benchmarks.browser", *session.posargs)
    session.run("python", "-m", "benchmarks.sites_file")


@nox.session
def fuzz(session: nox.Session) -> None:
    """The nightly-sized property runs: many more generated queries than the default suite."""
    _install(session, "test", "docs")
    session.run("pytest", "-m", "not browser", env={"STATSREF_FUZZ_EXAMPLES": "20000"})
