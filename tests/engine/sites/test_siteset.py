"""A site of a sites file at a clock: absolute and relative days, in the site's timezone."""

from __future__ import annotations

from datetime import UTC, datetime

from statsref.engine import parse_sites

NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)


def at(extra: str, now: datetime = NOW):
    text = f'[[sites]]\ndomain = "acme.test"\ntimezone = "Asia/Tokyo"\n{extra}\n'
    return parse_sites(text, "acme.toml").at(now)["acme.test"]


def test_a_date_counts_back_from_the_sites_own_today() -> None:
    assert at("stats_since = 2026-11-01").native_days == 1
    late = datetime(2026, 11, 2, 16, 0, tzinfo=UTC)  # already 3 November in Tokyo
    assert at("stats_since = 2026-11-01", late).native_days == 2


def test_relative_days_follow_the_clock() -> None:
    assert at('stats_since = "30d"').native_days == 30
    assert at('stats_since = "30d"', datetime(2030, 1, 1, tzinfo=UTC)).native_days == 30


def test_stats_starting_after_today_start_today() -> None:
    assert at("stats_since = 2027-01-01").native_days == 0


def test_imports_end_before_the_native_stats() -> None:
    site = at('stats_since = "100d"\nimports = { from = 2026-01-01, to = 2026-10-01 }')
    oldest = (NOW.date() - datetime(2026, 1, 1).date()).days
    assert site.imported_days == (oldest, 101)


def test_imports_wholly_inside_the_native_stats_are_none() -> None:
    assert at('stats_since = "400d"\nimports = { from = "30d", to = "10d" }').imported_days is None
