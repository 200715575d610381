"""The generated dataset: deterministic per day offset, sized on request, realistic, coherent."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from demo import DATA_SITES, SITES
from statsref.engine import parse_query, rows_read, run_query
from statsref.engine.data import BUILD_DAYS, VISIT_SPILL_DAYS, Dataset, Reads
from statsref.engine.data.generate import ENGAGEMENT, PAGEVIEW
from statsref.engine.data.store import GoalMasks
from statsref.engine.language.timebuckets import LocalClock, month_of_day

NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)
SIZE = 8000


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.build(NOW, events=SIZE, seed=7)


def _on_date(dataset: Dataset, domain: str, day: date) -> list[tuple]:
    """The events of a date (UTC sites), without ids, which are numbered from today."""
    return sorted(
        (e.timestamp, e.name, e.pathname, tuple(sorted(e.props.items())))
        for e in dataset.events(domain)
        if e.timestamp.date() == day
    )


def test_a_date_holds_the_same_visits_whatever_the_clock(dataset):
    later = Dataset.build(NOW + timedelta(days=3), events=SIZE, seed=7)
    day = NOW.date() - timedelta(days=10)
    assert _on_date(dataset, "dummy.site", day) == _on_date(later, "dummy.site", day)
    assert _on_date(dataset, "dummy.site", day)


def test_same_inputs_give_identical_rows(dataset):
    again = Dataset.build(NOW, events=SIZE, seed=7)
    for domain in DATA_SITES:
        assert again.sessions(domain) == dataset.sessions(domain)
        assert again.events(domain) == dataset.events(domain)
        assert again.imported(domain) == dataset.imported(domain)


def test_a_different_seed_gives_different_rows(dataset):
    other = Dataset.build(NOW, events=SIZE, seed=8)
    assert other.events("dummy.site") != dataset.events("dummy.site")


def test_every_site_has_data_in_the_last_seven_days_and_none_after_now(dataset):
    for domain in DATA_SITES:
        events = dataset.events(domain)
        recent = [e for e in events if NOW - timedelta(days=7) <= e.timestamp < NOW]
        assert len(recent) >= 7, domain  # at least a visit a day
        assert max(e.timestamp for e in events) <= NOW


def test_size_parameter_sets_the_number_of_events():
    """Each day stops near its share of the total (a tiny dataset still gets a visit a day)."""
    sized = Dataset.build(NOW, events=12000, seed=1)
    total = sum(len(sized.events(d)) for d in DATA_SITES)
    assert 0.9 * 12000 <= total <= 1.1 * 12000
    smaller = Dataset.build(NOW, events=4000, seed=1)
    assert sum(len(smaller.events(d)) for d in DATA_SITES) < total / 2


def test_native_stats_start_where_the_site_says(dataset):
    for domain, site in DATA_SITES.items():
        first = min(s.start for s in dataset.sessions(domain))
        assert (NOW - first).days <= site.native_days + 1


def test_distributions_look_like_real_traffic(dataset):
    sessions = dataset.sessions("dummy.site")
    sources = Counter(s.source for s in sessions)
    assert sources.most_common(2)[0][0] in ("", "Google")
    assert {"Google", "Bing", "Hacker News", "Newsletter"} <= set(sources)
    assert {s.channel for s in sessions} >= {
        "Direct",
        "Organic Search",
        "Paid Search",
        "Email",
        "Referral",
        "Organic Social",
    }
    assert any(s.utm_campaign == "spring_sale" and s.utm_medium == "cpc" for s in sessions)
    cities = {(s.city, s.city_name) for s in sessions}
    assert (5391959, "San Francisco") in cities and (2950159, "Berlin") in cities
    assert all(len(s.country) == 2 for s in sessions if s.country)
    assert all(s.region.startswith(s.country + "-") for s in sessions if s.region)
    devices = Counter(s.device for s in sessions)
    assert devices["Desktop"] > devices["Mobile"] > devices["Tablet"] > 0
    assert {(s.browser, s.browser_version) for s in sessions} >= {("Chrome", "131.0")}
    assert {s.os for s in sessions} >= {"Windows", "Mac", "iOS", "Android"}
    hostnames = {e.hostname for e in dataset.events("dummy.site")}
    assert hostnames <= set(SITES["dummy.site"].hostnames) and len(hostnames) >= 3


def test_custom_events_carry_props_revenue_and_engagement(dataset):
    events = dataset.events("dummy.site")
    names = Counter(e.name for e in events)
    assert {"Signup", "Outbound Link: Click", "File Download", "PurchaseUSD"} <= set(names)
    assert not any(e.interactive for e in events if e.name == "Newsletter Prompt Shown")
    purchases = [e for e in events if e.name == "PurchaseUSD"]
    assert all(e.revenue_currency == "USD" and e.revenue_amount for e in purchases)
    assert all(e.revenue_currency == "EUR" for e in events if e.name == "Donation")
    assert any("author" in e.props for e in events if e.name == PAGEVIEW)
    engaged = [e for e in events if e.name == ENGAGEMENT]
    assert engaged and all(0 <= e.scroll_depth <= 100 and e.engagement_time > 0 for e in engaged)
    shop = Counter(e.revenue_currency for e in dataset.events("shop.dummy.site"))
    assert shop["USD"] and shop["GBP"]


def test_sessions_follow_the_session_model(dataset):
    events_by_session: dict[int, list] = {}
    for e in dataset.events("dummy.site"):
        events_by_session.setdefault(e.session_id, []).append(e)
    for session in dataset.sessions("dummy.site"):
        events = sorted(events_by_session[session.session_id], key=lambda e: e.timestamp)
        counted = [e for e in events if e.name != ENGAGEMENT]
        views = [e for e in counted if e.name == PAGEVIEW]
        interactive = [e for e in counted if e.name != PAGEVIEW and e.interactive]
        assert events[0].name != ENGAGEMENT
        assert session.start == counted[0].timestamp and session.end == counted[-1].timestamp
        assert session.pageviews == len(views) and session.events == len(counted)
        assert session.is_bounce == (len(views) < 2 and not interactive)
        assert session.entry_page == (views[0].pathname if views else "")
        assert session.exit_page == (views[-1].pathname if views else "")
        gaps = [b.timestamp - a.timestamp for a, b in pairwise(counted)]
        assert all(gap <= timedelta(minutes=30) for gap in gaps)


def test_a_non_interactive_event_keeps_a_visit_bouncing_and_lengthens_it(dataset):
    customs: dict[int, list] = {}
    for e in dataset.events("dummy.site"):
        if e.name not in (ENGAGEMENT, PAGEVIEW):
            customs.setdefault(e.session_id, []).append(e)
    found = [
        s
        for s in dataset.sessions("dummy.site")
        if s.pageviews == 1
        and customs.get(s.session_id)
        and not any(e.interactive for e in customs[s.session_id])
    ]
    assert found and all(s.is_bounce for s in found)
    assert any(s.duration > 0 for s in found)


def test_visitor_ids_rotate_daily(dataset):
    days: dict[int, set] = {}
    for s in dataset.sessions("dummy.site"):
        days.setdefault(s.visitor_id, set()).add(s.start.date())
    assert all(len(d) == 1 for d in days.values())
    assert len(days) < len(dataset.sessions("dummy.site"))


def test_imported_period_is_older_than_native_stats(dataset):
    for domain, site in DATA_SITES.items():
        rows = dataset.imported(domain)
        if site.imported_days is None:
            assert rows == []
            continue
        oldest, newest = site.imported_days
        assert min(r.day for r in rows) == NOW.date() - timedelta(days=oldest)
        assert max(r.day for r in rows) == NOW.date() - timedelta(days=newest)
        kinds = {r.kind for r in rows}
        assert {"visitors", "sources", "pages", "locations", "custom_events"} <= kinds


def test_store_holds_every_row(dataset):
    db = dataset.db
    for domain in DATA_SITES:
        index = dataset.site_index[domain]
        events = db.execute("SELECT COUNT(*) FROM events WHERE site = ?", [index]).fetchone()[0]
        sessions = db.execute("SELECT COUNT(*) FROM sessions WHERE site = ?", [index]).fetchone()
        assert events == len(dataset.events(domain))
        assert sessions[0] == len(dataset.sessions(domain))


def test_local_clock_follows_daylight_saving():
    clock = LocalClock(ZoneInfo("America/New_York"))
    summer = int(datetime(2026, 7, 1, 12, tzinfo=UTC).timestamp())
    winter = int(datetime(2026, 12, 1, 12, tzinfo=UTC).timestamp())
    assert clock.local(summer) - summer == -4 * 3600
    assert clock.local(winter) - winter == -5 * 3600


def test_local_clock_switches_at_the_transition_hour():
    """Offsets are learnt a day at a time; a transition day still switches on its hour."""
    clock = LocalClock(ZoneInfo("America/New_York"))
    switch = int(datetime(2026, 3, 8, 7, tzinfo=UTC).timestamp())  # 02:00 EST -> 03:00 EDT
    assert clock.local(switch - 1) - (switch - 1) == -5 * 3600
    assert clock.local(switch) - switch == -4 * 3600
    back = int(datetime(2026, 11, 1, 6, tzinfo=UTC).timestamp())  # 02:00 EDT -> 01:00 EST
    assert clock.local(back - 1) - (back - 1) == -4 * 3600
    assert clock.local(back) - back == -5 * 3600


def test_month_numbers_and_goal_masks():
    assert month_of_day(0) == 1970 * 12
    masks = GoalMasks(SITES["dummy.site"])
    goals = [g.display_name for g in SITES["dummy.site"].goals]
    assert masks.mask("pageview", "/blog/a/b") == 1 << goals.index("Visit /blog*")
    assert masks.mask("pageview", "/pricing") == 1 << goals.index("Visit /pricing")
    assert masks.mask("pageview", "/pricing/x") == 0
    assert masks.mask("Signup", "/pricing") == 1 << goals.index("Signup")
    scroll = 1 << goals.index("Scroll 75% on /blog/*")
    assert masks.mask("engagement", "/blog/a", 75) == scroll
    assert masks.mask("engagement", "/blog/a", 100) == scroll
    assert masks.mask("engagement", "/blog/a", 74) == 0
    assert masks.mask("engagement", "/blog/a", 255) == 0  # above 100: no measurement
    assert masks.mask("engagement", "/blog", 90) == 0
    assert masks.mask("engagement", "/pricing", 90) == 0
    assert masks.mask("pageview", "/blog/a", 90) == 1 << goals.index("Visit /blog*")


def test_scroll_goals_are_completed_in_the_data(dataset):
    """Some engagement events on blog posts reach the threshold, and only those carry the bit."""
    site = SITES["dummy.site"]
    bit = 1 << [g.display_name for g in site.goals].index("Scroll 75% on /blog/*")
    rows = dataset.db.execute(
        "SELECT name, pathname, scroll_depth FROM events WHERE site = ? AND goals & ? != 0",
        [dataset.index_of(site), bit],
    ).fetchall()
    assert rows
    assert all(n == "engagement" and p.startswith("/blog/") and 75 <= d <= 100 for n, p, d in rows)


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"events": 0}, "events must be a positive integer, got 0"),
        ({"events": "10"}, "got '10'"),
        ({"now": datetime(2026, 11, 2)}, "now must be timezone-aware"),
    ],
)
def test_build_rejects_bad_parameters(kwargs, text):
    with pytest.raises(ValueError, match=text):
        Dataset.build(**{"now": NOW, **kwargs})


def test_nothing_happens_after_an_early_morning_clock():
    early = datetime(2026, 11, 2, 0, 10, tzinfo=UTC)
    dataset = Dataset.build(early, events=20_000, seed=4)
    for domain in DATA_SITES:
        assert max(e.timestamp for e in dataset.events(domain)) <= early
        assert max(s.end for s in dataset.sessions(domain)) <= early


# ----------------------------------------------------------------------------- lazy datasets

LAZY_QUERIES = [
    {"site_id": "dummy.site", "metrics": ["visitors", "visits"], "date_range": "7d"},
    {
        "site_id": "dummy.site",
        "metrics": ["visitors", "bounce_rate", "visit_duration"],
        "date_range": "30d",
        "dimensions": ["time:day"],
    },
    {
        "site_id": "shop.dummy.site",
        "metrics": ["visitors", "pageviews"],
        "date_range": "all",
        "dimensions": ["visit:source"],
    },
    {
        "site_id": "dummy.site",
        "metrics": ["visitors", "pageviews"],
        "date_range": ["2025-09-01", "2025-12-31"],
        "include": {"imports": True},
    },
    {
        "site_id": "shop.dummy.site",
        "metrics": ["visits"],
        "date_range": "day",
        "dimensions": ["time:hour"],
    },
]


def test_a_lazy_dataset_builds_only_what_a_query_reads(dataset):
    lazy = Dataset.build(NOW, events=SIZE, seed=7, lazy=True)
    count = "SELECT COUNT(*) FROM {} WHERE site = ?"
    dummy, shop = lazy.site_index["dummy.site"], lazy.site_index["shop.dummy.site"]
    assert lazy.db.execute("SELECT COUNT(*) FROM events").fetchone() == (0,)
    week = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
    reads = rows_read(parse_query(week, now=NOW))
    assert reads == Reads("dummy.site", date(2026, 10, 26), date(2026, 11, 1), False)
    assert lazy.needs_build(*reads)
    run_query(week, dataset=lazy)
    assert not lazy.needs_build(*reads)
    loaded = lazy.db.execute(count.format("events"), [dummy]).fetchone()[0]
    assert 0 < loaded < len(dataset.events("dummy.site")) / 10
    assert lazy.db.execute(count.format("events"), [shop]).fetchone() == (0,)
    assert lazy.db.execute(count.format("imported"), [dummy]).fetchone() == (0,)
    first = min(ts for (ts,) in lazy.db.execute("SELECT ts FROM events WHERE site = ?", [dummy]))
    # the day before the range is there too: a visit may run past midnight into the range
    assert datetime.fromtimestamp(first, UTC).date() == reads.first - timedelta(days=1)
    assert lazy.needs_build("dummy.site")  # the rest of the site is still to be built


def test_a_build_goes_in_batches_and_keeps_those_done_when_stopped(dataset):
    lazy = Dataset.build(NOW, events=SIZE, seed=7, lazy=True)
    batches = 0

    def checkpoint() -> None:
        nonlocal batches
        batches += 1
        if batches == 2:  # before the third batch
            raise RuntimeError("the query's budget is spent")

    with pytest.raises(RuntimeError), lazy.turns.hold():
        lazy.ensure("dummy.site", checkpoint=checkpoint)
    recent = NOW.date() - timedelta(days=2 * BUILD_DAYS - 1 - VISIT_SPILL_DAYS)
    assert not lazy.needs_build("dummy.site", recent, NOW.date(), imported=True)
    assert lazy.needs_build("dummy.site")
    lazy.ensure("dummy.site")  # the next build goes on from there, in a turn of its own
    assert lazy.events("dummy.site") == dataset.events("dummy.site")


def test_a_lazy_dataset_answers_and_holds_exactly_what_a_full_build_does(dataset):
    lazy = Dataset.build(NOW, events=SIZE, seed=7, lazy=True)
    for query in LAZY_QUERIES:
        fresh = Dataset.build(NOW, events=SIZE, seed=7, lazy=True)
        expected = run_query(query, dataset=dataset)
        assert expected[0] == 200, expected
        assert run_query(query, dataset=fresh) == expected, query
        assert run_query(query, dataset=lazy) == expected, query
    for domain, index in dataset.site_index.items():
        assert lazy.sessions(domain) == dataset.sessions(domain)
        assert lazy.events(domain) == dataset.events(domain)
        assert lazy.imported(domain) == dataset.imported(domain)
        for table, key in (("events", "ts, event_id"), ("sessions", "session_id")):
            select = f"SELECT * FROM {table} WHERE site = ? ORDER BY {key}"
            assert (
                lazy.db.execute(select, [index]).fetchall()
                == dataset.db.execute(select, [index]).fetchall()
            )


def test_a_day_answers_alike_when_a_visit_spills_into_it_from_the_day_before():
    full = Dataset.build(NOW, events=5 * SIZE, seed=7)  # enough night owls for a spill
    spill = next(
        s
        for s in full.sessions("dummy.site")
        if s.start.date() < s.end.date() and s.end < NOW - timedelta(days=1)
    )
    day = spill.end.date().isoformat()
    query = {"site_id": "dummy.site", "metrics": ["visits", "visitors"], "date_range": [day, day]}
    lazy = Dataset.build(NOW, events=5 * SIZE, seed=7, lazy=True)
    assert run_query(query, dataset=lazy) == run_query(query, dataset=full)


def test_lazy_builds_from_many_threads_load_each_day_once(dataset):
    lazy = Dataset.build(NOW, events=SIZE, seed=7, lazy=True)
    answers: dict[int, tuple] = {}

    def ask(i: int) -> None:
        answers[i] = run_query(LAZY_QUERIES[i % len(LAZY_QUERIES)], dataset=lazy)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i, answer in answers.items():
        assert answer == run_query(LAZY_QUERIES[i % len(LAZY_QUERIES)], dataset=dataset)
    duplicates = (
        "SELECT COUNT(*) - COUNT(DISTINCT session_id * 100000 + hour_ts) FROM session_hours"
    )
    assert lazy.db.execute(duplicates).fetchone() == (0,)


def test_an_invalid_query_builds_nothing():
    lazy = Dataset.build(NOW, events=SIZE, seed=7, lazy=True)
    status, _ = run_query({"site_id": "dummy.site", "metrics": ["nope"]}, dataset=lazy)
    assert status == 400
    assert all(lazy.needs_build(domain, imported=False) for domain in DATA_SITES)
