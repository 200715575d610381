"""Weighted tables the generator draws from: acquisition, geography, technology, pages, events.

Each table pairs plausible values with a relative weight, so the synthetic traffic looks like a
small real site: mostly direct and search traffic, a long tail of referrers, desktop-heavy
browsers, a few countries dominating. Values use the API's vocabulary (source names, channel
names, ISO codes, GeoName ids); ``""`` means "not set".
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
        self.cumulative = list(accumulate(weight for _, weight in entries))
        self.total = self.cumulative[-1]

    def pick(self, rng: Random) -> T:
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


@dataclass(frozen=True)
class Acquisition:
    """How a visit arrived: what the API derives from the referrer and the UTM tags."""

    source: str = ""
    referrer: str = ""
    channel: str = "Direct"
    utm_medium: str = ""
    utm_source: str = ""
    utm_campaign: str = ""
    utm_content: str = ""
    utm_term: str = ""


@dataclass(frozen=True)
class Place:
    country: str
    country_name: str
    region: str = ""
    region_name: str = ""
    city: int = 0
    city_name: str = ""


@dataclass(frozen=True)
class Client:
    device: str
    browser: str
    browser_version: str
    os: str
    os_version: str


ACQUISITION: Table[Acquisition] = Table(
    [
        (Acquisition(), 30),
        (Acquisition("Google", "google.com", "Organic Search"), 28),
        (Acquisition("Bing", "bing.com", "Organic Search"), 4),
        (Acquisition("DuckDuckGo", "duckduckgo.com", "Organic Search"), 4),
        (Acquisition("Ecosia", "ecosia.org", "Organic Search"), 1),
        (Acquisition("Hacker News", "news.ycombinator.com", "Referral"), 4),
        (Acquisition("GitHub", "github.com/plausible/analytics", "Referral"), 3),
        (Acquisition("Reddit", "reddit.com/r/selfhosted", "Organic Social"), 3),
        (Acquisition("Twitter", "t.co", "Organic Social"), 2),
        (Acquisition("Facebook", "facebook.com", "Organic Social"), 2),
        (Acquisition("LinkedIn", "linkedin.com", "Organic Social"), 1.5),
        (Acquisition("Youtube", "youtube.com", "Organic Video"), 1),
        (Acquisition("chatgpt.com", "chatgpt.com", "Referral"), 1.5),
        (Acquisition("indiehackers.com", "indiehackers.com/post/analytics", "Referral"), 0.5),
        (
            Acquisition(
                "Newsletter", "", "Email", "email", "newsletter", "weekly-digest", "header-link", ""
            ),
            3,
        ),
        (
            Acquisition(
                "Newsletter",
                "",
                "Email",
                "email",
                "newsletter",
                "product-update",
                "footer-link",
                "",
            ),
            1,
        ),
        (
            Acquisition(
                "Google",
                "",
                "Paid Search",
                "cpc",
                "google",
                "spring_sale",
                "ad-variant-a",
                "web analytics",
            ),
            2.5,
        ),
        (
            Acquisition(
                "Google",
                "",
                "Paid Search",
                "cpc",
                "google",
                "spring_sale",
                "ad-variant-b",
                "privacy analytics",
            ),
            1.5,
        ),
        (
            Acquisition(
                "Facebook",
                "",
                "Paid Social",
                "paid_social",
                "facebook",
                "retarget_q3",
                "carousel",
                "",
            ),
            1.5,
        ),
        (Acquisition("Bing", "", "Paid Search", "ppc", "bing", "brand", "", "plausible"), 0.5),
    ]
)

_US = ("US", "United States")
PLACES: Table[Place] = Table(
    [
        (Place(*_US, "US-CA", "California", 5391959, "San Francisco"), 5),
        (Place(*_US, "US-CA", "California", 5368361, "Los Angeles"), 3),
        (Place(*_US, "US-NY", "New York", 5128581, "New York"), 5),
        (Place(*_US, "US-TX", "Texas", 4671654, "Austin"), 2),
        (Place(*_US, "US-MD", "Maryland", 4347778, "Baltimore"), 1),
        (Place(*_US, "US-WA", "Washington", 5809844, "Seattle"), 2),
        (Place(*_US), 2),
        (Place("GB", "United Kingdom", "GB-ENG", "England", 2643743, "London"), 6),
        (Place("GB", "United Kingdom", "GB-ENG", "England", 2643123, "Manchester"), 1.5),
        (Place("DE", "Germany", "DE-BE", "Berlin", 2950159, "Berlin"), 4),
        (Place("DE", "Germany", "DE-BY", "Bavaria", 2867714, "Munich"), 2.5),
        (Place("DE", "Germany", "DE-HH", "Hamburg", 2911298, "Hamburg"), 1.5),
        (Place("DE", "Germany"), 1),
        (Place("FR", "France", "FR-IDF", "Île-de-France", 2988507, "Paris"), 3.5),
        (Place("NL", "Netherlands", "NL-NH", "North Holland", 2759794, "Amsterdam"), 2.5),
        (Place("EE", "Estonia", "EE-37", "Harju County", 588409, "Tallinn"), 1),
        (Place("AT", "Austria", "AT-9", "Vienna", 2761369, "Vienna"), 1.5),
        (Place("CH", "Switzerland", "CH-ZH", "Zurich", 2657896, "Zürich"), 1.5),
        (Place("ES", "Spain", "ES-MD", "Madrid", 3117735, "Madrid"), 1.5),
        (Place("PL", "Poland", "PL-14", "Mazovia", 756135, "Warsaw"), 1),
        (Place("SE", "Sweden", "SE-AB", "Stockholm", 2673730, "Stockholm"), 1),
        (Place("IN", "India", "IN-KA", "Karnataka", 1277333, "Bengaluru"), 3),
        (Place("IN", "India", "IN-MH", "Maharashtra", 1275339, "Mumbai"), 2),
        (Place("BR", "Brazil", "BR-SP", "São Paulo", 3448439, "São Paulo"), 2),
        (Place("CA", "Canada", "CA-ON", "Ontario", 6167865, "Toronto"), 2),
        (Place("CA", "Canada", "CA-BC", "British Columbia", 6173331, "Vancouver"), 1),
        (Place("AU", "Australia", "AU-NSW", "New South Wales", 2147714, "Sydney"), 1.5),
        (Place("JP", "Japan", "JP-13", "Tokyo", 1850147, "Tokyo"), 1.5),
        (Place("", ""), 1),
    ]
)

UTC_OFFSETS: dict[str, int] = {
    "US": -6,
    "US-CA": -8,
    "US-WA": -8,
    "US-TX": -6,
    "US-NY": -5,
    "US-MD": -5,
    "CA-ON": -5,
    "CA-BC": -8,
    "BR": -3,
    "GB": 0,
    "DE": 1,
    "FR": 1,
    "NL": 1,
    "AT": 1,
    "CH": 1,
    "ES": 1,
    "PL": 1,
    "SE": 1,
    "EE": 2,
    "IN": 5,
    "JP": 9,
    "AU": 10,
}
"""Whole-hour UTC offsets of the places, by region or else country (standard time): a
visitor's day follows their own clock, so a shop in New York sees Europe in its night."""


