"""The sites a query can name: what a site is (``model``) and the demo sites (``demo``)."""

from __future__ import annotations

from .demo import DATA_SITES, SITES
from .model import (
    EVERY_FEATURE,
    INTERNAL_PROPS,
    PROPS,
    REVENUE_GOALS,
    STATS_API,
    Goal,
    Segment,
    Site,
)

__all__ = [
    "DATA_SITES",
    "EVERY_FEATURE",
    "INTERNAL_PROPS",
    "PROPS",
    "REVENUE_GOALS",
    "SITES",
    "STATS_API",
    "Goal",
    "Segment",
    "Site",
]
