"""The v1 ``metrics`` parameter: the same names in v2, with one exception.

Where v1 computes ``conversion_rate`` per row (a timeseries bucket, or a breakdown row other
than a goal or a custom property), v2 calls that ``group_conversion_rate``; its own
``conversion_rate`` divides by the visitors of the whole query.
"""

from __future__ import annotations

from ..language.vocabulary import METRICS
from .errors import MigrationError

DEFAULT_METRIC = "visitors"
GROUP_RATE = "group_conversion_rate"


def read_metrics(params: dict[str, str], notes: list[str]) -> list[str]:
    """The metrics a request asks for, checked as v1 checks them (known names, no repeats)."""
    if "metrics" not in params:
        notes.append(f"v1 returns {DEFAULT_METRIC} when metrics is not given; v2 needs it listed.")
        return [DEFAULT_METRIC]
    names = params["metrics"].split(",")
    for index, name in enumerate(names):
        if name not in METRICS:
            raise MigrationError(f"metrics={params['metrics']}: {name!r} is not a metric")
        if name in names[:index]:
            raise MigrationError(f"metrics={params['metrics']}: {name} is listed twice")
    return names


def per_row_rates(metrics: list[str], where: str, notes: list[str]) -> list[str]:
    """``metrics`` with ``conversion_rate`` renamed to v2's per-row ``group_conversion_rate``."""
    if "conversion_rate" not in metrics:
        return metrics
    notes.append(
        f"v1 computes conversion_rate {where}; in v2 that is group_conversion_rate "
        "(v2's conversion_rate divides by all the visitors of the query)."
    )
    return [GROUP_RATE if name == "conversion_rate" else name for name in metrics]
