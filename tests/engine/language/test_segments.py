"""Segment expansion, as the real API does it and echoes it."""

from __future__ import annotations

import pytest

from demo import SITES
from statsref.engine.language.errors import QueryError
from statsref.engine.language.segments import MAX_SEGMENT_IDS, expand_segments

DUMMY = SITES["dummy.site"]
PAGE = ["is", "event:page", ["/"]]
MOBILE = ["is", "visit:device", ["Mobile"]]
GERMAN = ["is", "visit:country", ["DE", "AT", "CH"]]
BLOG = [["contains", "event:page", ["/blog"]], ["is", "visit:channel", ["Organic Search"]]]


def test_filters_without_segments_are_copied_unchanged() -> None:
    filters = [["and", [PAGE]]]
    expanded = expand_segments(filters, DUMMY)
    assert expanded == filters
    assert expanded[0] is not filters[0]


def test_one_segment_is_spread_into_the_top_level() -> None:
    assert expand_segments([PAGE, ["is", "segment", [103]]], DUMMY) == [PAGE, *BLOG]


def test_top_level_and_filters_are_spread_when_segments_are_used() -> None:
    filters = [["and", [PAGE, PAGE]], ["is", "segment", [101]]]
    assert expand_segments(filters, DUMMY) == [PAGE, PAGE, MOBILE]


def test_several_ids_are_ored() -> None:
    assert expand_segments([["is", "segment", [101, 102]]], DUMMY) == [
        ["or", [["and", [MOBILE]], ["and", [GERMAN]]]]
    ]


def test_nested_segments_keep_their_and() -> None:
    assert expand_segments([["not", ["is", "segment", [103]]]], DUMMY) == [["not", ["and", BLOG]]]


def test_more_than_ten_ids() -> None:
    filters = [["is", "segment", [101] * 6], ["or", [["is", "segment", [102] * 5]]]]
    with pytest.raises(QueryError) as caught:
        expand_segments(filters, DUMMY)
    assert caught.value.message == (
        f"Invalid filters. You can only use up to {MAX_SEGMENT_IDS} segment filters in a query."
    )


@pytest.mark.parametrize("segment_id", [999, 201])
def test_unknown_or_foreign_segments(segment_id: int) -> None:
    with pytest.raises(QueryError) as caught:
        expand_segments([["is", "segment", [101]], ["not", ["is", "segment", [segment_id]]]], DUMMY)
    assert caught.value.message == (
        "Invalid filters. Some segments don't exist or aren't accessible."
    )
    assert caught.value.pointer == "/filters/1/1"
