"""The list of public files read: each one parses, appears once and says when it was checked."""

from __future__ import annotations

from datetime import date

from statsref.engine.language import sources
from statsref.engine.language.evidence import Source


def test_every_file_read_is_a_source_and_listed_once() -> None:
    assert len(sources.EVERY_SOURCE) == len(set(sources.EVERY_SOURCE)) > 20
    parsed = [Source.parse(text) for text in sources.EVERY_SOURCE]
    assert {s.repo for s in parsed} == {"plausible/analytics", "plausible/docs"}
    assert sum(s.is_test for s in parsed) >= 3  # rules are checked against tests too


def test_every_file_read_says_when_it_was_last_checked() -> None:
    """A citation without the day it was last checked against the reference fails here."""
    assert set(sources.LAST_CHECKED) == set(sources.EVERY_SOURCE)
    days = {date.fromisoformat(day) for day in sources.LAST_CHECKED.values()}
    assert max(days) == date(2026, 12, 4)
