"""A site as the query language sees it: timezone, goals, custom properties, segments, the
days it has statistics for, and what the owner's plan includes.

This is what a real instance keeps in its database and the query parser consults (goal names,
segment ids, the site's timezone, the plan's features). Which sites exist is not the
language's business: a sites file says (``engine.sites``), and the parser is handed them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Goal:
    """A conversion goal. Exactly one of ``event_name`` and ``page_path`` is set.

    ``page_path`` may contain ``*`` wildcards (each matches any run of characters, ``/``
    included, as in the current API) and ``|`` alternatives. ``currency`` makes it a
    revenue goal; ``scroll_threshold`` (0 to 100) a scroll goal: an ``engagement`` event on a
    matching page that scrolled at least that far, instead of a pageview.
    """

    display_name: str
    event_name: str | None = None
    page_path: str | None = None
    currency: str | None = None
    scroll_threshold: int | None = None

    @property
    def is_scroll(self) -> bool:
        return self.scroll_threshold is not None


@dataclass(frozen=True)
class Segment:
    """A saved segment: its filters are ANDed when a query uses it."""

    id: int
    name: str
    filters: tuple = ()


STATS_API, PROPS, REVENUE_GOALS = "stats_api", "props", "revenue_goals"
"""Plan features the Stats API checks, named as the API's billing features are."""
EVERY_FEATURE = frozenset({STATS_API, PROPS, REVENUE_GOALS})
INTERNAL_PROPS = ("url", "path", "search_query", "form")
"""Custom properties the API's own scripts send, queryable on any plan."""


@dataclass(frozen=True)
class Site:
    """One site of the dataset. Day counts are relative to the site's local today.

    Native stats start ``native_days`` days before today. Imported aggregates cover the
    ``imported_days`` (first, last) day offsets before today, older than the native stats
    (``None``: the site has imported nothing); ``imported_scroll_depth`` says whether the
    import carries scroll depth (an import from a tool without it does not). ``features`` are
    what the owner's plan includes; a ``locked`` site (no active subscription) answers nothing.
    """

    domain: str
    timezone: str
    goals: tuple[Goal, ...]
    props: tuple[str, ...]
    segments: tuple[Segment, ...]
    native_days: int = 365
    imported_days: tuple[int, int] | None = (730, 366)
    imported_scroll_depth: bool = True
    hostnames: tuple[str, ...] = field(default=())
    features: frozenset[str] = EVERY_FEATURE
    locked: bool = False
    former_domains: tuple[str, ...] = ()
    """Domains the site had before a domain change, which ``site_id`` may still name while
    the change is in transition (the real API's lasts 72 hours, ended by a job that runs every
    2 hours); the mock keeps every listed domain in its transition."""

    @property
    def queryable(self) -> bool:
        """Whether the Stats API answers queries on this site (it has data to answer from)."""
        return STATS_API in self.features and not self.locked

    def allows_prop(self, name: str) -> bool:
        """Whether the owner's plan lets queries use the custom property ``name``."""
        return PROPS in self.features or name in INTERNAL_PROPS

    def goal(self, name: str) -> Goal | None:
        return next((g for g in self.goals if g.display_name == name), None)

    def segment(self, segment_id: int) -> Segment | None:
        return next((s for s in self.segments if s.id == segment_id), None)


@lru_cache(maxsize=64)
def goal_pattern(page_path: str) -> re.Pattern[str]:
    """A page goal's path as an anchored regex: ``*`` matches any run, ``|`` separates options."""
    options = (re.escape(part).replace(r"\*", ".*") for part in page_path.split("|"))
    return re.compile("(?:" + "|".join(options) + ")")


def goal_matches(goal: Goal, name: str, pathname: str, scroll_depth: int | None = None) -> bool:
    """Whether an event completes a goal: event goals by name, page goals by pageview path,
    scroll goals by an ``engagement`` event on the path that scrolled to the threshold (a
    depth above 100 is no measurement)."""
    if goal.event_name is not None:
        return name == goal.event_name
    if goal.scroll_threshold is not None:
        depth = -1 if scroll_depth is None else scroll_depth
        if name != "engagement" or not goal.scroll_threshold <= depth <= 100:
            return False
    elif name != "pageview":
        return False
    return goal_pattern(goal.page_path or "").fullmatch(pathname) is not None
