"""Server configuration: one frozen value built from ``statsref serve``'s arguments."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx

from statsref.defaults import DEMO_KEY, MAX_QUERY_BYTES, QUERIES_PER_CLIENT
from statsref.engine import SiteSet, SitesFileError, demo_sites, read_sites_file

from .connections import MAX_CONNECTIONS, REQUEST_SECONDS
from .proxy import PROXY_CALLS

USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:/*)[^/?#]*@")
"""The credentials of a URL (RFC 3986 userinfo), kept out of every message."""
MAX_BODY_BYTES = MAX_QUERY_BYTES
"""Largest request body accepted: a misbehaving client cannot fill memory."""


class SettingsError(ValueError):
    """A command-line value the server cannot use; the message names the option and value."""


@dataclass(frozen=True)
class Settings:
    """Everything ``create_app`` needs. Defaults match ``statsref serve`` without options.

    ``site_dir=None`` serves the API alone, without looking for a site (``statsref.testing``'s
    transport); ``lazy_dataset`` builds each site's days when a query first reads them instead
    of every site at start (``DatasetCache``)."""

    site_dir: Path | None = Path("site")
    sites: SiteSet | None = None
    """The sites the mock serves (``--sites``); ``None``: the demo sites."""
    dataset_size: int | None = None
    """Scale the sites' traffic to about this many events (``None``: as the sites say)."""
    now: datetime | None = None
    lazy_dataset: bool = False
    keys: frozenset[str] = frozenset({DEMO_KEY})
    rate_limit: int = 600
    queries_per_client: int = QUERIES_PER_CLIENT
    """Queries of one client in flight at once (``fairness``); 0: no limit."""
    workers: int = 1
    """Processes serving the port, each with its app and its own lazy dataset."""
    cors_origins: tuple[str, ...] = ()
    upstream: str | None = None
    upstream_timeout: float = 30.0
    upstream_calls: int = PROXY_CALLS
    max_body_bytes: int = MAX_BODY_BYTES
    max_connections: int = MAX_CONNECTIONS
    request_seconds: float = REQUEST_SECONDS
    seed: int = 2024
    host: str = "127.0.0.1"
    port: int = 8000

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Settings:
        """Validate the ``serve`` arguments; raises ``SettingsError`` naming the bad option."""
        if args.dataset_size is not None and args.dataset_size < 1:
            raise SettingsError(f"--dataset-size must be at least 1, got {args.dataset_size}")
        if args.rate_limit < 0:
            raise SettingsError(
                f"--rate-limit must be 0 (unlimited) or more, got {args.rate_limit}"
            )
        if args.queries_per_client < 0:
            raise SettingsError(
                f"--queries-per-client must be 0 (unlimited) or more, got {args.queries_per_client}"
            )
        if args.workers < 1:
            raise SettingsError(f"--workers must be at least 1, got {args.workers}")
        if not 0 <= args.port <= 65535:
            raise SettingsError(f"--port must be between 0 and 65535, got {args.port}")
        return cls(
            site_dir=Path(args.site_dir),
            sites=parse_sites_option(args.sites) if args.sites else None,
            dataset_size=args.dataset_size,
            now=parse_now(args.now) if args.now else None,
            lazy_dataset=args.lazy_dataset,
            keys=parse_keys(args.keys) if args.keys is not None else frozenset({DEMO_KEY}),
            rate_limit=args.rate_limit,
            queries_per_client=args.queries_per_client,
            workers=args.workers,
            cors_origins=tuple(args.cors_origin),
            upstream=parse_upstream(args.upstream) if args.upstream else None,
            host=args.host,
            port=args.port,
        )


def parse_sites_option(path: str) -> SiteSet:
    """``--sites``: the sites file, read and checked before the server starts."""
    try:
        return read_sites_file(path)
    except SitesFileError as error:
        raise SettingsError(f"--sites: {error}") from None


def served_sites(settings: Settings) -> SiteSet:
    """The sites the server answers for: the sites file's, else the demo's."""
    return settings.sites or demo_sites()


def parse_now(text: str, option: str = "--now") -> datetime:
    """``--now`` (or the setting named ``option``): an ISO 8601 datetime that must carry its
    UTC offset (the clock is absolute)."""
    try:
        now = datetime.fromisoformat(text)
    except ValueError:
        raise SettingsError(
            f"{option} must be an ISO 8601 datetime such as 2026-11-02T14:30:00+00:00, got {text!r}"
        ) from None
    if now.tzinfo is None:
        raise SettingsError(f"{option} needs a UTC offset (e.g. +00:00 or Z), got {text!r}")
    return now


def parse_keys(text: str) -> frozenset[str]:
    """``--keys a,b``: the accepted API keys, replacing the demo key."""
    keys = frozenset(key.strip() for key in text.split(",") if key.strip())
    if not keys:
        raise SettingsError(f"--keys needs at least one non-empty key, got {text!r}")
    return keys


def parse_upstream(text: str) -> str:
    """``--upstream``: an http(s) base URL without credentials; a trailing slash is dropped.

    Credentials (``https://user:pass@host``) are refused, and never echoed: the proxy sends
    each caller's own key in the ``Authorization`` header, which basic credentials would need
    too, and must never lend the operator's credentials to a caller."""
    shown = redacted(text)
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise SettingsError(f"--upstream must be an http:// or https:// URL, got {shown!r}")
    if url.userinfo:
        raise SettingsError(
            f"--upstream must not carry credentials, got {shown!r}: the proxy forwards each "
            "caller's own API key, in the Authorization header basic credentials would need"
        )
    return text.rstrip("/")


def redacted(url: str) -> str:
    """``url`` with any ``user:password@`` part shown as ``***@``."""
    return USERINFO.sub(r"\1***@", url)
