"""Synthetic traffic: ``Session`` and ``Event`` rows for one site, relative to a clock.

Every local day is generated from its own random stream, seeded by the seed, the site and the
day's offset from today. The same offset therefore gives the same rows whatever the clock: the
timestamps move with the calendar, the numbers do not. Today is generated whole and then cut
at ``now`` (as is any visit of yesterday still running then). Sessions follow the API's model
(see ``build_session``); visitor ids are new each day, as the API's daily salt makes them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, time, timedelta
from functools import cache
from random import Random
from zoneinfo import ZoneInfo

from ..sites import Site
from .distributions import (
    ACQUISITION,
    CLIENTS,
    HOUR_OF_DAY,
    PAGEVIEWS_PER_VISIT,
    PLACES,
    SCROLL_DEPTH,
    SECONDS_ON_PAGE,
    SESSIONS_PER_VISITOR,
    Acquisition,
    Client,
    CustomEvent,
    Place,
    SiteTraffic,
)
from .rows import Event, Session

PAGEVIEW, ENGAGEMENT = "pageview", "engagement"
DAY_ID = 10**6
MAX_OFFSET = 9_999
"""Ids are ``(site * 10_000 + MAX_OFFSET - day offset) * DAY_ID + n``: unique, stable per day
offset, and growing with time (rows load in key order)."""
EVENT_ID = 128
"""An event id is ``session_id * EVENT_ID + position``; a visit never has that many events."""
STANDALONE_SHARE = 0.01
ENGAGED_SHARE = 0.92
HALF_VISIT_EVENTS = 2.3
"""Half the mean number of events of a visit (pageviews, engagement and custom events)."""


def day_weight(offset: int, days: int) -> float:
    """Relative traffic of a day: a weekly rhythm and a slow growth towards today."""
    weekly = 1 + 0.25 * math.cos(2 * math.pi * offset / 7)
    growth = 0.6 + 0.4 * (1 - offset / max(days, 1))
    return weekly * growth


def day_targets(site: Site, events: int) -> dict[int, int]:
    """How many events each day offset (0 = today) should hold."""
    offsets = range(site.native_days, -1, -1)
    weights = {d: day_weight(d, site.native_days) for d in offsets}
    total = sum(weights.values())
    return {d: max(1, round(events * w / total)) for d, w in weights.items()}


def generate_days(
    site: Site,
    traffic: SiteTraffic,
    now: datetime,
    *,
    events: int,
    seed: int,
    index: int,
    offsets: Iterable[int],
) -> Iterator[tuple[int, list[Session], list[Event]]]:
    """``(offset, sessions, events)`` of each day ``offsets`` names (0 = today), oldest first.

    A day's rows depend only on its offset, so any subset gives the rows a full build has.
    """
    tz = ZoneInfo(site.timezone)
    today = now.astimezone(tz).date()
    cutoff = now.timestamp()
    wanted = set(offsets)
    for offset, target in day_targets(site, round(events * traffic.share)).items():
        if offset not in wanted:
            continue
        day = today - timedelta(days=offset)
        midnight = datetime.combine(day, time(), tz).timestamp()
        next_midnight = datetime.combine(day + timedelta(days=1), time(), tz).timestamp()
        day_gen = _Day(
            traffic,
            Random(f"{seed}:{site.domain}:{offset}"),
            (index * 10_000 + MAX_OFFSET - offset) * DAY_ID,
            midnight,
            next_midnight,
        )
        sessions: list[Session] = []
        rows: list[Event] = []
        for session, session_events in day_gen.sessions(target):
            if offset <= 1:  # a visit from late yesterday may run past an early ``now``
                session_events = [e for e in session_events if e.timestamp.timestamp() <= cutoff]
            if session_events:
                sessions.append(build_session(session, session_events))
                rows.extend(session_events)
        yield offset, sessions, rows


class _Day:
    """The random walk of one local day: visitors, their visits, and each visit's events."""

    def __init__(
        self, traffic: SiteTraffic, rng: Random, base_id: int, midnight: float, next_midnight: float
    ) -> None:
        self.traffic = traffic
        self.rng = rng
        self.base_id = base_id
        self.midnight = midnight
        self.day_seconds = next_midnight - midnight
        self.session_count = 0

    def sessions(self, target: int) -> Iterator[tuple[_Visit, list[Event]]]:
        """Visits until the day holds about ``target`` events: the day stops when it is
        closer to the target than half a typical visit, so small days are not inflated."""
        produced = 0
        visitor = 0
        while produced < target - HALF_VISIT_EVENTS:
            visitor += 1
            visitor_id = self.base_id + visitor
            second = HOUR_OF_DAY.pick(self.rng) * 3600 + self.rng.randrange(3600)
            for _ in range(SESSIONS_PER_VISITOR.pick(self.rng)):
                if second >= self.day_seconds or produced >= target - HALF_VISIT_EVENTS:
                    break
                self.session_count += 1
                visit = _Visit(
                    self.base_id + self.session_count,
                    visitor_id,
                    ACQUISITION.pick(self.rng),
                    PLACES.pick(self.rng),
                    CLIENTS.pick(self.rng),
                )
                events, last = self._events(visit, int(self.midnight + second))
                produced += len(events)
                yield visit, events
                second = int(last - self.midnight) + self.rng.randint(31 * 60, 240 * 60)

    def _events(self, visit: _Visit, start: int) -> tuple[list[Event], int]:
        """A visit's events in time order (pageviews, their engagement, custom events) and the
        moment of its last event."""
        rng = self.rng
        out = _EventSink(visit)
        if rng.random() < STANDALONE_SHARE:
            page = self.traffic.landing.pick(rng)
            out.custom(self.traffic.standalone, start, page.path, page.hostname, rng)
            return out.events, start
        page = self.traffic.landing.pick(rng)
        moment = last = start
        for _ in range(PAGEVIEWS_PER_VISIT.pick(rng)):
            props = dict(page.props)
            out.add(moment, PAGEVIEW, page.path, page.hostname, props)
            stay = max(2, int(SECONDS_ON_PAGE.pick(rng) * (0.5 + rng.random())))
            for custom in _customs(self.traffic, page.path):
                if rng.random() < custom.chance:
                    out.custom(
                        custom, moment + rng.randint(1, stay - 1), page.path, page.hostname, rng
                    )
            last = moment + stay
            if rng.random() < ENGAGED_SHARE:
                out.add(
                    last,
                    ENGAGEMENT,
                    page.path,
                    page.hostname,
                    props,
                    SCROLL_DEPTH.pick(rng) - rng.randrange(10),
                    stay * 1000 - rng.randrange(900),
                )
            moment = last + rng.randint(1, 5)
            page = self.traffic.browsing.pick(rng)
        out.events.sort(key=_event_order)
        return out.events, last


