"""From a request body to a ``Query``, checking it the way the real API does.

Stages, first failure wins: the site (what the API's auth layer checks: a missing ``site_id``
is a 400, an unknown one a 401) -> size limits -> the schema stage (every problem, one line
each) -> the parser stage (date range, filter clauses) -> the rules of ``semantics``. Then the
defaults and the API's rewrites are applied: ``time`` resolved to a bucket, default
``order_by``, ``event:hostname`` filters copied onto entry/exit hostnames. Last, the mock's
own work budget (``budget``), on the query as it will run; its deadline while the query runs
is ``run.deadline``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from . import sources as src
from . import vocabulary as v
from .budget import check_budget
from .clauses import check_clauses
from .dates import echo_range, parse_date_input, resolve, time_bucket
from .errors import QueryError
from .evidence import cites
from .filter_tree import Filter, copied, normalized, top_level_filters
from .limits import check_limits
from .query import DateRange, Query
from .segments import expand_segments
from .semantics import Checked, check_semantics
from .site import STATS_API, Site
from .structure import check_structure

MISSING_SITE = "Missing site ID. Please provide the required site_id parameter with your request."
UNKNOWN_SITE = (
    "Invalid API key or site ID. Please make sure you're using a valid API key with access to "
    "the site you've requested."
)
SITE_LOCKED = (
    "This Plausible site is locked due to missing active subscription. In order to access it, "
    "the site owner should subscribe to a suitable plan"
)
NO_STATS_API = (
    "The account that owns this API key does not have access to Stats API. Please make sure "
    "you're using the API key of a subscriber account and that the subscription plan includes "
    "Stats API"
)
DEFAULT_LIMIT = 10_000
HOSTNAME_TARGETS = {
    "visit:source": "visit:entry_page_hostname",
    "visit:entry_page": "visit:entry_page_hostname",
    "visit:utm_medium": "visit:entry_page_hostname",
    "visit:utm_source": "visit:entry_page_hostname",
    "visit:utm_campaign": "visit:entry_page_hostname",
    "visit:utm_content": "visit:entry_page_hostname",
    "visit:utm_term": "visit:entry_page_hostname",
    "visit:referrer": "visit:entry_page_hostname",
    "visit:exit_page": "visit:exit_page_hostname",
}
"""Dimensions whose breakdown also filters the session's entry/exit hostname (API rewrite)."""


def parse_query(body: Any, *, now: datetime, sites: Mapping[str, Site]) -> Query:
    """The validated query, or ``QueryError`` with the message the real API gives.

    ``now`` is the clock (a naive value is taken as UTC); ``sites`` the site configurations.
    """
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    site = find_site(body, sites)
    check_limits(body)
    check_structure(body)
    date_input = parse_date_input(body["date_range"])
    given_filters = body.get("filters", [])
    check_clauses(given_filters)
    filters = expand_segments(given_filters, site)
    date_range = resolve(date_input, site, now)
    metrics, dimensions = list(body["metrics"]), list(body.get("dimensions", []))
    include = {key: True for key in v.INCLUDE_KEYS if body.get("include", {}).get(key)}
    check_semantics(
        Checked(
            site=site,
            metrics=metrics,
            dimensions=dimensions,
            filters=filters,
            order_by=body.get("order_by"),
            include=include,
            filter_pointers=filters == given_filters,
        )
    )
    query = _build(body, site, date_range, filters, include)
    check_budget(query, pointers=filters == given_filters)
    return query


def validate_query(body: Any, *, now: datetime, sites: Mapping[str, Site]) -> QueryError | None:
    """The error ``parse_query`` would raise for ``body``, or ``None`` (for the editor's lint)."""
    try:
        parse_query(body, now=now, sites=sites)
    except QueryError as error:
        return error
    return None