def utc_offset(place: Place) -> int:
    """The place's offset from UTC in hours (0 when the location is unknown)."""
    return UTC_OFFSETS.get(place.region, UTC_OFFSETS.get(place.country, 0))


CLIENTS: Table[Client] = Table(
    [
        (Client("Desktop", "Chrome", "131.0", "Windows", "10"), 14),
        (Client("Desktop", "Chrome", "131.0", "Windows", "11"), 8),
        (Client("Desktop", "Chrome", "130.0", "Mac", "14.6"), 7),
        (Client("Desktop", "Safari", "18.1", "Mac", "15.1"), 7),
        (Client("Desktop", "Firefox", "133.0", "Windows", "11"), 4),
        (Client("Desktop", "Firefox", "132.0", "GNU/Linux", ""), 3),
        (Client("Desktop", "Microsoft Edge", "131.0", "Windows", "11"), 4),
        (Client("Desktop", "Chrome", "131.0", "GNU/Linux", ""), 2),
        (Client("Desktop", "Opera", "114.0", "Windows", "10"), 0.7),
        (Client("Desktop", "Brave", "", "Mac", "15.1"), 0.5),
        (Client("Mobile", "Mobile Safari", "18.1", "iOS", "18.1"), 12),
        (Client("Mobile", "Mobile Safari", "17.6", "iOS", "17.6"), 4),
        (Client("Mobile", "Chrome", "131.0", "Android", "14"), 11),
        (Client("Mobile", "Chrome", "130.0", "Android", "13"), 4),
        (Client("Mobile", "Samsung Internet", "26.0", "Android", "14"), 2),
        (Client("Mobile", "Firefox", "133.0", "Android", "14"), 0.7),
        (Client("Tablet", "Safari", "18.1", "iPadOS", "18.1"), 2.5),
        (Client("Tablet", "Chrome", "131.0", "Android", "13"), 0.8),
        (Client("", "", "", "", ""), 0.5),
    ]
)

HOUR_OF_DAY: Table[int] = Table(
    [
        (hour, weight)
        for hour, weight in enumerate(
            (2, 1.5, 1, 1, 1, 1.5, 2.5, 4, 6, 8, 9, 9, 8.5, 8.5, 9, 9, 8, 7, 6, 5.5, 5, 4.5, 4, 3)
        )
    ]
)

