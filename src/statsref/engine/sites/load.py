"""Reading a sites file: TOML in, every site checked, a ``SiteSet`` out.

One path for every sites file, the demo's included. Each key is checked where it is read and a
problem stops the load with a ``SitesFileError`` naming the file and the key path; segments are
checked as the query parser would check their filters on that site (so a segment naming a goal
the site lacks fails here, with the API's own message). The format is documented key by key in
``docs/guides/testing-your-integration.md`` and described by ``schema/sites.schema.json``.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..language.errors import QueryError
from ..language.parse import parse_query
from ..language.site import PROPS, REVENUE_GOALS, STATS_API, Goal, Segment, Site
from . import derive
from .currencies import check_currency
from .siteset import DayRef, SiteSet, SiteSpec
from .tables import At, SitesFileError, day_ref, shown

SITE_KEYS = (
    "domain",
    "timezone",
    "daily_visitors",
    "stats_since",
    "former_domains",
    "plan",
    "pages",
    "goals",
    "properties",
    "events",
    "segments",
    "imports",
    "rhythm",
    "standalone_event",
    "locked",
    "stats_api",
)
GOAL_KEYS = ("event", "page", "scroll", "currency", "name")
SEGMENT_KEYS = ("id", "name", "filters")
PLAN_FEATURES = (PROPS, REVENUE_GOALS)
"""What ``plan`` may list: the features beyond the Stats API itself, named as the API's
billing features are."""
MAX_DAILY_VISITORS = 20_000
"""Visitors a site may have on a typical day: enough for any test, small enough that a year
of them builds in seconds."""
_PROBE_CLOCK = datetime(2026, 1, 1, tzinfo=UTC)


def parse_sites(text: str, source: str) -> SiteSet:
    """The sites ``text`` (a sites file's TOML) describes; ``source`` names it in messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SitesFileError(f"{source}: not valid TOML: {error}") from None
    root = At(data, "", source)
    root.only(("sites",))
    specs = tuple(_site(at) for at in root.tables("sites"))
    if not specs:
        root.fail(None, "no [[sites]] table: a sites file describes at least one site")
    _check_unique(specs, source)
    return SiteSet(specs, source)


def _check_unique(specs: tuple[SiteSpec, ...], source: str) -> None:
    """A domain, current or former, names one site only."""
    seen: dict[str, int] = {}
    for index, spec in enumerate(specs):
        site = spec.template
        for name in (site.domain, *site.former_domains):
            if name in seen:
                At({}, f"sites[{index}]", source).fail(
                    "domain" if name == site.domain else "former_domains",
                    f"{name!r} already names sites[{seen[name]}]",
                )
            seen[name] = index


def _site(at: At) -> SiteSpec:
    at.only(SITE_KEYS)
    domain = _domain(at)
    listed = derive.properties(at)
    template = Site(
        domain=domain,
        timezone=_timezone(at),
        goals=_goals(at),
        props=tuple(listed),
        segments=(),
        features=_plan(at),
        locked=at.typed("locked", bool, False),
        former_domains=at.strings("former_domains"),
        imported_scroll_depth=_imported_scroll_depth(at),
    )
    template = replace(template, segments=_segments(at, template))
    plans = derive.pages(at, domain, template.goals, template.segments)
    traffic = derive.traffic(at, template, plans, listed)
    return SiteSpec(
        template=replace(
            template,
            props=derive.site_props(listed, plans, traffic),
            hostnames=tuple(dict.fromkeys([domain, *(page.hostname for page, *_ in plans)])),
        ),
        stats_since=day_ref(at, "stats_since", "400d"),
        imports=_imports(at),
        traffic=traffic,
    )


def _domain(at: At) -> str:
    domain = at.text("domain")
    if domain is None:
        at.fail(None, "missing the key 'domain' (the site_id queries name)")
    if any(c.isspace() for c in domain) or len(domain) > 255:
        at.fail("domain", f"must be a domain such as 'acme.test', got {shown(domain)}")
    return domain


def _timezone(at: At) -> str:
    name = at.text("timezone", "UTC") or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones
        at.fail("timezone", f"{shown(name)} is not an IANA time zone such as 'Europe/Tallinn'")
    return name


def _plan(at: At) -> frozenset[str]:
    features = set(at.strings("plan", PLAN_FEATURES))
    for feature in features - set(PLAN_FEATURES):
        at.fail("plan", f"unknown feature {shown(feature)}; known: {', '.join(PLAN_FEATURES)}")
    if at.typed("stats_api", bool, True):
        features.add(STATS_API)
    return frozenset(features)


def _goals(at: At) -> tuple[Goal, ...]:
    goals = tuple(_goal(item) for item in at.tables("goals"))
    names = [goal.display_name for goal in goals]
    for index, name in enumerate(names):
        if name in names[:index]:
            At({}, f"{at.where('goals')}[{index}]", at.source).fail(
                "name", f"another goal is already named {shown(name)}"
            )
    return goals


def _goal(at: At) -> Goal:
    at.only(GOAL_KEYS)
    event, page = at.text("event"), at.text("page")
    if (event is None) == (page is None):
        at.fail(None, "a goal names either an event or a page" + (", not both" if event else ""))
    scroll = at.typed("scroll", int)
    if scroll is not None and page is None:
        at.fail("scroll", "needs page: a scroll goal counts scrolling on the pages it names")
    if scroll is not None and not 1 <= scroll <= 100:
        at.fail("scroll", f"must be a percentage from 1 to 100, got {scroll}")
    if page is not None and not page.startswith("/"):
        at.fail("page", f"must be a path starting with '/', got {shown(page)}")
    currency = _currency(at, event)
    default = event or (f"Scroll {scroll}% on {page}" if scroll is not None else f"Visit {page}")
    return Goal(
        at.text("name", default) or default,
        event_name=event,
        page_path=page,
        currency=currency,
        scroll_threshold=scroll,
    )


def _currency(at: At, event: str | None) -> str | None:
    currency = at.text("currency")
    if currency is None:
        return None
    if event is None:
        at.fail("currency", "needs event: a revenue goal is a custom event goal")
    check_currency(at, "currency", currency)
    return currency


def _segments(at: At, site: Site) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for item in at.tables("segments"):
        item.only(SEGMENT_KEYS)
        segment_id = item.typed("id", int)
        if segment_id is None or segment_id < 1:
            item.fail("id", "every segment needs an id, a positive integer that queries name")
        if any(s.id == segment_id for s in segments):
            item.fail("id", f"another segment already has the id {segment_id}")
        filters = item.typed("filters", list)
        if not filters:
            item.fail("filters", "a segment needs filters, as a query writes them")
        _check_filters(item, site, filters)
        name = item.text("name", f"Segment {segment_id}") or ""
        segments.append(Segment(segment_id, name, tuple(filters)))
    return tuple(segments)


def _check_filters(at: At, site: Site, filters: list) -> None:
    """The filters as the parser checks them in a query on this site (any plan restriction
    included), reported at their key path."""
    probe = replace(site, locked=False, features=site.features | {STATS_API})
    body = {"site_id": site.domain, "metrics": ["visitors"], "date_range": "7d", "filters": filters}
    try:
        parse_query(body, now=_PROBE_CLOCK, sites={site.domain: probe})
    except QueryError as error:
        steps = "".join(f"[{step}]" for step in (error.pointer or "").split("/")[2:])
        message = (
            error.message.split(": ", 1)[-1] if error.message.startswith("#/") else error.message
        )
        at.fail("filters", f"{steps + ': ' if steps else ''}{message}")


def _imports(at: At) -> tuple[DayRef, DayRef] | None:
    table = at.table("imports")
    if table is None:
        return None
    table.only(("from", "to", "scroll_depth"))
    for key in ("from", "to"):
        if not table.has(key):
            table.fail(None, f"missing the key {key!r}: imported data covers from a day to a day")
    first, last = day_ref(table, "from", ""), day_ref(table, "to", "")
    if type(first) is type(last) and (
        first < last if isinstance(first, int) else first > last  # type: ignore[operator]
    ):
        table.fail("to", "must not come before 'from'")
    return first, last


def _imported_scroll_depth(at: At) -> bool:
    """Whether the site's import carries scroll depth (``imports.scroll_depth``, default yes)."""
    table = at.table("imports")
    return True if table is None else bool(table.typed("scroll_depth", bool, True))
