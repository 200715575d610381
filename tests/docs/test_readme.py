"""The README says nothing that goes stale with the next example: counts of the corpus are
derived where they are shown (the examples index, ``test_render``)."""

from __future__ import annotations

import re

from .conftest import ROOT

COUNT = re.compile(r"\b\d+\s+(?:answered|invalid|rejected|examples?|queries)\b", re.IGNORECASE)


def test_the_readme_states_no_count_of_the_corpus() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "examples/<slug>/" in readme  # the map still describes the corpus
    assert not COUNT.findall(readme)
