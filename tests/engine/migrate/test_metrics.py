"""The v1 metrics parameter, and conversion_rate where v1 computes it per row."""

from __future__ import annotations

import pytest

from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.metrics import per_row_rates, read_metrics


def test_names_pass_through_in_order() -> None:
    assert read_metrics({"metrics": "pageviews,visitors,bounce_rate"}, []) == [
        "pageviews",
        "visitors",
        "bounce_rate",
    ]


def test_no_metrics_means_visitors() -> None:
    notes: list[str] = []
    assert read_metrics({}, notes) == ["visitors"]
    assert "v1 returns visitors" in notes[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("visitors,unique_visitors", "'unique_visitors' is not a metric"),
        ("visitors, pageviews", "' pageviews' is not a metric"),
        ("visitors,events,visitors", "visitors is listed twice"),
        ("", "'' is not a metric"),
    ],
)
def test_metrics_v1_rejects_are_errors(value: str, message: str) -> None:
    with pytest.raises(MigrationError, match=message):
        read_metrics({"metrics": value}, [])


def test_a_per_row_conversion_rate_is_v2s_group_conversion_rate() -> None:
    notes: list[str] = []
    metrics = per_row_rates(["visitors", "conversion_rate"], "per row in a breakdown", notes)
    assert metrics == ["visitors", "group_conversion_rate"]
    assert notes[0].startswith("v1 computes conversion_rate per row in a breakdown")
    assert per_row_rates(["visitors"], "anywhere", notes) == ["visitors"]
    assert len(notes) == 1
