"""Generated queries: the engine and the independent oracle must agree on every one.

``STATSREF_FUZZ_EXAMPLES`` sets the number of queries (1000 by default; ``nox -s fuzz`` asks
for 20000). The run is derandomized, so CI sees the same queries every time.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from demo import DATA_SITES, SITES
from statsref.engine import Dataset, demo_sites, parse_query, run_query
from statsref.engine.data.distributions import Client, Place
from statsref.engine.data.rows import Event, Session
from statsref.engine.language.errors import QueryError

from .oracle import Oracle, mismatches, shown
from .strategies import queries, value_pool

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")
EXAMPLES = int(os.environ.get("STATSREF_FUZZ_EXAMPLES", "1000"))


@pytest.fixture(scope="module")
def dataset():
    return Dataset.build(NOW, events=10000, seed=11)


@pytest.fixture(scope="module")
def oracle(dataset):
    return Oracle(dataset)


@pytest.fixture(scope="module")
def pools(dataset):
    return {
        domain: value_pool(dataset.sessions(domain), dataset.events(domain), site)
        for domain, site in DATA_SITES.items()
    }


def test_oracle_agrees_with_engine(dataset, oracle, pools):
    compared = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(body=queries(pools, NOW))
    def check(body):
        note(json.dumps(body))
        try:
            query = parse_query(body, now=NOW, sites=SITES)
        except QueryError as error:
            note(error.message)
            assume(False)
        status, response = run_query(body, dataset=dataset, now=NOW)
        assert status == 200, response
        problems = mismatches(oracle.run(query), response, query)
        assert not problems, "\n".join(problems[:10])
        compared.append(body)

    check()
    assert len(compared) >= EXAMPLES


# --------------------------------------------------------------------------- the visitor model

PER_VISITOR = [f"visit:{f.name}" for f in (*dataclasses.fields(Client), *dataclasses.fields(Place))]
"""A visitor's device, browser, OS and location: the same on every visit of their day."""


def test_per_visitor_fields_are_constant_within_a_day(dataset):
    for domain in DATA_SITES:
        seen: dict[int, tuple] = {}
        for session in dataset.sessions(domain):
            fields = tuple(getattr(session, d.removeprefix("visit:")) for d in PER_VISITOR)
            assert seen.setdefault(session.visitor_id, fields) == fields, session
        visits = Counter(s.visitor_id for s in dataset.sessions(domain))
        assert max(visits.values()) > 1  # the property is not vacuous


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(
    domain=st.sampled_from(sorted(DATA_SITES)),
    dimension=st.sampled_from(PER_VISITOR),
    first=st.integers(0, 120),
    length=st.integers(0, 60),
    filtered=st.booleans(),
)
def test_percentages_of_a_per_visitor_dimension_sum_to_100(
    dataset, oracle, domain, dimension, first, length, filtered
):
    """Each visitor has one value of the dimension, so the shares add up, within the rounding
    of each row to one decimal (the engine's answer is the oracle's, too)."""
    last = NOW.date() - timedelta(days=first)
    body = {
        "site_id": domain,
        "metrics": ["visitors", "percentage"],
        "date_range": [(last - timedelta(days=length)).isoformat(), last.isoformat()],
        "dimensions": [dimension],
        "filters": [["is", "visit:channel", ["Organic Search"]]] if filtered else [],
    }
    status, response = run_query(body, dataset=dataset, now=NOW)
    assert status == 200, response
    query = parse_query(body, now=NOW, sites=SITES)
    assert not mismatches(oracle.run(query), response, query)
    shares = [row["metrics"][1] for row in response["results"]]
    assume(shares)
    assert abs(sum(shares) - 100) <= 0.05 * len(shares) + 1e-9


@pytest.mark.parametrize("domain", sorted(DATA_SITES))
def test_weekdays_follow_the_site_rhythm(dataset, oracle, domain):
    """Visits per weekday over the native period rank as the site's weekday weights do, and
    the busiest weekday has clearly more traffic than the quietest."""
    site = SITES[domain]
    body = {
        "site_id": domain,
        "metrics": ["visits"],
        "date_range": f"{site.native_days}d",
        "dimensions": ["time:day"],
    }
    status, response = run_query(body, dataset=dataset, now=NOW)
    query = parse_query(body, now=NOW, sites=SITES)
    assert status == 200 and not mismatches(oracle.run(query), response, query)
    per_weekday: dict[int, list[int]] = defaultdict(list)
    for row in response["results"]:
        per_weekday[date.fromisoformat(row["dimensions"][0]).weekday()].append(row["metrics"][0])
    means = [sum(per_weekday[d]) / len(per_weekday[d]) for d in range(7)]
    weights = demo_sites().traffic()[domain].rhythm.weekdays
    busiest, quietest = weights.index(max(weights)), weights.index(min(weights))
    assert means[busiest] > 1.2 * means[quietest]
    weekend, week = sum(means[5:]) / 2, sum(means[:5]) / 5
    assert (weekend < week) == (sum(weights[5:]) / 2 < sum(weights[:5]) / 5)


