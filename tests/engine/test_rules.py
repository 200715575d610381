"""Every rule the engine applies carries its evidence, from the list of files read."""

from __future__ import annotations

import pytest

from statsref.engine.language import budget, clauses, limits, parse, semantics
from statsref.engine.language.evidence import evidence_of
from statsref.engine.language.sources import EVERY_SOURCE
from statsref.engine.rules import RULES
from statsref.engine.run import deadline, imports, metrics


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.__module__}.{rule.__name__}")
def test_every_rule_has_evidence_or_says_it_is_the_mocks_own(rule) -> None:
    evidence = evidence_of(rule)
    assert evidence is not None, "mark the rule with evidence.cites or evidence.mock_own"
    assert bool(evidence.sources) != bool(evidence.own)
    assert all(str(source) in EVERY_SOURCE for source in evidence.sources)
    assert not evidence.own or evidence.own.endswith(".")


def test_the_list_holds_every_rule_of_each_module() -> None:
    """A rule added to a module's own list is in the registry, so it cannot go unchecked."""
    modules = [
        *semantics.RULES,
        *semantics.METRIC_RULES.values(),
        *limits.RULES,
        *clauses.LEAF_RULES,
        *budget.CHECKS,
        deadline.deadline,
        *parse.REWRITES,
        parse.find_site,
        parse.access_error,
        imports.skip_reason,
        metrics.events_unknown,
    ]
    assert set(modules) == set(RULES)


def test_mock_own_rules_are_the_expected_few() -> None:
    own = {rule.__name__ for rule in RULES if evidence_of(rule).own}
    assert own == {
        "_one_time_dimension",
        "_check_shape",
        "_check_size",
        "_check_filter_depths",
        "_check_patterns",
        "_check_range",
        "_check_buckets",
        "_check_filters",
        "deadline",
    }
