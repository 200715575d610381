"""Generated queries: the engine and the independent oracle must agree on every one.

``STATSREF_FUZZ_EXAMPLES`` sets the number of queries (1000 by default; ``nox -s fuzz`` asks
for 20000). The run is derandomized, so CI sees the same queries every time.
"""

from __future__ import annotations

import json
import os
from datetime import datetime

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from oracle import Oracle, mismatches
from strategies import queries, value_pool

from statsref.engine import Dataset, run_query
from statsref.engine.errors import QueryError
from statsref.engine.parse import parse_query
from statsref.engine.sites import SITES

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")
EXAMPLES = int(os.environ.get("STATSREF_FUZZ_EXAMPLES", "1000"))


@pytest.fixture(scope="module")
def dataset():
    return Dataset.build(NOW, events=10000, seed=11)


@pytest.fixture(scope="module")
def oracle(dataset):
    return Oracle(dataset)


@pytest.fixture(scope="module")
def pools(dataset):
    return {
        domain: value_pool(dataset.sessions(domain), dataset.events(domain), site)
        for domain, site in SITES.items()
    }


def test_oracle_agrees_with_engine(dataset, oracle, pools):
    compared = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(body=queries(pools, NOW))
    def check(body):
        note(json.dumps(body))
        try:
            query = parse_query(body, now=NOW, sites=SITES)
        except QueryError as error:
            note(error.message)
            assume(False)
        status, response = run_query(body, dataset=dataset, now=NOW)
        assert status == 200, response
        problems = mismatches(oracle.run(query), response, query)
        assert not problems, "\n".join(problems[:10])
        compared.append(body)

    check()
    assert len(compared) >= EXAMPLES
