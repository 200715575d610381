"""Configuration of the synthetic sites: timezone, goals, custom properties, segments, imports.

This is what a real instance keeps in its database and the query parser consults (goal names,
segment ids, the site's timezone). The dataset generator draws events that exercise it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Goal:
    """A conversion goal. Exactly one of ``event_name`` and ``page_path`` is set.

    ``page_path`` may contain ``*`` wildcards (each matches any run of characters, ``/``
    included, as in the current API) and ``|`` alternatives. ``currency`` makes it a
    revenue goal.
    """

    display_name: str
    event_name: str | None = None
    page_path: str | None = None
    currency: str | None = None


@dataclass(frozen=True)
class Segment:
    """A saved segment: its filters are ANDed when a query uses it."""

    id: int
    name: str
    filters: tuple = ()


@dataclass(frozen=True)
class Site:
    """One site of the dataset. Day counts are relative to the site's local today.

    Native stats start ``native_days`` days before today. Imported aggregates cover the
    ``imported_days`` (first, last) day offsets before today, older than the native stats.
    """

    domain: str
    timezone: str
    goals: tuple[Goal, ...]
    props: tuple[str, ...]
    segments: tuple[Segment, ...]
    native_days: int = 365
    imported_days: tuple[int, int] = (730, 366)
    hostnames: tuple[str, ...] = field(default=())

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
)

SITES: dict[str, Site] = {site.domain: site for site in (DUMMY, SHOP)}
