"""Synthetic traffic: ``Session`` and ``Event`` rows for one site, relative to a clock.

Every local day is generated from its own random stream, seeded by the seed, the site and the
date, and its size follows the site's rhythm (``Rhythm``: a weight per weekday and a gentle
yearly swing). A date therefore holds the same visits whatever the clock, as a real site's
history does; the clock only decides which dates are in the native period, and today is
generated whole and then cut at ``now`` (as is any visit of yesterday still running then).

Sessions follow the API's model (see ``build_session``). A visitor is a person for one day:
the API's visitor id hashes the IP address and user agent with a salt that rotates daily, so
every visit of a visitor that day has the same device, browser, operating system and (for
practical purposes) location, while each visit comes from its own source and landing page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from random import Random
from zoneinfo import ZoneInfo

from ..language.site import Site
from ..language.vocabulary import PROPS_PREFIX
from ..sites.traffic import CustomEvent, Rhythm, SiteTraffic
from .distributions import (
    ACQUISITION,
    CLIENTS,
    HOUR_OF_DAY,
    PAGEVIEWS_PER_VISIT,
    PROFILE_SHARE,
    SCROLL_DEPTH,
    SECONDS_ON_PAGE,
    SESSIONS_PER_VISITOR,
    Acquisition,
    Client,
    Place,
    acquisition_with,
    client_with,
    place_of,
    places_near,
    utc_offset,
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


YEAR_DAYS = 365.25


def day_weight(rhythm: Rhythm, day: date) -> float:
    """Relative traffic of a local day: its weekday's weight times the yearly swing, which
    averages 1 over a year."""
    swing = math.cos(2 * math.pi * (day.timetuple().tm_yday - rhythm.peak) / YEAR_DAYS)
    return rhythm.weekdays[day.weekday()] * (1 + rhythm.amplitude * swing)


def day_visitors(traffic: SiteTraffic, day: date, scale: float) -> float:
    """The visitors a local day should have: the site's typical weekday, moved by the day's
    weight (``scale`` grows or shrinks every site alike, for a dataset of a given size)."""
    return (
        traffic.daily_visitors
        * scale
        * day_weight(traffic.rhythm, day)
        / traffic.rhythm.workday_mean
    )


def generate_days(
    site: Site,
    traffic: SiteTraffic,
    now: datetime,
    *,
    scale: float,
    seed: int,
    index: int,
    offsets: Iterable[int],
) -> Iterator[tuple[int, list[Session], list[Event]]]:
    """``(offset, sessions, events)`` of each day ``offsets`` names (0 = today), oldest first.

    A day's rows depend only on its date, so any subset gives the rows a full build has.
    """
    tz = ZoneInfo(site.timezone)
    today = now.astimezone(tz).date()
    cutoff = now.timestamp()
    for offset in sorted(set(offsets), reverse=True):
        day = today - timedelta(days=offset)
        midnight = datetime.combine(day, time(), tz).timestamp()
        next_midnight = datetime.combine(day + timedelta(days=1), time(), tz).timestamp()
        noon = datetime.combine(day, time(12), tz).utcoffset() or timedelta()
        day_gen = _Day(
            traffic,
            Random(f"{seed}:{site.domain}:{day.isoformat()}"),
            (index * 10_000 + MAX_OFFSET - offset) * DAY_ID,
            (midnight, next_midnight),
            round(noon.total_seconds() / 3600),
        )
        sessions: list[Session] = []
        rows: list[Event] = []
        visitors = round(day_visitors(traffic, day, scale))
        if traffic.daily_visitors:  # a site with traffic has a visitor every day
            visitors = max(1, visitors)
        for session, session_events in day_gen.sessions(visitors):
            if offset <= 1:  # a visit from late yesterday may run past an early ``now``
                session_events = [e for e in session_events if e.timestamp.timestamp() <= cutoff]
            if session_events:
                sessions.append(build_session(session, session_events))
                rows.extend(session_events)
        yield offset, sessions, rows


class _Day:
    """The random walk of one local day: visitors, their visits, and each visit's events."""

    def __init__(
        self,
        traffic: SiteTraffic,
        rng: Random,
        base_id: int,
        midnights: tuple[float, float],
        utc_offset: int,
    ) -> None:
        self.traffic = traffic
        self.rng = rng
        self.base_id = base_id
        self.midnight = midnights[0]
        self.day_seconds = midnights[1] - midnights[0]
        self.utc_offset = utc_offset
        """The site's offset from UTC that day, in whole hours."""
        self.session_count = 0

    def sessions(self, visitors: int) -> Iterator[tuple[_Visit, list[Event]]]:
        """The visits of ``visitors`` people. A visitor's place, client and custom
        properties are drawn once: every visit of the day shares them, and their first visit
        comes at an hour of their own clock (``utc_offset`` of the place)."""
        for visitor in range(1, visitors + 1):
            visitor_id = self.base_id + visitor
            place, client = places_near(self.utc_offset).pick(self.rng), CLIENTS.pick(self.rng)
            props = {name: table.pick(self.rng) for name, table in self.traffic.visit_props}
            profile = self._profile()
            if profile:
                country = dict(profile).get("visit:country")
                place = place_of(country) if country else place
                client = client_with(client, profile)
                props |= {
                    d[len(PROPS_PREFIX) :]: v for d, v in profile if d.startswith(PROPS_PREFIX)
                }
            hour = (HOUR_OF_DAY.pick(self.rng) + self.utc_offset - utc_offset(place)) % 24
            second = hour * 3600 + self.rng.randrange(3600)
            for _ in range(SESSIONS_PER_VISITOR.pick(self.rng)):
                if second >= self.day_seconds:
                    break
                self.session_count += 1
                visit = _Visit(
                    self.base_id + self.session_count,
                    visitor_id,
                    acquisition_with(ACQUISITION.pick(self.rng), profile),
                    place,
                    client,
                    {name: value for name, value in props.items() if value},
                )
                events, last = self._events(visit, int(self.midnight + second))
                yield visit, events
                second = int(last - self.midnight) + self.rng.randint(31 * 60, 240 * 60)

    def _profile(self) -> tuple[tuple[str, str], ...]:
        """The segment profiles this visitor takes on (``PROFILE_SHARE`` each), merged."""
        taken = [p for p in self.traffic.profiles if self.rng.random() < PROFILE_SHARE]
        return tuple(pair for profile in taken for pair in profile)

    def _events(self, visit: _Visit, start: int) -> tuple[list[Event], int]:
        """A visit's events in time order (pageviews, their engagement, custom events) and the
        moment of its last event."""
        rng = self.rng
        out = _EventSink(visit)
        standalone = self.traffic.standalone
        if standalone is not None and rng.random() < STANDALONE_SHARE:
            page = self.traffic.landing.pick(rng)
            out.custom(standalone, start, page.path, page.hostname, rng)
            return out.events, start
        page = self.traffic.landing.pick(rng)
        moment = last = start
        for _ in range(PAGEVIEWS_PER_VISIT.pick(rng)):
            props = {**visit.props, **dict(page.props)}
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

    __slots__ = ("acquisition", "client", "place", "props", "session_id", "visitor_id")

    def __init__(
        self,
        session_id: int,
        visitor_id: int,
        acquisition: Acquisition,
        place: Place,
        client: Client,
        props: dict[str, str],
    ) -> None:
        self.session_id = session_id
        self.visitor_id = visitor_id
        self.acquisition = acquisition
        self.place = place
        self.client = client
        self.props = props
        """The custom properties the visitor carries on every event (``visit_props``)."""


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
        interactive: bool = True,
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
                interactive,
            )
        )

    def custom(
        self, custom: CustomEvent, moment: int, path: str, hostname: str, rng: Random
    ) -> None:
        props = dict(self.visit.props)
        for key, values in custom.props:
            value = values[rng.randrange(len(values))]
            if value:
                props[key] = value
        amount = custom.amounts[rng.randrange(len(custom.amounts))] if custom.amounts else None
        self.add(
            moment,
            custom.name,
            path,
            hostname,
            props,
            revenue_amount=amount,
            revenue_currency=custom.currency,
            interactive=custom.interactive,
        )


def build_session(visit: _Visit, events: list[Event]) -> Session:
    """The session row the API's session model derives from a visit's time-ordered events.

    It starts as a bounce; a second pageview or an interactive custom event ends that (a
    non-interactive one counts as an event and lengthens the visit, but it still bounces).
    Engagement events neither start it nor change its duration, counters or bounce. Entry and
    exit pages come from the first and last pageview (blank when the visit has none); the
    visit's ``Acquisition``, ``Client`` and ``Place`` fields are ``Session`` fields of the same
    names.
    """
    counted = [e for e in events if e.name != ENGAGEMENT]
    pageviews = [e for e in counted if e.name == PAGEVIEW]
    interactive = [e for e in counted if e.name != PAGEVIEW and e.interactive]
    first_view = pageviews[0] if pageviews else None
    last_view = pageviews[-1] if pageviews else None
    return Session(
        session_id=visit.session_id,
        visitor_id=visit.visitor_id,
        start=counted[0].timestamp,
        end=counted[-1].timestamp,
        is_bounce=len(pageviews) < 2 and not interactive,
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
