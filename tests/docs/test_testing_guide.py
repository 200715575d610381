"""The example of "Testing your integration" runs, as it stands, in a project of its own, and
the guide shows its files as they are."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .conftest import ROOT

EXAMPLE = ROOT / "docs" / "guides" / "testing"


def test_the_example_passes_in_a_project_of_its_own(pytester: pytest.Pytester) -> None:
    for path in EXAMPLE.iterdir():
        (pytester.path / path.name).write_text(path.read_text(encoding="utf-8"))
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(passed=6)


def test_the_guide_shows_the_example_files_as_they_are(built_site: Path) -> None:
    page = built_site / "guides" / "testing-your-integration" / "index.html"
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    for path in EXAMPLE.iterdir():
        for line in path.read_text(encoding="utf-8").splitlines():
            assert line in text, f"{path.name}: {line!r}"