PAGEVIEWS_PER_VISIT: Table[int] = Table(
    [(1, 48), (2, 20), (3, 13), (4, 8), (5, 5), (6, 3), (8, 2), (12, 1)]
)
SECONDS_ON_PAGE: Table[int] = Table(
    [(5, 12), (15, 18), (35, 22), (70, 20), (140, 14), (300, 9), (700, 5)]
)
SCROLL_DEPTH: Table[int] = Table(
    [(10, 8), (25, 12), (40, 14), (55, 14), (70, 16), (85, 14), (100, 22)]
)
SESSIONS_PER_VISITOR: Table[int] = Table([(1, 86), (2, 11), (3, 3)])


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

    weekdays: tuple[float, float, float, float, float, float, float]
    amplitude: float = 0.08
    peak: int = 15

    @property
    def mean(self) -> float:
        """The average weight over a year (the yearly swing averages out)."""
        return sum(self.weekdays) / 7


@dataclass(frozen=True, eq=False)
class SiteTraffic:
    """Everything site-specific the generator needs: pages, landing pages, events."""

    landing: Table[Page]
    browsing: Table[Page]
    events: dict[str, tuple[CustomEvent, ...]]
    """Custom events keyed by path prefix; ``""`` applies to every page."""
    share: float
    """This site's share of the dataset's events."""
    standalone: CustomEvent
    """An event that can make up a whole visit (a direct download): entry page stays blank."""
    rhythm: Rhythm


def _browsing(pages: list[tuple[Page, float]], home: float) -> Table[Page]:
    """The pages a visit moves on to: the landing weights, a home page's scaled by ``home``
    (people land on it more than they come back to it)."""
    return Table([(p, w * (home if p.path == "/" else 1)) for p, w in pages])


def _blog(slug: str, author: str) -> Page:
    return Page(f"/blog/{slug}", "dummy.site", (("author", author),))


_DUMMY_PAGES = [
    (Page("/", "dummy.site"), 30),
    (Page("/", "www.dummy.site"), 3),
    (Page("/pricing", "dummy.site"), 10),
    (Page("/blog", "dummy.site"), 6),
    (_blog("privacy-first-analytics", "Marko"), 9),
    (_blog("how-we-count-visitors", "Uku"), 6),
    (_blog("open-source-funding", "Marko"), 4),
    (_blog("bootstrapping-a-saas", "Hanna"), 3),
    (Page("/docs", "docs.dummy.site"), 5),
    (Page("/docs/stats-api", "docs.dummy.site"), 5),
    (Page("/docs/goals-and-conversions", "docs.dummy.site"), 3),
    (Page("/docs/custom-props", "docs.dummy.site"), 2),
    (Page("/about", "dummy.site"), 3),
    (Page("/contact", "dummy.site"), 1.5),
    (Page("/signup", "dummy.site"), 4),
    (Page("/login", "app.dummy.site"), 3),
    (Page("/sites", "app.dummy.site", (("logged_in", "true"),)), 3),
    (Page("/settings/billing", "app.dummy.site", (("logged_in", "true"),)), 1),
]

_OUTBOUND = CustomEvent(
    "Outbound Link: Click",
    0.04,
    (
        (
            "url",
            (
                "https://github.com/plausible/analytics",
                "https://twitter.com/plausiblehq",
                "https://news.ycombinator.com/item?id=41234567",
            ),
        ),
    ),
)
_DOWNLOAD = CustomEvent(
    "File Download",
    0.08,
    (
        (
            "url",
            (
                "https://dummy.site/files/privacy-whitepaper.pdf",
                "https://dummy.site/files/stats-api-cheatsheet.pdf",
            ),
        ),
    ),
)

DUMMY_TRAFFIC = SiteTraffic(
    landing=Table(_DUMMY_PAGES),
    browsing=_browsing(_DUMMY_PAGES, home=0.4),
    events={
        "": (_OUTBOUND,),
        "/docs": (_DOWNLOAD,),
        "/signup": (CustomEvent("Signup", 0.3, (("plan", ("Free trial", "Growth", "Business")),)),),
        "/pricing": (
            CustomEvent(
                "Purchase",
                0.06,
                (("plan", ("Growth", "Business")), ("product", ("monthly", "yearly"))),
                (9.0, 19.0, 49.0, 90.0, 190.0, 490.0),
                "USD",
            ),
        ),
        "/about": (CustomEvent("Donation", 0.05, (), (5.0, 10.0, 25.0, 50.0, 100.0), "EUR"),),
        "/blog/": (
            CustomEvent("Signup", 0.01, (("plan", ("Free trial",)),)),
            CustomEvent("Newsletter Prompt Shown", 0.2, interactive=False),
        ),
    },
    share=0.55,
    standalone=_DOWNLOAD,
    rhythm=Rhythm((1.12, 1.15, 1.12, 1.08, 0.98, 0.72, 0.8), amplitude=0.08, peak=30),
)
"""A software product with a blog and docs: busiest early in the week, quieter at weekends
(Sunday evenings pick up), a little busier in winter."""

