"""The query in words: every example, every name of the vocabulary, generated queries and
arbitrary JSON read as sentences without a gap, a ``None`` or a schema name in them."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demo import DATA_SITES
from statsref import schema
from statsref.corpus.load import load_corpus
from statsref.engine import Dataset, explain, explain_text, validate_query
from statsref.engine.language import phrasebook
from statsref.engine.language.structure import TOP_LEVEL_KEYS
from statsref.engine.language.words import Words, span

from ..pyodide_node import needs_pyodide, run_in_pyodide
from ..strategies import queries, value_pool

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")
EXAMPLES = load_corpus(Path(__file__).resolve().parents[3] / "examples")
FLAWS = ("None", "null", "$defs", "#/", "{", "}", "  ", " ,", ",,", "..", " .", "()", "x-")
DEFS = [
    name
    for name in schema.query_schema()["$defs"]
    if "_" in name and name not in schema.query_schema()["properties"]
]
"""Definition names that are not words (``simple_filter``); a key such as ``date_range`` is
named on purpose ("Add a date_range")."""


def flaws(words: Words, body: Any) -> list[str]:
    """What should never be in the words: a gap, a Python or JSON leftover, a schema name. A
    flaw the query itself holds (a clause ``{x}``) is its own, not the sentence's."""
    text = words.text
    error = validate_query(body, now=NOW) if isinstance(body, dict) else None
    own = json.dumps(body, ensure_ascii=False) + (error.message if error else "")
    found = [flaw for flaw in FLAWS if flaw in text and flaw not in own]
    found += [name for name in DEFS if re.search(rf"\b{name}\b", text) and name not in own]
    if not text or not all(s[:1].isupper() and s.endswith(".") for s in words.sentences):
        found.append("a sentence that does not start with a capital and end with a full stop")
    return found


def read(body: Any, now: datetime = NOW) -> str:
    return explain(body, now=now).text


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.slug for e in EXAMPLES])
def test_every_example_reads_without_a_flaw(example) -> None:
    words = explain(example.query, now=example.meta.now)
    assert flaws(words, example.query) == []
    assert words.valid == (example.meta.status == 200)
    assert 1 <= len(words.sentences) <= 2


def test_the_sentence_of_the_issue() -> None:
    body = {
        "site_id": "dummy.site",
        "metrics": ["visitors", "bounce_rate"],
        "date_range": "7d",
        "dimensions": ["visit:source"],
        "filters": [["matches", "event:page", ["^/blog/"]]],
        "pagination": {"limit": 10},
    }
    assert read(body) == (
        "Visitors and bounce rate of dummy.site per source over the 7 days before today "
        "(26 Oct to 1 Nov 2026, UTC), where the page matches ^/blog/, the top 10 by visitors."
    )


# --------------------------------------------------------------------------- vocabulary


