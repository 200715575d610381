"""A site's traffic from its sites file: what the file says, and believable defaults for what
it leaves out.

A file may say as little as a domain and its goals. Then the site gets a generic set of pages,
a custom event per event goal that converts a few percent of visits (revenue in the goal's
currency, scaled by its minor units), a page for each page goal and segment page no listed
page is, the custom properties on a share of the visits, and for each segment a profile a few
percent of the visitors take on (the country, source, device or property value its ``is``
filters name), so every segment matches visits. Weights fall off with a page's position in
the list, as on real sites (a Zipf curve).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..language.filter_tree import Leaf, leaves
from ..language.site import Goal, Segment, Site, goal_pattern
from ..language.vocabulary import PROPS_PREFIX
from .currencies import MINOR_UNITS, check_currency
from .tables import At, shown
from .traffic import CustomEvent, Page, Rhythm, SiteTraffic, Table

PAGE_KEYS = ("path", "hostname", "weight", "browse_weight", "props")
EVENT_KEYS = ("name", "on", "chance", "props", "amounts", "currency", "interactive")
RHYTHM_KEYS = ("weekdays", "amplitude", "peak")
GENERIC_PAGES = (
    "/",
    "/pricing",
    "/features",
    "/blog",
    "/blog/welcome",
    "/blog/release-notes",
    "/docs",
    "/docs/getting-started",
    "/about",
    "/contact",
    "/signup",
    "/login",
)
"""The pages of a site whose file lists none."""
HOME_RETURN = 0.4
"""People land on a home page more than they come back to it: its share of later pageviews."""
GOAL_CHANCE = 0.012
"""The chance per pageview of the first derived goal event (about 3% of visits convert)."""
AMOUNTS = (9, 19, 29, 49, 99, 199)
"""A revenue goal's amounts in a currency with two minor units (one less: times ten)."""
EXTRA_SHARE = 0.03
"""The share of a site's pages a page a goal or segment needs (and no listed page is) gets."""
PROP_ABSENT = 0.3
"""The share of visits that do not carry a custom property the file lists."""
MAX_DAILY_VISITORS = 20_000
"""Visitors a site may have on a typical day: enough for any test, few enough that a year of
them builds in seconds."""
VISIT_DIMENSIONS = (
    "visit:country",
    "visit:device",
    "visit:browser",
    "visit:os",
    "visit:source",
    "visit:channel",
    "visit:referrer",
    "visit:utm_medium",
    "visit:utm_source",
    "visit:utm_campaign",
    "visit:utm_content",
    "visit:utm_term",
)
"""The visit attributes a segment's visitors take on (``SiteTraffic.profiles``)."""
PAGE_DIMENSIONS = ("event:page", "visit:entry_page", "visit:exit_page")

PagePlan = tuple[Page, float, float]
"""A page, its weight among landing pages and among the pages a visit moves on to."""


def _zipf(index: int) -> float:
    return 30 / (index + 1)


def properties(at: At) -> dict[str, tuple[str, ...]]:
    """``[sites.properties]``: each custom property and the values events carry."""
    table = at.table("properties")
    if table is None:
        return {}
    for name in table.values:
        if not name.strip():
            table.fail(None, "a custom property needs a name")
    return {name: table.strings(name) for name in table.values}


def pages(
    at: At, domain: str, goals: tuple[Goal, ...], segments: tuple[Segment, ...]
) -> list[PagePlan]:
    """The listed pages (or the generic ones), then one for each page goal and segment page
    no listed page is."""
    entries = at.typed("pages", list, list(GENERIC_PAGES))
    if not entries:
        at.fail("pages", "must list at least one page (or leave it out for a generic set)")
    plans = [_page(at, index, entry, domain) for index, entry in enumerate(entries)]
    paths = [page.path for page, *_ in plans]
    wanted = [
        _example_path(goal.page_path)
        for goal in goals
        if goal.page_path and not any(goal_pattern(goal.page_path).fullmatch(p) for p in paths)
    ]
    wanted += [v for leaf in _is_leaves(segments, PAGE_DIMENSIONS) for v in leaf.clauses]
    total = sum(weight for _, weight, _ in plans)
    for path in dict.fromkeys(p for p in wanted if p not in paths):
        plans.append((Page(path, domain), total * EXTRA_SHARE, total * EXTRA_SHARE))
    return plans


