"""Node.js, which the playground build runs: esbuild, and the Python pack's recording run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class PlaygroundBuildError(RuntimeError):
    """The playground could not be built; the message says what to install or fix."""


def find_node() -> str:
    node = shutil.which("node")
    if node is None:
        raise PlaygroundBuildError(
            "`node` is not on PATH: install Node.js 20+ to build the playground."
        )
    return node


def run_node(node: str, cwd: Path, *args: str, failure: str) -> None:
    """Run a script of ``cwd``; if it fails, stop the build with ``failure`` and its stderr."""
    done = subprocess.run([node, *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PlaygroundBuildError(f"{failure}:\n{done.stderr.strip()}")
