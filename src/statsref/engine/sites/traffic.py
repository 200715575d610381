"""What a site's traffic looks like, as its sites file describes it: how many visitors, which
pages they land on and move to, the custom events those pages send, and the week's rhythm.

The generator (``engine.data``) draws every visit from these; what is the same for every site
(sources, places, devices, how long people stay) lives with it in ``data.distributions``.
"""

from __future__ import annotations

from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from random import Random
from typing import Generic, TypeVar

T = TypeVar("T")


class Table(Generic[T]):
    """A weighted choice that costs one random number and one bisect per draw."""

    def __init__(self, entries: list[tuple[T, float]]) -> None:
        self.values = [value for value, _ in entries]
        self.weights = [weight for _, weight in entries]
        self.cumulative = list(accumulate(weight for _, weight in entries))
        self.total = self.cumulative[-1]

    def pick(self, rng: Random) -> T:
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


@dataclass(frozen=True)
class Page:
    """A page of a site: its path, hostname, and the props its pageviews carry."""

    path: str
    hostname: str
    props: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CustomEvent:
    """A custom event a page can trigger, with its chance per pageview and its props.

    ``props`` lists, per property, the values to draw from (an empty string: prop absent).
    ``amounts`` makes it a revenue event in ``currency``. A non-``interactive`` event is sent
    without the visitor doing anything (``interactive: false`` in the tracker): it does not
    keep the visit from bouncing.
    """

    name: str
    chance: float
    props: tuple[tuple[str, tuple[str, ...]], ...] = ()
    amounts: tuple[float, ...] = ()
    currency: str | None = None
    interactive: bool = True


@dataclass(frozen=True)
class Rhythm:
    """How a site's traffic varies over the calendar: a weight per weekday (Monday first)
    and a yearly swing of ``amplitude`` around 1 that peaks on day ``peak`` of the year."""

    weekdays: tuple[float, float, float, float, float, float, float] = (
        1.1,
        1.12,
        1.1,
        1.05,
        0.95,
        0.75,
        0.8,
    )
    amplitude: float = 0.08
    peak: int = 15

    @property
    def workday_mean(self) -> float:
        """The average weight of Monday to Friday: a typical weekday."""
        return sum(self.weekdays[:5]) / 5


@dataclass(frozen=True, eq=False)
class SiteTraffic:
    """Everything site-specific the generator needs: visitors, pages, events, rhythm."""

    daily_visitors: float
    """Visitors on a typical weekday (the rhythm and the yearly swing move it)."""
    landing: Table[Page]
    browsing: Table[Page]
    events: dict[str, tuple[CustomEvent, ...]]
    """Custom events keyed by path prefix; ``""`` applies to every page."""
    standalone: CustomEvent | None
    """An event that can make up a whole visit (a direct download): entry page stays blank."""
    rhythm: Rhythm
    visit_props: tuple[tuple[str, Table[str]], ...] = ()
    """Custom properties a visit carries on every event (a value drawn once per visit), for
    the properties no page or event of the file sets itself."""
    profiles: tuple[tuple[tuple[str, str], ...], ...] = ()
    """Visitors some segments describe: ``(dimension, value)`` pairs (``visit:country``,
    ``visit:source``, ``event:props:plan``, ...) that a share of the visitors take on, so each
    segment matches visits whatever values the generator's own tables hold."""