@cites(src.AUTHORIZE)
def find_site(body: Any, sites: Mapping[str, Site]) -> Site:
    """The site the body names (by its domain or its former one), checked as the API's
    authorization does before the body: missing (400), unknown (401), locked, or on a plan
    without the Stats API (402). The API checks a key's team before the 402s and the key's
    membership of the site after them; every key of the mock belongs to every site, so
    neither refuses here."""
    site_id = body.get("site_id") if isinstance(body, dict) else None
    if site_id is None:
        raise QueryError(
            MISSING_SITE,
            pointer="/site_id" if isinstance(body, dict) else "",
            hint='Name the site with `site_id`, its domain as registered: `"site_id": '
            '"dummy.site"`.',
        )
    site = _named(site_id, sites) if isinstance(site_id, str) else None
    if site is None:
        served = ", ".join(f"`{domain}`" for domain, known in sites.items() if known.queryable)
        raise QueryError(
            UNKNOWN_SITE,
            status=401,
            pointer="/site_id",
            hint=f"Name a site the key can read: the mock serves {served}.",
        )
    message = access_error(site)
    if message is not None:
        raise QueryError(
            message,
            status=402,
            pointer="/site_id",
            hint=f"Query another site: {site.domain} answers every query with this 402.",
        )
    return site


@cites(src.AUTHORIZE, src.SITE_DOMAIN, src.DOMAIN_TRANSITIONS, src.CRONTAB)
def _named(site_id: str, sites: Mapping[str, Site]) -> Site | None:
    """The site with this domain, or whose domain was this before it changed (the API's
    ``domain_changed_from``, kept for the change's transition: the mock's former domains are
    all still in theirs)."""
    return sites.get(site_id) or next(
        (site for site in sites.values() if site_id in site.former_domains), None
    )


@cites(src.AUTHORIZE, src.FEATURES)
def access_error(site: Site) -> str | None:
    """The message of the ``402`` every query on ``site`` gets, or ``None``: a locked site
    first, then an owner without the Stats API on their plan, as the API checks them."""
    if site.locked:
        return SITE_LOCKED
    if STATS_API not in site.features:
        return NO_STATS_API
    return None


def _build(
    body: dict[str, Any],
    site: Site,
    date_range: DateRange,
    filters: list[Filter],
    include: dict[str, bool],
) -> Query:
    bucket = time_bucket(date_range)
    dimensions = [bucket if d == "time" else d for d in body.get("dimensions", [])]
    filters = filters + _hostname_filters(filters, dimensions)
    order_by = _order_by(body.get("order_by"), body["metrics"], dimensions, bucket)
    pagination = body.get("pagination", {})
    offset, limit = pagination.get("offset", 0), pagination.get("limit", DEFAULT_LIMIT)
    echo = {
        "site_id": site.domain,
        "metrics": list(body["metrics"]),
        "date_range": echo_range(date_range, site),
        "filters": copied(filters),
        "dimensions": dimensions,
        "order_by": [list(entry) for entry in order_by],
        "include": dict(include),
        "pagination": {"offset": offset, "limit": limit},
    }
    return Query(
        site=site,
        metrics=list(body["metrics"]),
        date_range=date_range,
        dimensions=list(dimensions),
        filters=[normalized(f) for f in filters],
        order_by=order_by,
        include=include,
        limit=limit,
        offset=offset,
        echo=echo,
    )


def _order_by(
    given: list[list[str]] | None, metrics: list[str], dimensions: list[str], bucket: str
) -> list[tuple[str, str]]:
    """The explicit order with ``time`` resolved, else time ascending then first metric down."""
    if given is not None:
        return [(bucket if name == "time" else name, direction) for name, direction in given]
    time_dimension = next((d for d in dimensions if d in v.TIME_DIMENSIONS), None)
    first = [(metrics[0], "desc")]
    return [(time_dimension, "asc"), *first] if time_dimension else first


@cites(src.QUERY_OPTIMIZER, src.QUERY_OPTIMIZER_TEST)
def _hostname_filters(filters: list[Filter], dimensions: list[str]) -> list[Filter]:
    """Top-level ``event:hostname`` filters repeated on the entry/exit hostname of the
    session for breakdowns by acquisition or entry/exit page, as the real API adds them."""
    hostname = top_level_filters(filters, "event:hostname")
    return [
        [f[0], HOSTNAME_TARGETS[d], *copied(f[2:])]
        for d in dimensions
        if d in HOSTNAME_TARGETS
        for f in hostname
    ]


REWRITES = (_hostname_filters,)
"""What the API changes in a valid query before it runs (besides defaults)."""
