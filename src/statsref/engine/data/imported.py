"""Imported daily aggregates, as a site migrating from another analytics tool would have.

The API keeps imported data as per-day totals in one table per report (visitors, sources,
pages, entry and exit pages, locations, devices, browsers, operating systems, custom events).
Here they share one table: ``kind`` names the report and only that report's dimension columns
are set. The period is the site's ``imported_days`` (day offsets before today, older than the
native stats); like native rows, each day comes from a random stream seeded by its date and
follows the site's rhythm.

Pages rows also carry the engagement totals the API's imported pages table holds: the sum of
each visit's scroll depth over the visits with one (``total_scroll_depth``,
``total_scroll_depth_visits``; zero when the site's import has no scroll depth) and the time on
the page in seconds over the visits it counts (``total_time_on_page``,
``total_time_on_page_visits``). They come from a stream of their own, so the other sums stay
what they were without them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from random import Random
from typing import Any
from zoneinfo import ZoneInfo

from ..language.site import Site
from ..language.timebuckets import day_number, month_of_day
from ..sites.traffic import SiteTraffic, Table
from .distributions import ACQUISITION, CLIENTS, PLACES
from .generate import day_visitors

IMPORTED_COLUMNS = (
    "source",
    "referrer",
    "channel",
    "utm_medium",
    "utm_source",
    "utm_campaign",
    "utm_content",
    "utm_term",
    "page",
    "hostname",
    "entry_page",
    "exit_page",
    "country",
    "region",
    "country_name",
    "region_name",
    "city_name",
    "device",
    "browser",
    "browser_version",
    "os",
    "os_version",
    "name",
    "goal",
)
"""The text dimension columns of the ``imported`` table (``city`` is its integer column)."""

METRIC_FIELDS = ("visitors", "visits", "pageviews", "bounces", "visit_duration", "events")
ENGAGEMENT_FIELDS = (
    "total_scroll_depth",
    "total_scroll_depth_visits",
    "total_time_on_page",
    "total_time_on_page_visits",
)
"""The pages report's engagement sums (zero in the other reports)."""
DRAWS_PER_REPORT = 8
"""How many weighted draws split a day's traffic across a report's values."""
IMPORTED_SCALE = 0.8
"""Imported traffic is a little lower than native traffic, as after a tracker change."""


@dataclass
class ImportedRow:
    """One report's aggregate for one value (``dims``) on one local day."""

    kind: str
    day: date
    dims: dict[str, Any]
    visitors: int
    visits: int
    pageviews: int
    bounces: int
    visit_duration: int
    events: int
    total_scroll_depth: int = 0
    total_scroll_depth_visits: int = 0
    total_time_on_page: int = 0
    total_time_on_page_visits: int = 0

    def columns(self) -> tuple[str, ...]:
        """The ``imported`` columns this row sets (its report's dimensions, no others)."""
        return ("kind", "day", "month", *self.dims, *METRIC_FIELDS, *ENGAGEMENT_FIELDS)

    def values(self) -> tuple[Any, ...]:
        """The values of ``columns()``, as the ``imported`` table stores them."""
        day = day_number(self.day)
        sums = (getattr(self, name) for name in (*METRIC_FIELDS, *ENGAGEMENT_FIELDS))
        return (self.kind, day, month_of_day(day), *self.dims.values(), *sums)


def _fields(value: Any) -> dict[str, Any]:
    """A flat dataclass's fields by name (``dataclasses.asdict`` without its deep copies)."""
    return dict(vars(value))


def _reports(traffic: SiteTraffic) -> dict[str, tuple[Table[Any], Callable[[Any], dict]]]:
    """Each report's value table and how a drawn value becomes dimension columns (an
    ``Acquisition`` or a ``Place`` has exactly its report's columns)."""
    return {
        "sources": (ACQUISITION, _fields),
        "pages": (traffic.browsing, lambda p: {"page": p.path, "hostname": p.hostname}),
        "entry_pages": (traffic.landing, lambda p: {"entry_page": p.path}),
        "exit_pages": (traffic.browsing, lambda p: {"exit_page": p.path}),
        "locations": (PLACES, _fields),
        "devices": (CLIENTS, lambda c: {"device": c.device}),
        "browsers": (
            CLIENTS,
            lambda c: {"browser": c.browser, "browser_version": c.browser_version},
        ),
        "operating_systems": (CLIENTS, lambda c: {"os": c.os, "os_version": c.os_version}),
    }


def generate_imported(
    site: Site, traffic: SiteTraffic, now: datetime, *, scale: float, seed: int
) -> list[ImportedRow]:
    """Every imported aggregate row of ``site`` for its imported period (none without one)."""
    if site.imported_days is None:
        return []
    oldest, newest = site.imported_days
    today = now.astimezone(ZoneInfo(site.timezone)).date()
    reports = _reports(traffic)
    event_goals = [(g.event_name, g.display_name) for g in site.goals if g.event_name]
    rows: list[ImportedRow] = []
    for offset in range(oldest, newest - 1, -1):
        day = today - timedelta(days=offset)
        rng = Random(f"{seed}:{site.domain}:imported:{day.isoformat()}")
        engaged = Random(f"{seed}:{site.domain}:imported-engagement:{day.isoformat()}")
        expected = day_visitors(traffic, day, scale * IMPORTED_SCALE)
        visitors = max(1, round(expected * (0.8 + 0.4 * rng.random())))
        totals = _day_totals(visitors, rng)
        rows.append(ImportedRow("visitors", day, {}, **totals))
        for kind, (table, columns) in reports.items():
            drawn = Counter(table.pick(rng) for _ in range(DRAWS_PER_REPORT))
            for value, count in drawn.items():
                share = {k: round(v * count / DRAWS_PER_REPORT) for k, v in totals.items()}
                if share["visitors"]:
                    row = ImportedRow(kind, day, columns(value), **share)
                    if kind == "pages":
                        _add_engagement(row, engaged, scroll=site.imported_scroll_depth)
                    rows.append(row)
        for name, goal in event_goals:
            converted = int(visitors * 0.08 * rng.random() + rng.random())
            if converted:
                rows.append(
                    ImportedRow(
                        "custom_events",
                        day,
                        {"name": name, "goal": goal},
                        visitors=converted,
                        visits=converted,
                        pageviews=0,
                        bounces=0,
                        visit_duration=0,
                        events=converted + rng.randrange(converted + 1),
                    )
                )
    return rows


def _add_engagement(row: ImportedRow, rng: Random, *, scroll: bool) -> None:
    """A pages row's engagement sums: most of its visits scrolled (35-75% deep on average)
    and stayed 20-80 s; no scroll depth when the import has none."""
    depth_visits = round(row.visits * (0.6 + 0.3 * rng.random()))
    depth = round(depth_visits * (35 + 40 * rng.random()))
    if scroll:
        row.total_scroll_depth, row.total_scroll_depth_visits = depth, depth_visits
    row.total_time_on_page_visits = row.visits
    row.total_time_on_page = round(row.visits * (20 + 60 * rng.random()))


def _day_totals(visitors: int, rng: Random) -> dict[str, int]:
    visits = visitors + round(visitors * 0.12 * rng.random())
    pageviews = round(visits * (1.9 + 0.6 * rng.random()))
    return {
        "visitors": visitors,
        "visits": visits,
        "pageviews": pageviews,
        "bounces": round(visits * (0.38 + 0.14 * rng.random())),
        "visit_duration": round(visits * (90 + 60 * rng.random())),
        "events": pageviews + round(visits * 0.1 * rng.random()),
    }
