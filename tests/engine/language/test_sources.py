"""The list of public files read: each one parses and appears once."""

from __future__ import annotations

from statsref.engine.language import sources
from statsref.engine.language.evidence import Source


def test_every_file_read_is_a_source_and_listed_once() -> None:
    assert len(sources.EVERY_SOURCE) == len(set(sources.EVERY_SOURCE)) > 20
    parsed = [Source.parse(text) for text in sources.EVERY_SOURCE]
    assert {s.repo for s in parsed} == {"plausible/analytics", "plausible/docs"}
    assert sum(s.is_test for s in parsed) >= 3  # rules are checked against tests too