def minimal(**extra: Any) -> dict[str, Any]:
    return {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d", **extra}


@pytest.mark.parametrize("metric", [m.name for m in schema.metrics()])
def test_every_metric_has_its_words(metric: str) -> None:
    text = read(minimal(metrics=[metric]))
    assert phrasebook.METRICS[metric] in text.lower()
    assert metric.replace("_", " ") in text.lower() or metric not in text


@pytest.mark.parametrize("dimension", [d.name for d in schema.dimensions() if d.pattern is None])
def test_every_dimension_has_its_words(dimension: str) -> None:
    text = read(minimal(dimensions=[dimension]))
    resolved = "day" if dimension == "time" else phrasebook.DIMENSIONS[dimension]
    assert f" per {resolved} over" in text
    assert dimension not in text


def test_time_reads_as_the_bucket_it_resolves_to() -> None:
    assert " per hour today " in read(minimal(dimensions=["time"], date_range="day"))
    assert " per week this year " in read(minimal(dimensions=["time"], date_range="year"))


def test_a_custom_property_is_named() -> None:
    text = read(minimal(dimensions=["event:props:author"]))
    assert " per custom property author " in text


SHORTHAND_READINGS = {
    "day": "today (2 Nov 2026, UTC)",
    "24h": "over the last 24 hours (1 Nov 2026 14:30:00 to 2 Nov 2026 14:30:00, UTC)",
    "7d": "over the 7 days before today (26 Oct to 1 Nov 2026, UTC)",
    "28d": "over the 28 days before today (5 Oct to 1 Nov 2026, UTC)",
    "30d": "over the 30 days before today (3 Oct to 1 Nov 2026, UTC)",
    "91d": "over the 91 days before today (3 Aug to 1 Nov 2026, UTC)",
    "month": "this month (1 to 30 Nov 2026, UTC)",
    "6mo": "over the 6 full months before this one (1 May to 31 Oct 2026, UTC)",
    "12mo": "over the 12 full months before this one (1 Nov 2025 to 31 Oct 2026, UTC)",
    "year": "this year (1 Jan to 31 Dec 2026, UTC)",
    "all": "over all time (2 Nov 2025 to 2 Nov 2026, UTC)",
    "1d": "yesterday (1 Nov 2026, UTC)",
    "14d": "over the 14 days before today (19 Oct to 1 Nov 2026, UTC)",
    "1mo": "last month (1 to 31 Oct 2026, UTC)",
    "3mo": "over the 3 full months before this one (1 Aug to 31 Oct 2026, UTC)",
}


def test_every_shorthand_is_read() -> None:
    named = {s.name for s in schema.date_range_shorthands() if s.pattern is None}
    assert named <= SHORTHAND_READINGS.keys()


@pytest.mark.parametrize(("shorthand", "reading"), SHORTHAND_READINGS.items())
def test_a_shorthand_reads_with_the_days_it_covers(shorthand: str, reading: str) -> None:
    assert read(minimal(date_range=shorthand)) == f"Visitors of dummy.site {reading}."


@pytest.mark.parametrize(
    ("date_range", "reading"),
    [
        (["2026-10-01", "2026-10-15"], "from 1 to 15 Oct 2026 (UTC)"),
        (["2026-10-30", "2026-11-02"], "from 30 Oct to 2 Nov 2026 (UTC)"),
        (["2025-12-30", "2026-01-02"], "from 30 Dec 2025 to 2 Jan 2026 (UTC)"),
        (["2026-11-01", "2026-11-01"], "on 1 Nov 2026 (UTC)"),
        (
            ["2026-11-02T08:00:00Z", "2026-11-02T11:59:59+00:00"],
            "from 2 Nov 2026 08:00:00 to 2 Nov 2026 11:59:59 (UTC)",
        ),
    ],
)
def test_explicit_ranges_read_as_dates(date_range: list[str], reading: str) -> None:
    assert read(minimal(date_range=date_range)) == f"Visitors of dummy.site {reading}."


def test_a_range_is_read_in_the_site_timezone() -> None:
    body = minimal(
        site_id="shop.dummy.site", date_range=["2026-11-02T04:00:00Z", "2026-11-02T05:00:00Z"]
    )
    assert "from 1 Nov 2026 23:00:00 to 2 Nov 2026 00:00:00 (America/New_York)" in read(body)


@pytest.mark.parametrize(
    ("leaf", "reading"),
    [
        (["is", "visit:country", ["DE"]], "the country is DE"),
        (["is", "visit:country", ["DE", "FR", "AT"]], "the country is DE, FR or AT"),
        (["is_not", "visit:browser", ["Safari", "Chrome"]], "the browser is not Safari or Chrome"),
        (["contains", "event:page", ["/blog"]], "the page contains /blog"),
        (
            ["contains_not", "visit:referrer", ["facebook"]],
            "the referrer does not contain facebook",
        ),
        (["matches", "event:page", ["^/blog/"]], "the page matches ^/blog/"),
        (["matches_not", "event:page", ["^/admin"]], "the page does not match ^/admin"),
        (["is", "visit:source", ["Direct / None"]], 'the source is "Direct / None"'),
        (["is", "visit:city", [2950159]], "the city (GeoNames id) is 2950159"),
        (["is", "event:props:plan", ["pro"]], "the custom property plan is pro"),
        (
            ["contains", "event:page", ["blog"], {"case_sensitive": False}],
            "the page contains blog (ignoring case)",
        ),
        (["is", "visit:device", ["Mobile"], {"case_sensitive": True}], "the device is Mobile"),
    ],
)
def test_every_operator_reads(leaf: list[Any], reading: str) -> None:
    assert f", where {reading}." in read(minimal(filters=[leaf]))


def test_every_operator_has_its_words() -> None:
    assert set(phrasebook.OPERATORS) == {o.name for o in schema.operators()}


@pytest.mark.parametrize(
    ("filters", "reading"),
    [
        (
            [["or", [["is", "visit:source", ["Google"]], ["is", "visit:channel", ["Email"]]]]],
            "the source is Google or the channel is Email",
        ),
        (
            [
                ["or", [["is", "visit:source", ["Google"]], ["is", "visit:channel", ["Email"]]]],
                ["is", "visit:device", ["Mobile"]],
            ],
            "either the source is Google or the channel is Email, and the device is Mobile",
        ),
        ([["not", ["is", "visit:device", ["Desktop"]]]], "the device is not Desktop"),
        ([["not", ["is_not", "visit:device", ["Desktop"]]]], "the device is Desktop"),
        ([["not", ["not", ["is", "visit:device", ["Desktop"]]]]], "the device is Desktop"),
        (
            [
                [
                    "not",
                    ["or", [["is", "visit:device", ["Mobile"]], ["is", "visit:country", ["FR"]]]],
                ]
            ],
            "neither the device is Mobile nor the country is FR",
        ),
        (
            [
                [
                    "not",
                    ["and", [["is", "visit:device", ["Mobile"]], ["is", "visit:country", ["FR"]]]],
                ]
            ],
            "not both the device is Mobile and the country is FR",
        ),
        (
            [["has_done", ["is", "event:goal", ["Signup"]]]],
            "the visit includes an event whose goal is Signup",
        ),
        (
            [["not", ["has_done", ["is", "event:goal", ["Signup"]]]]],
            "the visit includes no event whose goal is Signup",
        ),
        (
            [
                [
                    "has_not_done",
                    ["or", [["is", "event:goal", ["Signup"]], ["is", "event:page", ["/x"]]]],
                ]
            ],
            "the visit includes no event whose goal is Signup or whose page is /x",
        ),
        ([["is", "segment", [101]]], 'the visit is in the segment "Mobile visitors" (101)'),
        (
            [["is", "segment", [101, 999]]],
            'the visit is in one of the segments "Mobile visitors" (101) or 999',
        ),
        (
            [["not", ["is", "segment", [102]]]],
            'the visit is not in the segment "German-speaking countries" (102)',
        ),
    ],
)
def test_groups_negations_behaviors_and_segments_read(filters: list[Any], reading: str) -> None:
    assert f", where {reading}." in read(minimal(filters=filters))


@pytest.mark.parametrize(
    ("extra", "reading"),
    [
        ({"order_by": [["visitors", "asc"]]}, "sorted by visitors ascending"),
        (
            {
                "order_by": [["bounce_rate", "asc"], ["visitors", "desc"]],
                "metrics": ["visitors", "bounce_rate"],
            },
            "sorted by bounce rate ascending then visitors descending",
        ),
        ({"pagination": {"limit": 10}}, "the top 10 by visitors"),
        ({"pagination": {"limit": 1}}, "the top row by visitors"),
        ({"pagination": {"limit": 5, "offset": 5}}, "ranks 6 to 10 by visitors"),
        ({"pagination": {"limit": 1, "offset": 2}}, "rank 3 by visitors"),
        ({"pagination": {"offset": 5}}, "from rank 6 on by visitors"),
        (
            {
                "pagination": {"limit": 3},
                "order_by": [["visitors", "desc"], ["visit:source", "asc"]],
            },
            "the top 3 by visitors, then by source ascending",
        ),
        (
            {"pagination": {"limit": 3}, "order_by": [["visit:source", "asc"]]},
            "sorted by source ascending, the first 3 rows",
        ),
        (
            {"pagination": {"limit": 2, "offset": 4}, "order_by": [["visit:source", "desc"]]},
            "sorted by source descending, rows 5 to 6",
        ),
    ],
)
def test_order_and_pagination_read(extra: dict[str, Any], reading: str) -> None:
    body = minimal(dimensions=["visit:source"], **extra)
    assert read(body).endswith(f", {reading}.")


def test_a_paged_time_series_says_its_order() -> None:
    body = minimal(dimensions=["time:day"], pagination={"limit": 3})
    assert read(body).endswith(
        ", sorted by day ascending then visitors descending, the first 3 rows."
    )


@pytest.mark.parametrize("key", [o.name for o in schema.include_options()])
def test_every_include_option_reads_in_a_second_sentence(key: str) -> None:
    body = minimal(dimensions=["time:day"], include={key: True})
    words = explain(body, now=NOW)
    assert words.sentences[1] == f"It also {phrasebook.INCLUDE[key]}."


def test_include_options_set_to_false_say_nothing() -> None:
    assert len(explain(minimal(include={"imports": False}), now=NOW).sentences) == 1


# --------------------------------------------------------------------------- not valid yet


@pytest.mark.parametrize(
    ("body", "reading"),
    [
        ({}, "Name the site in site_id. Add at least one metric. Add a date_range, such as 7d."),
        (minimal(metrics=[]), "Add at least one metric."),
        ({"site_id": "dummy.site", "date_range": "7d"}, "Add at least one metric."),
        (minimal(site_id=""), "Name the site in site_id."),
        ([], "Write the query as a JSON object with site_id, metrics and date_range."),
        (
            minimal(metrics=["visitorz"]),
            'Not valid yet: Invalid metric "visitorz" (at /metrics/0).',
        ),
        (
            minimal(metrics=["a", "b"]),
            'Not valid yet: Invalid metric "a" (at /metrics/0), and 1 more.',
        ),
        (minimal(date_range="-1d"), 'Not valid yet: Invalid date range "-1d" (at /date_range).'),
    ],
)
def test_an_unfinished_query_says_what_is_missing(body: Any, reading: str) -> None:
    words = explain(body, now=NOW)
    assert (words.text, words.valid) == (reading, False)


def test_a_rejected_query_is_read_then_objected_to() -> None:
    words = explain(minimal(metrics=["conversion_rate"]), now=NOW)
    assert not words.valid
    assert words.sentences[0].startswith("Conversion rate of dummy.site over the 7 days")
    assert words.sentences[1].startswith("Not valid yet: Metric `conversion_rate`")


def test_an_unknown_site_is_read_without_its_dates_or_a_verdict() -> None:
    words = explain(minimal(site_id="example.com"), now=NOW)
    assert words == Words(("Visitors of example.com over the 7 days before today.",), valid=True)


def test_a_site_the_plan_locks_out_is_refused() -> None:
    words = explain(minimal(site_id="locked.dummy.site"), now=NOW)
    assert words.sentences[1].startswith("The API refuses it: This Plausible site is locked")


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        (
            '{"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "day"}',
            "Visitors of dummy.site today (2 Nov 2026, UTC).",
        ),
        ('{"site_id": ', "Not valid JSON yet: Expecting value at line 1, column 13."),
        ("", "Not valid JSON yet: Expecting value at line 1, column 1."),
    ],
)
def test_text_being_typed_is_read_too(text: str, reading: str) -> None:
    assert explain_text(text, now=NOW).text == reading


