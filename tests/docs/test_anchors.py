"""Anchors and the automatic links from backticked names."""

from __future__ import annotations

import pytest

from statsref.docsgen.anchors import LinkIndex, anchor


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("metric", "visitors", "metric-visitors"),
        ("metric", "bounce_rate", "metric-bounce-rate"),
        ("dimension", "event:goal", "dimension-event-goal"),
        ("dimension", "event:props:<name>", "dimension-event-props-name"),
        ("date-range", "7d", "date-range-7d"),
        ("operator", "is_not", "operator-is-not"),
    ],
)
def test_anchor(kind: str, name: str, expected: str) -> None:
    assert anchor(kind, name) == expected


@pytest.fixture
def links() -> LinkIndex:
    index = LinkIndex()
    index.add("visitors", "reference/metrics.md", "metric")
    index.add("event:goal", "reference/dimensions.md", "dimension")
    index.add_pattern(r"^event:props:.+$", "reference/dimensions.md", "dimension-event-props-name")
    return index


def test_first_registration_of_a_name_wins(links: LinkIndex) -> None:
    assert links.add("visitors", "reference/response.md", "meta") == "meta-visitors"
    assert links.href("visitors", "index.md") == "reference/metrics.md#metric-visitors"


def test_links_are_relative_to_the_page(links: LinkIndex) -> None:
    text = links.link_names("needs `event:goal`", "reference/metrics.md")
    assert text == "needs [`event:goal`](dimensions.md#dimension-event-goal)"
    assert links.href("visitors", "guides/quirks.md") == "../reference/metrics.md#metric-visitors"
    assert links.href("visitors", "reference/metrics.md") == "#metric-visitors"


def test_pattern_names_link_to_the_pattern_entry(links: LinkIndex) -> None:
    assert links.href("event:props:author", "index.md") == (
        "reference/dimensions.md#dimension-event-props-name"
    )


def test_unknown_names_existing_links_and_code_blocks_are_left_alone(links: LinkIndex) -> None:
    text = (
        "`nope` and [`visitors`](elsewhere.md)\n"
        "```json\n"
        "a `visitors` inside a fence\n"
        "```\n"
        "after `visitors`"
    )
    linked = links.link_names(text, "index.md")
    lines = linked.split("\n")
    assert lines[0] == "`nope` and [`visitors`](elsewhere.md)"
    assert lines[2] == "a `visitors` inside a fence"
    assert lines[4] == "after [`visitors`](reference/metrics.md#metric-visitors)"