def _page(at: At, index: int, entry: object, domain: str) -> PagePlan:
    where = At({}, f"{at.where('pages')}[{index}]", at.source)
    if isinstance(entry, str):
        entry = {"path": entry}
    if not isinstance(entry, dict):
        where.fail(None, f"must be a path or a table with a path, got {shown(entry)}")
    item = At(entry, where.path, at.source)
    item.only(PAGE_KEYS)
    path = item.text("path")
    if path is None or not path.startswith("/"):
        item.fail("path", f"must be a path starting with '/', got {shown(path)}")
    weight = item.number("weight", _zipf(index), 0, 1e6)
    browse = item.number("browse_weight", weight * (HOME_RETURN if path == "/" else 1), 0, 1e6)
    props = item.table("props")
    carried = tuple((name, props.text(name) or "") for name in props.values) if props else ()
    return Page(path, item.text("hostname", domain) or domain, carried), weight, browse


def _example_path(pattern: str | None) -> str:
    """A path a page goal's pattern matches: its first option, wildcards filled in."""
    return (pattern or "/").split("|")[0].replace("**", "*").replace("*", "example")


def _is_leaves(segments: tuple[Segment, ...], dimensions: tuple[str, ...]) -> Iterator[Leaf]:
    """The ``is`` leaves of the segments on ``dimensions``."""
    for segment in segments:
        for leaf in leaves(list(segment.filters)):
            if leaf.operator == "is" and leaf.dimension in dimensions:
                yield leaf


def traffic(
    at: At, site: Site, plans: list[PagePlan], props: dict[str, tuple[str, ...]]
) -> SiteTraffic | None:
    """The site's traffic (``None`` for a site that cannot answer queries: it has none)."""
    daily = at.number("daily_visitors", 200, 0, MAX_DAILY_VISITORS)
    events = _events(at, site.goals)
    rhythm = _rhythm(at)
    standalone = _standalone(at, [custom for _, custom in events], site.goals)
    if not site.queryable:
        return None
    by_prefix: dict[str, tuple[CustomEvent, ...]] = {}
    for prefix, custom in events:
        by_prefix[prefix] = (*by_prefix.get(prefix, ()), custom)
    return SiteTraffic(
        daily_visitors=daily,
        landing=Table([(page, weight) for page, weight, _ in plans]),
        browsing=Table([(page, browse) for page, _, browse in plans]),
        events=by_prefix,
        standalone=standalone,
        rhythm=rhythm,
        visit_props=_visit_props(plans, events, props),
        profiles=tuple(p for p in (_profile(s.filters) for s in site.segments) if p),
    )


def _carried(plans: list[PagePlan], events: list[tuple[str, CustomEvent]]) -> list[str]:
    """The custom properties the file's pages and events set themselves."""
    names = [name for page, *_ in plans for name, _ in page.props]
    return [*names, *(name for _, custom in events for name, _ in custom.props)]


def site_props(
    listed: dict[str, tuple[str, ...]], plans: list[PagePlan], traffic: SiteTraffic | None
) -> tuple[str, ...]:
    """Every custom property of the site: those listed, and those its events carry."""
    if traffic is None:
        return tuple(listed)
    events = [(prefix, custom) for prefix, customs in traffic.events.items() for custom in customs]
    visit = [name for name, _ in traffic.visit_props]
    profiled = [
        d[len(PROPS_PREFIX) :] for p in traffic.profiles for d, _ in p if d.startswith(PROPS_PREFIX)
    ]
    return tuple(dict.fromkeys([*listed, *_carried(plans, events), *visit, *profiled]))


def _visit_props(
    plans: list[PagePlan], events: list[tuple[str, CustomEvent]], props: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, Table[str]], ...]:
    """The listed properties no page or event sets, drawn once per visit (and absent from
    some visits)."""
    carried = set(_carried(plans, events))
    return tuple(
        (name, _with_absent(list(dict.fromkeys(listed))))
        for name, listed in props.items()
        if listed and name not in carried
    )


