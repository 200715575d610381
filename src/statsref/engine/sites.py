"""Configuration of the synthetic sites: timezone, goals, custom properties, segments, imports,
and what the owner's plan includes.

This is what a real instance keeps in its database and the query parser consults (goal names,
segment ids, the site's timezone, the plan's features). The dataset generator draws events that
exercise it. Two sites exist only to show the API's ``402`` answers: one is locked, the
other's owner has no Stats API on their plan; neither has any traffic.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    (``None``: the site has imported nothing). ``features`` are what the owner's plan includes;
    a ``locked`` site (no active subscription) answers nothing.
    """

    domain: str
    timezone: str
    goals: tuple[Goal, ...]
    props: tuple[str, ...]
    segments: tuple[Segment, ...]
    native_days: int = 365
    imported_days: tuple[int, int] | None = (730, 366)
    hostnames: tuple[str, ...] = field(default=())
    features: frozenset[str] = EVERY_FEATURE
    locked: bool = False
    former_domain: str | None = None
    """The domain before the site's domain was changed, which ``site_id`` may still name."""

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


DUMMY = Site(
    domain="dummy.site",
    timezone="UTC",
    goals=(
        Goal("Signup", event_name="Signup"),
        Goal("Outbound Link: Click", event_name="Outbound Link: Click"),
        Goal("File Download", event_name="File Download"),
        Goal("Purchase", event_name="Purchase", currency="USD"),
        Goal("Donation", event_name="Donation", currency="EUR"),
        Goal("Visit /pricing", page_path="/pricing"),
        Goal("Visit /blog*", page_path="/blog*"),
        Goal("Scroll 75% on /blog/*", page_path="/blog/*", scroll_threshold=75),
    ),
    props=("author", "plan", "product", "logged_in", "url", "path"),
    segments=(
        Segment(101, "Mobile visitors", (["is", "visit:device", ["Mobile"]],)),
        Segment(102, "German-speaking countries", (["is", "visit:country", ["DE", "AT", "CH"]],)),
        Segment(
            103,
            "Blog readers from search",
            (["contains", "event:page", ["/blog"]], ["is", "visit:channel", ["Organic Search"]]),
        ),
    ),
    hostnames=("dummy.site", "www.dummy.site", "app.dummy.site", "docs.dummy.site"),
)

SHOP = Site(
    domain="shop.dummy.site",
    timezone="America/New_York",
    goals=(
        Goal("Add to Cart", event_name="Add to Cart"),
        Goal("Newsletter Signup", event_name="Newsletter Signup"),
        Goal("Order", event_name="Order", currency="USD"),
        Goal("Gift Card", event_name="Gift Card", currency="GBP"),
        Goal("Visit /checkout", page_path="/checkout"),
        Goal("Visit /products/*", page_path="/products/*"),
    ),
    props=("category", "payment_method", "coupon", "url", "path"),
    segments=(
        Segment(201, "Returning buyers", (["is", "event:props:coupon", ["WELCOME10", "SPRING"]],)),
        Segment(202, "Desktop shoppers", (["is", "visit:device", ["Desktop"]],)),
    ),
    native_days=200,
    imported_days=(400, 201),
    hostnames=("shop.dummy.site", "checkout.dummy.site"),
    former_domain="store.dummy.site",
)

STARTER = Site(
    domain="starter.dummy.site",
    timezone="UTC",
    goals=(
        Goal("Contact", event_name="Contact"),
        Goal("File Download", event_name="File Download"),
        Goal("Visit /pricing", page_path="/pricing"),
    ),
    props=("url", "service"),
    segments=(
        Segment(301, "Visitors from search", (["is", "visit:channel", ["Organic Search"]],)),
    ),
    native_days=120,
    imported_days=None,
    hostnames=("starter.dummy.site",),
    features=frozenset({STATS_API}),
)
"""A small business site whose owner's plan has the Stats API but neither custom properties
nor revenue goals: custom properties other than the internal ones and revenue metrics get the
API's feature errors. It has imported nothing."""


def _without_data(
    domain: str, *, locked: bool = False, features: frozenset[str] = EVERY_FEATURE
) -> Site:
    """A site that exists only to show a ``402``: no goals, properties, segments or traffic."""
    return Site(
        domain=domain,
        timezone="UTC",
        goals=(),
        props=(),
        segments=(),
        native_days=0,
        imported_days=None,
        features=features,
        locked=locked,
    )


LOCKED = _without_data("locked.dummy.site", locked=True)
NO_API = _without_data("no-api.dummy.site", features=EVERY_FEATURE - {STATS_API})

SITES: dict[str, Site] = {site.domain: site for site in (DUMMY, SHOP, STARTER, LOCKED, NO_API)}
DATA_SITES: dict[str, Site] = {domain: site for domain, site in SITES.items() if site.queryable}
"""The sites queries can read, the ones the dataset has rows for."""
