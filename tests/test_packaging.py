"""The wheel a user installs: lean base requirements, and enough to run the mock in a test
environment of its own.

The wheel is built by hatchling (pip's build isolation fetches it, as ``pip install`` would);
the fresh environment gets the wheel and its base requirements from the package index pip is
configured with, and nothing else.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE_BUILD = {"mkdocs", "mkdocs-material", "brotli", "jinja2"}
EXTRA = re.compile(r"""extra\s*==\s*["']([\w-]+)["']""")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)]
    subprocess.run(pip, check=True, capture_output=True)
    (built,) = out.glob("statsref-*.whl")
    return built


def _metadata(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        (path,) = [n for n in archive.namelist() if n.endswith(f".dist-info/{name}")]
        return archive.read(path).decode("utf-8")


def _requirements(wheel: Path) -> dict[str | None, set[str]]:
    """Requirement names by extra (``None``: the base requirements)."""
    found: dict[str | None, set[str]] = {}
    for line in _metadata(wheel, "METADATA").splitlines():
        if line.startswith("Requires-Dist:"):
            requirement = line.removeprefix("Requires-Dist:").strip()
            name = re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower()
            extra = EXTRA.search(requirement)
            found.setdefault(extra[1] if extra else None, set()).add(name)
    return found


def test_the_base_requirements_leave_the_site_build_to_the_docs_extra(wheel: Path) -> None:
    requirements = _requirements(wheel)
    assert not requirements[None] & SITE_BUILD, requirements[None]
    assert requirements["docs"] >= SITE_BUILD
    assert {"httpx", "starlette", "uvicorn", "anyio"} <= requirements[None]


def test_the_wheel_registers_the_pytest_plugin(wheel: Path) -> None:
    entry_points = _metadata(wheel, "entry_points.txt")
    assert re.search(r"\[pytest11\]\s*\nstatsref = statsref\.testing\.plugin", entry_points)


ANSWER = """
import importlib.util, httpx
from statsref.testing import StatsrefTransport
client = httpx.Client(transport=StatsrefTransport(), base_url="https://plausible.io")
query = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
response = client.post("/api/v2/query", json=query, headers={"Authorization": "Bearer demo-key"})
site_build = ["mkdocs", "material", "brotli", "jinja2"]
print(response.status_code, [name for name in site_build if importlib.util.find_spec(name)])
client.close()
"""


def test_a_fresh_environment_with_the_wheel_answers_a_query(wheel: Path, tmp_path: Path) -> None:
    """About 5 s (a virtual environment, pip): fast enough for the normal suite."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    subprocess.run([*install, str(wheel)], check=True, capture_output=True)
    done = subprocess.run([str(python), "-c", ANSWER], capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "200 []\n"), done.stderr
