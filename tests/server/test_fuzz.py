"""Schemathesis fuzzes the running server (real uvicorn on loopback) from its own OpenAPI
document: schema-valid queries for the dataset's sites, and deliberately invalid requests.
No answer may be a 5xx or the engine's own "failed on it" error, and every body must be valid
against the response schema.

``STATSREF_FUZZ_EXAMPLES`` sets the number of generated requests (default 2,000).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace

import hypothesis
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import strategies as st

from demo import SITES
from statsref.engine import INTERNAL_ERROR
from statsref.schema import response_validator
from statsref.server.app import create_app

from .conftest import AUTH

REQUESTS = int(os.environ.get("STATSREF_FUZZ_EXAMPLES", "2000"))
ENGINE_FAILURE = INTERNAL_ERROR[:40]
"""The engine answers a crash of its own with this 400; the fuzz counts it as a failure."""


def _on_site(case_and_site: tuple[schemathesis.Case, str]) -> schemathesis.Case:
    """A schema-valid query for one of the dataset's sites, so it reaches the engine (the
    schema allows any string as ``site_id``; almost all of them are unknown sites)."""
    case, site = case_and_site
    if isinstance(case.body, dict):
        case.body["site_id"] = site
    return case


def test_fuzzed_requests_never_fail_the_server(start_server, settings):
    base_url = start_server(create_app(replace(settings, rate_limit=0)))
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    operation = schema["/api/v2/query"]["POST"]
    valid = operation.as_strategy(schemathesis.GenerationMode.POSITIVE, headers=AUTH)
    invalid = operation.as_strategy(schemathesis.GenerationMode.NEGATIVE, headers=AUTH)
    on_a_site = st.tuples(valid, st.sampled_from(sorted(SITES))).map(_on_site)
    cases = st.one_of(on_a_site, invalid)
    statuses: Counter[int] = Counter()
    session = requests.Session()

    @hypothesis.settings(
        max_examples=REQUESTS,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def check(case: schemathesis.Case) -> None:
        response = case.call(base_url=base_url, session=session)
        statuses[response.status_code] += 1
        assert response.status_code < 500, (case.body, response.text)
        assert response.headers["content-type"][0].startswith("application/json")
        body = response.json()
        errors = list(response_validator().iter_errors(body))
        assert not errors, (case.body, response.text, errors[0].message)
        assert body.get("error", "")[:40] != ENGINE_FAILURE, (case.body, body["error"])

    check()
    print(f"fuzzed {statuses.total()} requests: {dict(sorted(statuses.items()))}")
    assert statuses.total() >= REQUESTS
    assert statuses[200] > 0 and statuses[400] > 0
