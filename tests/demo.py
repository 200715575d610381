"""The demo sites as tests name them: every site, and those with data, at the examples' clock.

The demo sites count their days back from today, so any clock gives the same sites."""

from __future__ import annotations

from datetime import UTC, datetime

from statsref.engine import demo_sites

CLOCK = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)
SITES = demo_sites().at(CLOCK)
DATA_SITES = {domain: site for domain, site in SITES.items() if site.queryable}
