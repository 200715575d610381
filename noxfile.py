"""Task sessions. ``make test`` (the README's test command, which ``.ci/run`` calls) runs
``nox -s lint tests``."""

from __future__ import annotations

import os
import time

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


def _build_site(session: nox.Session) -> None:
    _npm_ci(session)
    started = time.perf_counter()
    session.run("mkdocs", "build", "--strict", env={"NO_MKDOCS_2_WARNING": "1"})
    session.log(f"site built in {time.perf_counter() - started:.2f} s")


@nox.session
def tests(session: nox.Session) -> None:
    """The full suite: unit, corpus, docs, server and browser tests.

    The docs and browser tests build the site themselves (strictly, into temporary folders),
    so this session only installs what those builds need.
    """
    _install(session, "test", "docs")
    _npm_ci(session)
    session.run("pytest", *session.posargs)


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


@nox.session
def serve(session: nox.Session) -> None:
    """Build the site, then serve it with the mock endpoint on http://127.0.0.1:8000."""
    _install(session, "docs")
    _build_site(session)
    session.run("statsref", "serve", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Engine, server load and slow-attacker benchmarks, and what statsref.testing costs a test
    session; prints figures and writes bench-results/*.json."""
    _install(session, "test")
    session.run("python", "-m", "benchmarks.engine", *session.posargs)
    session.run("python", "-m", "benchmarks.server", *session.posargs)
    session.run("python", "-m", "benchmarks.attack", *session.posargs)
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
