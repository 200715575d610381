"""The demo sites every query can name, and the sites the dataset has rows for.

The dataset generator draws events that exercise their goals, properties and segments. Two
sites exist only to show the API's ``402`` answers: one is locked, the other's owner has no
Stats API on their plan; neither has any traffic.
"""

from __future__ import annotations

from .model import EVERY_FEATURE, STATS_API, Goal, Segment, Site

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
