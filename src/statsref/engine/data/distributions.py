"""Weighted tables the generator draws from for every site: acquisition, geography,
technology, and how visits unfold (hours, pageviews, time on page, scroll depth).

Each table pairs plausible values with a relative weight, so the synthetic traffic looks like a
small real site: mostly direct and search traffic, a long tail of referrers, desktop-heavy
browsers, a few countries dominating. Values use the API's vocabulary (source names, channel
names, ISO codes, GeoName ids); ``""`` means "not set". What differs between sites (pages,
events, rhythm, the values a segment needs) comes from its sites file (``sites.traffic``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from ..sites.traffic import Table


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


HOME_HOURS = 2
"""How far from a site's own UTC offset its home audience lives."""
HOME_WEIGHT = 4
"""How much more a place of a site's home audience weighs: most visitors of a site in Tokyo
are in Asia and Oceania, most of one in New York in the Americas."""


@cache
def places_near(offset: int) -> Table[Place]:
    """The places a site ``offset`` hours from UTC draws its visitors from."""
    return Table(
        [
            (place, weight * (HOME_WEIGHT if abs(utc_offset(place) - offset) <= HOME_HOURS else 1))
            for place, weight in zip(PLACES.values, PLACES.weights, strict=True)
        ]
    )


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


PROFILE_SHARE = 0.03
"""The share of visitors that take on each profile of a site (``SiteTraffic.profiles``)."""
_CLIENT_FIELDS = {"visit:device": "device", "visit:browser": "browser", "visit:os": "os"}
_ACQUISITION_FIELDS = {f"visit:{name}": name for name in vars(Acquisition())}


def place_of(country: str) -> Place:
    """The most common place of a country (a country the table lacks is named by its code)."""
    return next((p for p in PLACES.values if p.country == country), Place(country, country))


def client_with(client: Client, profile: tuple[tuple[str, str], ...]) -> Client:
    """``client`` with the device, browser or operating system a profile names."""
    fields = {_CLIENT_FIELDS[d]: v for d, v in profile if d in _CLIENT_FIELDS}
    return replace(client, **fields) if fields else client


def acquisition_with(acquisition: Acquisition, profile: tuple[tuple[str, str], ...]) -> Acquisition:
    """``acquisition`` with the source, channel, referrer or UTM tags a profile names."""
    fields = {_ACQUISITION_FIELDS[d]: v for d, v in profile if d in _ACQUISITION_FIELDS}
    return replace(acquisition, **fields) if fields else acquisition