def test_span_of_a_range_with_times() -> None:
    from statsref.engine.language.query import DateRange

    first = datetime.fromisoformat("2026-03-29T01:00:00+00:00")
    last = datetime.fromisoformat("2026-03-29T23:59:59+00:00")
    assert span(DateRange(first, last)) == "29 Mar 2026 01:00:00 to 29 Mar 2026 23:59:59"


# --------------------------------------------------------------------------- generated queries


@pytest.fixture(scope="module")
def pools() -> dict[str, dict[str, list]]:
    dataset = Dataset.build(NOW, events=3000, seed=5)
    return {
        domain: value_pool(dataset.sessions(domain), dataset.events(domain), site)
        for domain, site in DATA_SITES.items()
    }


def test_generated_queries_read_without_a_flaw(pools) -> None:
    @settings(
        max_examples=300,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(body=queries(pools, NOW))
    def check(body: dict[str, Any]) -> None:
        words = explain(body, now=NOW)
        assert flaws(words, body) == [], words.text
        assert 1 <= len(words.sentences) <= 2

    check()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(TOP_LEVEL_KEYS)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(body=st.dictionaries(KEYS, JSON, max_size=8) | JSON)
def test_any_json_reads_as_a_sentence_and_never_raises(body: Any) -> None:
    words = explain(body, now=NOW)
    assert words.sentences
    assert all(s.endswith(".") for s in words.sentences)


@needs_pyodide
def test_the_words_are_the_same_in_pyodide(tmp_path: Path) -> None:
    bodies = [example.query for example in EXAMPLES[:6]] + [{}, minimal(metrics=[])]
    program = f"""
import json
from datetime import datetime
from statsref.engine import explain
now = datetime.fromisoformat({NOW.isoformat()!r})
json.dumps([explain(body, now=now).text for body in json.loads({json.dumps(bodies)!r})])
"""
    assert run_in_pyodide(program, tmp_path) == [read(body) for body in bodies]