# --------------------------------------------------------------------------- the oracle itself
# A few rows small enough to count by hand, so the oracle is checked against the rules
# themselves and not only against the engine.


def _session(sid: int, visitor: int, start: str, end: str, pages: list[str], **attrs) -> Session:
    fields = {f.name: "" for f in dataclasses.fields(Session)}
    fields.update(
        session_id=sid,
        visitor_id=visitor,
        start=datetime.fromisoformat(start),
        end=datetime.fromisoformat(end),
        is_bounce=attrs.pop("is_bounce", False),
        pageviews=len(pages),
        events=len(pages),
        entry_page=pages[0],
        exit_page=pages[-1],
        entry_page_hostname="dummy.site",
        exit_page_hostname="dummy.site",
        city=0,
        **attrs,
    )
    return Session(**fields)


def _event(sid: int, visitor: int, at: str, name: str, page: str, **extra) -> Event:
    return Event(
        event_id=hash((sid, at, name)) & 0xFFFF,
        session_id=sid,
        visitor_id=visitor,
        timestamp=datetime.fromisoformat(at),
        name=name,
        pathname=page,
        hostname="dummy.site",
        **extra,
    )


class _HandRows:
    """Four visits by three visitors; the fourth is today, outside ``7d``."""

    sessions_ = (
        _session(
            1,
            1,
            "2026-10-27T10:00:00Z",
            "2026-10-27T10:05:00Z",
            ["/", "/pricing"],
            source="Google",
            device="Desktop",
        ),
        _session(
            2,
            2,
            "2026-10-28T09:00:00Z",
            "2026-10-28T09:00:00Z",
            ["/"],
            is_bounce=True,
            device="Mobile",
        ),
        _session(
            3,
            2,
            "2026-10-28T12:00:00Z",
            "2026-10-28T12:02:00Z",
            ["/blog/x"],
            source="Google",
            device="Mobile",
        ),
        _session(4, 3, "2026-11-02T08:00:00Z", "2026-11-02T08:00:00Z", ["/"], is_bounce=True),
    )
    events_ = (
        _event(1, 1, "2026-10-27T10:00:00Z", "pageview", "/"),
        _event(
            1, 1, "2026-10-27T10:01:00Z", "engagement", "/", scroll_depth=40, engagement_time=60_000
        ),
        _event(1, 1, "2026-10-27T10:05:00Z", "pageview", "/pricing"),
        _event(
            1,
            1,
            "2026-10-27T10:06:00Z",
            "engagement",
            "/pricing",
            scroll_depth=80,
            engagement_time=30_000,
        ),
        _event(2, 2, "2026-10-28T09:00:00Z", "pageview", "/"),
        _event(
            2, 2, "2026-10-28T09:00:20Z", "engagement", "/", scroll_depth=20, engagement_time=20_000
        ),
        _event(3, 2, "2026-10-28T12:00:00Z", "pageview", "/blog/x"),
        _event(3, 2, "2026-10-28T12:02:00Z", "Signup", "/blog/x"),
        _event(4, 3, "2026-11-02T08:00:00Z", "pageview", "/"),
    )

    def sessions(self, domain: str) -> list[Session]:
        return list(self.sessions_) if domain == "dummy.site" else []

    def events(self, domain: str) -> list[Event]:
        return list(self.events_) if domain == "dummy.site" else []

    def imported(self, domain: str) -> list:
        return []


def _hand(body: dict, rows: _HandRows | None = None) -> list:
    """The oracle's rows for ``body`` on the hand rows, as plain numbers."""
    query = parse_query({"site_id": "dummy.site", "date_range": "7d", **body}, now=NOW, sites=SITES)
    expected = Oracle(rows or _HandRows()).run(query)
    return [[list(shown(key)), [_plain(v) for v in values]] for key, values in expected.rows]


def _plain(value):
    return None if value is None else float(value.rounded())


HAND_CASES = [
    ({"metrics": ["visitors", "visits", "pageviews", "events"]}, [[[], [2, 3, 4, 5]]]),
    # 1 of 3 visits bounced; durations 300, 0 (bounce) and 120 s; 4 pageviews in 3 visits.
    ({"metrics": ["bounce_rate", "visit_duration", "views_per_visit"]}, [[[], [33, 140, 1.33]]]),
    (
        {"metrics": ["visitors", "percentage"], "dimensions": ["visit:source"]},
        [[["Google"], [2, 100.0]], [["Direct / None"], [1, 50.0]]],
    ),
    (
        {"metrics": ["visitors", "conversion_rate"], "filters": [["is", "event:goal", ["Signup"]]]},
        [[[], [1, 50.0]]],
    ),
    # Deepest scroll per visit on "/": 40 and 20; engagement 60 s + 20 s over 2 visits;
    # "/blog/x" was viewed with no engagement: no scroll depth, 0 s.
    (
        {
            "metrics": ["scroll_depth", "time_on_page"],
            "dimensions": ["event:page"],
            "order_by": [["event:page", "asc"]],
        },
        [[["/"], [30, 40]], [["/blog/x"], [None, 0]], [["/pricing"], [80, 30]]],
    ),
    (
        {
            "metrics": ["visitors"],
            "dimensions": ["event:goal"],
            "order_by": [["event:goal", "asc"]],
        },
        [[["Signup"], [1]], [["Visit /blog*"], [1]], [["Visit /pricing"], [1]]],
    ),
    (
        {
            "metrics": ["visitors", "visits"],
            "filters": [["has_done", ["is", "event:name", ["Signup"]]]],
        },
        [[[], [1, 1]]],
    ),
    (
        {
            "metrics": ["visitors"],
            "filters": [["contains", "event:page", ["PRICING"], {"case_sensitive": False}]],
        },
        [[[], [1]]],
    ),
    (
        {
            "metrics": ["visitors"],
            "date_range": ["2026-10-28", "2026-11-01"],
            "dimensions": ["time:week"],
        },
        [[["2026-10-28"], [1]]],
    ),
    (
        {"metrics": ["visitors", "bounce_rate"], "dimensions": ["time:day"]},
        [[["2026-10-27"], [1, 0]], [["2026-10-28"], [1, 50]]],
    ),
]


