"""Imported daily aggregates, as a site migrating from another analytics tool would have.

The API keeps imported data as per-day totals in one table per report (visitors, sources,
pages, entry and exit pages, locations, devices, browsers, operating systems, custom events).
Here they share one table: ``kind`` names the report and only that report's dimension columns
are set. The period is the site's ``imported_days`` (day offsets before today, older than the
native stats); like native rows, each day comes from a random stream seeded by its date and
follows the site's rhythm.
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

    def columns(self) -> tuple[str, ...]:
        """The ``imported`` columns this row sets (its report's dimensions, no others)."""
        return ("kind", "day", "month", *self.dims, *METRIC_FIELDS)

    def values(self) -> tuple[Any, ...]:
        """The values of ``columns()``, as the ``imported`` table stores them."""
        day = day_number(self.day)
        return (
            self.kind,
            day,
            month_of_day(day),
            *self.dims.values(),
            self.visitors,
            self.visits,
            self.pageviews,
            self.bounces,
            self.visit_duration,
            self.events,
        )


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
        expected = day_visitors(traffic, day, scale * IMPORTED_SCALE)
        visitors = max(1, round(expected * (0.8 + 0.4 * rng.random())))
        totals = _day_totals(visitors, rng)
        rows.append(ImportedRow("visitors", day, {}, **totals))
        for kind, (table, columns) in reports.items():
            drawn = Counter(table.pick(rng) for _ in range(DRAWS_PER_REPORT))
            for value, count in drawn.items():
                share = {k: round(v * count / DRAWS_PER_REPORT) for k, v in totals.items()}
                if share["visitors"]:
                    rows.append(ImportedRow(kind, day, columns(value), **share))
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
