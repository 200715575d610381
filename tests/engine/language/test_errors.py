"""Every objection past the schema stage carries a hint: one plain sentence of ours saying what
to change, shown under the API's exact text and never part of the API's answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from statsref.corpus.load import load_corpus
from statsref.engine import run_query, validate_query
from statsref.engine.data import Dataset
from statsref.engine.language.structure import structure_problems

ROOT = Path(__file__).resolve().parents[3]
REJECTED = [ex for ex in load_corpus(ROOT / "examples") if ex.meta.status != 200]


@pytest.mark.parametrize("example", REJECTED, ids=lambda ex: ex.slug)
def test_each_rejected_example_gets_a_hint_unless_the_schema_words_it(example) -> None:
    """The schema stage has none: the playground words schema mistakes from the schema."""
    error = validate_query(example.query, now=example.meta.now)
    assert error is not None and error.message == example.response["error"]
    if list(structure_problems(example.query)):
        assert error.hint is None
        return
    assert error.hint and error.hint.endswith(".") and error.hint != error.message
    assert "\n" not in error.hint  # one sentence under the message


def test_the_hint_stays_out_of_the_answer() -> None:
    query = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
    query["order_by"] = [["pageviews", "desc"]]
    now = REJECTED[0].meta.now
    status, body = run_query(query, dataset=Dataset.build(now, lazy=True), now=now)
    assert (status, list(body)) == (400, ["error"])


def test_hints_name_what_the_query_and_the_site_offer() -> None:
    now = REJECTED[0].meta.now
    base = {"site_id": "dummy.site", "metrics": ["visitors", "events"], "date_range": "7d"}
    order = validate_query({**base, "order_by": [["pageviews", "desc"]]}, now=now)
    assert order is not None and order.hint == (
        "Sort only by what the query asks for: add `pageviews` to `metrics`, or sort by "
        "`visitors` or `events` instead."
    )
    goal = validate_query({**base, "filters": [["is", "event:goal", ["Nope"]]]}, now=now)
    assert goal is not None and goal.hint is not None
    assert goal.hint.startswith("Name a goal of dummy.site: `Signup`, ")
    unknown = validate_query({**base, "site_id": "example.com"}, now=now)
    assert unknown is not None and unknown.status == 401
    assert unknown.hint is not None and "`dummy.site`" in unknown.hint
