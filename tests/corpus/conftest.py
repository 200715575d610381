"""Shared paths and a helper to copy a real example into a scratch corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
BROKEN = REPO / "tests" / "fixtures" / "broken"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """An empty corpus folder; ``copy_example`` fills it."""
    root = tmp_path / "examples"
    root.mkdir()
    return root


def copy_example(root: Path, slug: str, as_slug: str | None = None) -> Path:
    target = root / (as_slug or slug)
    shutil.copytree(EXAMPLES / slug, target)
    return target
