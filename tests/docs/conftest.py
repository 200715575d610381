"""Fixtures for the docs tests: one strict build of the real site per session, and a helper to
build a modified copy of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

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