_PRODUCTS = [
    ("linen-shirt", "Men"),
    ("wool-scarf", "Accessories"),
    ("canvas-tote", "Accessories"),
    ("leather-wallet", "Accessories"),
    ("summer-dress", "Women"),
    ("denim-jacket", "Women"),
    ("running-shoes", "Shoes"),
]
_SHOP_PAGES = [
    (Page("/", "shop.dummy.site"), 25),
    (Page("/category/men", "shop.dummy.site", (("category", "Men"),)), 6),
    (Page("/category/women", "shop.dummy.site", (("category", "Women"),)), 7),
    (Page("/category/accessories", "shop.dummy.site", (("category", "Accessories"),)), 4),
    *[
        (Page(f"/products/{slug}", "shop.dummy.site", (("category", cat),)), 5 - i * 0.5)
        for i, (slug, cat) in enumerate(_PRODUCTS)
    ],
    (Page("/cart", "shop.dummy.site"), 5),
    (Page("/checkout", "checkout.dummy.site"), 4),
    (Page("/checkout/thank-you", "checkout.dummy.site"), 2),
    (Page("/gift-cards", "shop.dummy.site"), 2),
    (Page("/about", "shop.dummy.site"), 1.5),
]

SHOP_TRAFFIC = SiteTraffic(
    landing=Table(_SHOP_PAGES),
    browsing=_browsing(_SHOP_PAGES, home=0.3),
    events={
        "": (CustomEvent("Newsletter Signup", 0.02),),
        "/products/": (
            CustomEvent(
                "Add to Cart", 0.25, (("category", ("Men", "Women", "Accessories", "Shoes")),)
            ),
        ),
        "/checkout": (
            CustomEvent(
                "Order",
                0.4,
                (
                    ("payment_method", ("card", "card", "paypal", "apple_pay")),
                    ("coupon", ("", "", "", "WELCOME10", "SPRING", "VIP")),
                ),
                (24.0, 39.5, 59.0, 89.99, 129.0, 249.0),
                "USD",
            ),
        ),
        "/gift-cards": (CustomEvent("Gift Card", 0.2, (), (25.0, 50.0, 100.0), "GBP"),),
        "/category/": (CustomEvent("Promo Banner Shown", 0.4, interactive=False),),
    },
    share=0.33,
    standalone=CustomEvent("Newsletter Signup", 1.0),
    rhythm=Rhythm((0.88, 0.9, 0.92, 0.96, 1.05, 1.2, 1.25), amplitude=0.12, peak=340),
)
"""A clothing shop: busiest at weekends, and before the winter holidays."""

_STARTER_PAGES: list[tuple[Page, float]] = [
    (Page("/", "starter.dummy.site"), 30),
    (Page("/services", "starter.dummy.site"), 12),
    (Page("/services/audit", "starter.dummy.site"), 6),
    (Page("/services/training", "starter.dummy.site"), 4),
    (Page("/pricing", "starter.dummy.site"), 8),
    (Page("/case-studies", "starter.dummy.site"), 5),
    (Page("/blog/quarterly-planning", "starter.dummy.site"), 6),
    (Page("/blog/remote-teams", "starter.dummy.site"), 4),
    (Page("/about", "starter.dummy.site"), 4),
    (Page("/contact", "starter.dummy.site"), 5),
]

STARTER_TRAFFIC = SiteTraffic(
    landing=Table(_STARTER_PAGES),
    browsing=_browsing(_STARTER_PAGES, home=0.3),
    events={
        "/contact": (CustomEvent("Contact", 0.35, (("service", ("Audit", "Training", "Other")),)),),
        "/services/": (
            CustomEvent(
                "File Download",
                0.1,
                (("url", ("https://starter.dummy.site/files/brochure.pdf",)),),
            ),
        ),
        "": (CustomEvent("Chat Widget Shown", 0.15, interactive=False),),
    },
    share=0.12,
    standalone=CustomEvent(
        "File Download", 1.0, (("url", ("https://starter.dummy.site/files/brochure.pdf",)),)
    ),
    rhythm=Rhythm((1.25, 1.3, 1.28, 1.22, 1.05, 0.55, 0.5), amplitude=0.1, peak=270),
)
"""A consultancy's site: a weekday business, nearly empty at weekends, busiest in autumn."""

TRAFFIC: dict[str, SiteTraffic] = {
    "dummy.site": DUMMY_TRAFFIC,
    "shop.dummy.site": SHOP_TRAFFIC,
    "starter.dummy.site": STARTER_TRAFFIC,
}
"""Traffic of every site queries can read (``sites.DATA_SITES``)."""