@pytest.mark.parametrize(("body", "rows"), HAND_CASES)
def test_oracle_counts_hand_rows(body, rows):
    assert _hand(body) == rows


class _ScrollRows(_HandRows):
    """The hand rows, the blog post of visit 3 read to 90% and "/" of visit 2 to 20%: one
    completion of the scroll goal (75% of a blog post)."""

    events_ = (
        *_HandRows.events_,
        _event(
            3,
            2,
            "2026-10-28T12:01:00Z",
            "engagement",
            "/blog/x",
            scroll_depth=90,
            engagement_time=60_000,
        ),
    )


SCROLL_GOAL = "Scroll 75% on /blog/*"


@pytest.mark.parametrize(
    ("body", "rows"),
    [
        (
            {
                "metrics": ["visitors", "events"],
                "dimensions": ["event:goal"],
                "order_by": [["event:goal", "asc"]],
            },
            [
                [[SCROLL_GOAL], [1, None]],
                [["Signup"], [1, 1]],
                [["Visit /blog*"], [1, 1]],
                [["Visit /pricing"], [1, 1]],
            ],
        ),
        (
            {
                "metrics": ["visitors", "events", "pageviews", "conversion_rate"],
                "filters": [["is", "event:goal", [SCROLL_GOAL]]],
            },
            [[[], [1, None, 0, 50.0]]],
        ),
        (
            {
                "metrics": ["visitors", "events"],
                "filters": [["is", "event:goal", [SCROLL_GOAL], {"case_sensitive": False}]],
            },
            [[[], [1, 0]]],
        ),
        # Not about goals: engagement events count for nothing but engagement metrics.
        ({"metrics": ["visitors", "events"]}, [[[], [2, 5]]]),
    ],
)
def test_engagement_events_complete_scroll_goals(body, rows):
    assert _hand(body, _ScrollRows()) == rows


class _NonInteractiveRows(_HandRows):
    """The hand rows and a fifth visit: one pageview and, a minute later, an event sent with
    ``interactive: false``. It still bounced, and it lasted 60 s."""

    sessions_ = (
        *_HandRows.sessions_,
        _session(5, 4, "2026-10-29T10:00:00Z", "2026-10-29T10:01:00Z", ["/"], is_bounce=True),
    )
    events_ = (
        *_HandRows.events_,
        _event(5, 4, "2026-10-29T10:00:00Z", "pageview", "/"),
        _event(5, 4, "2026-10-29T10:01:00Z", "Video Autoplay", "/", interactive=False),
    )


def test_a_bounced_visit_counts_its_length_in_visit_duration():
    """2 of 4 visits bounced; durations 300, 0, 120 and 60 s average 120 s."""
    body = {"site_id": "dummy.site", "date_range": "7d"}
    body["metrics"] = ["bounce_rate", "visit_duration"]
    query = parse_query(body, now=NOW, sites=SITES)
    expected = Oracle(_NonInteractiveRows()).run(query)
    assert [_plain(v) for v in expected.rows[0][1]] == [50, 120]


def test_comparison_catches_every_kind_of_difference(dataset, oracle):
    body = {
        "site_id": "dummy.site",
        "metrics": ["visitors", "bounce_rate", "percentage"],
        "date_range": "30d",
        "dimensions": ["visit:source"],
        "include": {"total_rows": True},
        "pagination": {"limit": 3, "offset": 1},
    }
    query = parse_query(body, now=NOW, sites=SITES)
    expected = oracle.run(query)
    _, response = run_query(body, dataset=dataset, now=NOW)
    assert mismatches(expected, response, query) == []
    changes = {
        "order": lambda r: r["results"].reverse(),
        "value": lambda r: r["results"][0]["metrics"].__setitem__(2, 0.1),
        "rows": lambda r: r["results"].pop(),
        "total": lambda r: r["meta"].__setitem__("total_rows", 0),
        "meta": lambda r: r["meta"].__setitem__("time_labels", []),
        "echo": lambda r: r["query"].__setitem__("metrics", ["visits"]),
    }
    for name, change in changes.items():
        changed = copy.deepcopy(response)
        change(changed)
        assert mismatches(expected, changed, query), name