def _profile(filters: tuple) -> tuple[tuple[str, str], ...]:
    """The visitor a segment's filters describe: the first value of each ``is`` filter on a
    visit attribute or a custom property that every visit of the segment must pass (at the
    top level or inside ``and``)."""
    pairs: list[tuple[str, str]] = []
    for node in filters:
        if node[0] == "and":
            pairs += _profile(tuple(node[1]))
        elif node[0] == "is" and _profiled(node[1]) and isinstance(node[2][0], str):
            pairs.append((node[1], node[2][0]))
    return tuple(pairs)


def _profiled(dimension: str) -> bool:
    return dimension in VISIT_DIMENSIONS or dimension.startswith(PROPS_PREFIX)


def _with_absent(values: list[str]) -> Table[str]:
    table = [(value, _zipf(index)) for index, value in enumerate(values)]
    present = sum(weight for _, weight in table)
    return Table([*table, ("", present * PROP_ABSENT / (1 - PROP_ABSENT))])


def _events(at: At, goals: tuple[Goal, ...]) -> list[tuple[str, CustomEvent]]:
    """``(path prefix, event)``: the file's events, then one per event goal it does not
    define, on every page, converting fewer visits the later the goal comes."""
    currencies = {g.event_name: g.currency for g in goals if g.event_name}
    events = [_event(item, currencies) for item in at.tables("events")]
    named = {custom.name for _, custom in events}
    derived = [g for g in goals if g.event_name and g.event_name not in named]
    for index, goal in enumerate(derived):
        amounts = _amounts(goal.currency) if goal.currency else ()
        chance = GOAL_CHANCE / (1 + index) ** 0.5
        events.append(("", CustomEvent(goal.event_name or "", chance, (), amounts, goal.currency)))
    return events


def _event(at: At, currencies: dict[str, str | None]) -> tuple[str, CustomEvent]:
    at.only(EVENT_KEYS)
    name = at.text("name")
    if name is None:
        at.fail(None, "missing the key 'name' (the event's name, as a goal names it)")
    props = at.table("props")
    amounts = tuple(at.typed("amounts", list, []))
    for value in amounts:
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            at.fail("amounts", f"must be positive numbers, got {shown(value)}")
    currency = at.text("currency", currencies.get(name))
    if amounts and currency is None:
        at.fail("amounts", "need a currency: a 'currency' key or a revenue goal for this event")
    if currency is not None:
        check_currency(at, "currency", currency)
    custom = CustomEvent(
        name,
        at.number("chance", 0.05, 0, 1),
        tuple((key, props.strings(key)) for key in props.values) if props else (),
        tuple(float(value) for value in amounts),
        currency if amounts else None,
        at.typed("interactive", bool, True),
    )
    return at.typed("on", str, ""), custom


def _amounts(currency: str) -> tuple[float, ...]:
    factor = 10.0 ** (2 - MINOR_UNITS[currency])
    return tuple(float(round(amount * factor, MINOR_UNITS[currency])) for amount in AMOUNTS)


def _standalone(at: At, events: list[CustomEvent], goals: tuple[Goal, ...]) -> CustomEvent | None:
    """The event a visit may consist of alone: the one ``standalone_event`` names, by default
    the first event goal's (none without one)."""
    name = at.text("standalone_event", next((g.event_name for g in goals if g.event_name), None))
    if name is None:
        return None
    found = next((e for e in events if e.name == name), None)
    if found is None:
        at.fail("standalone_event", f"{shown(name)} is none of the site's events or event goals")
    return _alone(found)


def _alone(custom: CustomEvent) -> CustomEvent:
    return CustomEvent(custom.name, 1.0, custom.props, custom.amounts, custom.currency)


def _rhythm(at: At) -> Rhythm:
    table = at.table("rhythm")
    if table is None:
        return Rhythm()
    table.only(RHYTHM_KEYS)
    weekdays = tuple(table.typed("weekdays", list, list(Rhythm().weekdays)))
    if (
        len(weekdays) != 7
        or not all(
            isinstance(w, int | float) and not isinstance(w, bool) and w >= 0 for w in weekdays
        )
        or not any(weekdays[:5])
    ):
        table.fail(
            "weekdays", "must be 7 weights (Monday first), not negative, some weekday above 0"
        )
    return Rhythm(
        tuple(float(w) for w in weekdays),  # type: ignore[arg-type]
        table.number("amplitude", Rhythm().amplitude, 0, 0.9),
        int(table.number("peak", Rhythm().peak, 1, 366)),
    )