def _event_order(event: Event) -> tuple[datetime, int]:
    return event.timestamp, event.event_id


@cache
def _customs(traffic: SiteTraffic, path: str) -> tuple[CustomEvent, ...]:
    """The custom events a page can trigger: those keyed by a prefix of its path."""
    return tuple(
        custom
        for prefix, customs in traffic.events.items()
        if path.startswith(prefix)
        for custom in customs
    )


class _Visit:
    """The attributes a visit takes from its first event."""

    __slots__ = ("acquisition", "client", "place", "session_id", "visitor_id")

    def __init__(
        self,
        session_id: int,
        visitor_id: int,
        acquisition: Acquisition,
        place: Place,
        client: Client,
    ) -> None:
        self.session_id = session_id
        self.visitor_id = visitor_id
        self.acquisition = acquisition
        self.place = place
        self.client = client


class _EventSink:
    """Collects a visit's events, numbering them."""

    def __init__(self, visit: _Visit) -> None:
        self.visit = visit
        self.events: list[Event] = []

    def add(
        self,
        moment: int,
        name: str,
        path: str,
        hostname: str,
        props: dict[str, str],
        scroll_depth: int | None = None,
        engagement_time: int | None = None,
        revenue_amount: float | None = None,
        revenue_currency: str | None = None,
    ) -> None:
        visit = self.visit
        self.events.append(
            Event(
                visit.session_id * EVENT_ID + len(self.events),
                visit.session_id,
                visit.visitor_id,
                datetime.fromtimestamp(moment, UTC),
                name,
                path,
                hostname,
                props,
                scroll_depth,
                engagement_time,
                revenue_amount,
                revenue_currency,
            )
        )

    def custom(
        self, custom: CustomEvent, moment: int, path: str, hostname: str, rng: Random
    ) -> None:
        props = {}
        for key, values in custom.props:
            value = values[rng.randrange(len(values))]
            if value:
                props[key] = value
        if custom.amounts:
            amount = custom.amounts[rng.randrange(len(custom.amounts))]
            self.add(
                moment, custom.name, path, hostname, props, None, None, amount, custom.currency
            )
        else:
            self.add(moment, custom.name, path, hostname, props)


def build_session(visit: _Visit, events: list[Event]) -> Session:
    """The session row the API's session model derives from a visit's time-ordered events.

    It starts as a bounce; a second pageview or any custom event ends that. Engagement events
    neither start it nor change its duration, counters or bounce. Entry and exit pages come
    from the first and last pageview (blank when the visit has none); the visit's
    ``Acquisition``, ``Client`` and ``Place`` fields are ``Session`` fields of the same names.
    """
    counted = [e for e in events if e.name != ENGAGEMENT]
    pageviews = [e for e in counted if e.name == PAGEVIEW]
    customs = len(counted) - len(pageviews)
    first_view = pageviews[0] if pageviews else None
    last_view = pageviews[-1] if pageviews else None
    return Session(
        session_id=visit.session_id,
        visitor_id=visit.visitor_id,
        start=counted[0].timestamp,
        end=counted[-1].timestamp,
        is_bounce=len(pageviews) < 2 and customs == 0,
        pageviews=len(pageviews),
        events=len(counted),
        entry_page=first_view.pathname if first_view else "",
        exit_page=last_view.pathname if last_view else "",
        entry_page_hostname=first_view.hostname if first_view else "",
        exit_page_hostname=last_view.hostname if last_view else "",
        **vars(visit.acquisition),
        **vars(visit.client),
        **vars(visit.place),
    )
