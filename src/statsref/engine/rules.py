"""Every rule the engine applies to a query before it runs, in one list, with its evidence.

The "How this reference is checked" page lists these rules and their sources, and a test fails
when one of them carries no evidence (``evidence.cites`` or ``evidence.mock_own``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .language import budget, clauses, limits, parse, semantics
from .run import deadline, imports, metrics

RULES: tuple[Callable[..., Any], ...] = (
    parse.find_site,
    parse.access_error,
    *limits.RULES,
    *clauses.LEAF_RULES,
    *semantics.RULES,
    *dict.fromkeys(semantics.METRIC_RULES.values()),
    *parse.REWRITES,
    *budget.CHECKS,
    deadline.deadline,
    imports.skip_reason,
    metrics.events_unknown,
)
"""Access, size limits, clause checks, the semantic rules in the API's order and each
metric's requirements, the rewrites the API applies, the mock's work budget, whether
imported data can join, and when ``events`` cannot be counted."""
