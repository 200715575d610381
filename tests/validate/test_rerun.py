"""``--run``: each query answered again, by the engine or a live API, up to the first
differing value."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from statsref.client import contract_client
from statsref.validate.files import JsonFile
from statsref.validate.rerun import EndpointAnswers, EngineAnswers, rerun_problems

from .conftest import LIVE_KEY, NOW, corpus_file, load, load_pair, write


@pytest.fixture(scope="module")
def engine() -> EngineAnswers:
    return EngineAnswers(datetime.fromisoformat(NOW))


@pytest.fixture
def endpoint(live_api: str) -> Iterator[EndpointAnswers]:
    answers = EndpointAnswers(*contract_client(live_api, LIVE_KEY))
    yield answers
    answers.close()


def lines(found: list) -> list[str]:
    return [f"{Path(p.file).name}: {p.pointer}: {p.message}" for p in found]


def rerun_pair(tmp_path: Path, answers, slug: str, change=None, query=None) -> list[str]:
    response = copy.deepcopy(corpus_file(slug, "response.json"))
    if change:
        change(response)
    pair = load_pair(tmp_path, slug, query or corpus_file(slug, "query.json"), response)
    return lines(rerun_problems(pair.query, pair.response, answers))


def rerun_alone(tmp_path: Path, answers, query: object) -> list[str]:
    file = load(write(tmp_path / "first-request.json", query))
    assert isinstance(file, JsonFile)
    return lines(rerun_problems(file, None, answers))


def test_the_engine_gives_the_stored_answer(tmp_path: Path, engine: EngineAnswers) -> None:
    for slug in ("utm-medium-and-source", "revenue-warning", "invalid-unknown-metric"):
        assert rerun_pair(tmp_path, engine, slug) == []


def test_the_first_differing_value_is_reported(tmp_path: Path, engine: EngineAnswers) -> None:
    def corrupt(response: dict) -> None:
        response["results"][2]["metrics"][1] += 1
        response["results"][3]["metrics"][0] += 1

    stored = corpus_file("utm-medium-and-source", "response.json")["results"][2]["metrics"][1]
    assert rerun_pair(tmp_path, engine, "utm-medium-and-source", corrupt) == [
        f"utm-medium-and-source-response.json: #/results/2/metrics/1: stored {stored + 1}, "
        f"engine returns {stored}"
    ]


def test_an_editor_schema_key_is_not_sent(tmp_path: Path, engine: EngineAnswers) -> None:
    query = {"$schema": "../query.schema.json", **corpus_file("simple-aggregate", "query.json")}
    assert rerun_pair(tmp_path, engine, "simple-aggregate", query=query) == []


def test_a_site_the_mock_does_not_serve_is_said_plainly(
    tmp_path: Path, engine: EngineAnswers
) -> None:
    query = {**corpus_file("simple-aggregate", "query.json"), "site_id": "example.com"}
    assert rerun_alone(tmp_path, engine, query) == [
        'first-request.json: #/site_id: site "example.com" is not one of the mock\'s sites '
        "(dummy.site, shop.dummy.site, starter.dummy.site, locked.dummy.site, "
        "no-api.dummy.site): the engine cannot run it; describe it in a sites file and pass "
        "--sites FILE"
    ]


def test_a_query_alone_must_be_answered(tmp_path: Path, engine: EngineAnswers) -> None:
    query = corpus_file("simple-aggregate", "query.json")
    assert rerun_alone(tmp_path, engine, query) == []
    rejected = corpus_file("invalid-order-by-not-queried", "query.json")
    message = corpus_file("invalid-order-by-not-queried", "response.json")["error"]
    assert rerun_alone(tmp_path, engine, rejected) == [
        f"first-request.json: #: the engine rejects it with status 400: {message}"
    ]


def test_the_status_must_agree(tmp_path: Path, engine: EngineAnswers) -> None:
    accepted = corpus_file("simple-aggregate", "query.json")
    rejected = corpus_file("invalid-unknown-metric", "query.json")
    message = corpus_file("invalid-unknown-metric", "response.json")["error"]
    assert rerun_pair(tmp_path, engine, "invalid-unknown-metric", query=accepted) == [
        "invalid-unknown-metric-response.json: #/error: the engine accepts the query "
        "(status 200), the file holds an error"
    ]
    assert rerun_pair(tmp_path, engine, "simple-aggregate", query=rejected) == [
        f"simple-aggregate-response.json: #: the engine answers status 400: {message}"
    ]


def test_a_rejection_must_say_the_same(tmp_path: Path, engine: EngineAnswers) -> None:
    def reword(response: dict) -> None:
        response["error"] = "Unknown metric"

    message = json.dumps(corpus_file("invalid-unknown-metric", "response.json")["error"])
    assert rerun_pair(tmp_path, engine, "invalid-unknown-metric", reword) == [
        f'invalid-unknown-metric-response.json: #/error: stored "Unknown metric", engine returns '
        f"{message}"
    ]


def test_a_live_api_gives_the_stored_answer(tmp_path: Path, endpoint: EndpointAnswers) -> None:
    for slug in ("timeseries-by-day", "invalid-unknown-metric"):
        assert rerun_pair(tmp_path, endpoint, slug) == []

    def corrupt(response: dict) -> None:
        response["results"][2]["dimensions"][0] = "2026-10-29"

    assert rerun_pair(tmp_path, endpoint, "timeseries-by-day", corrupt) == [
        'timeseries-by-day-response.json: #/results/2/dimensions/0: stored "2026-10-29", '
        'endpoint returns "2026-10-28"'
    ]


def test_a_live_api_that_cannot_be_reached(tmp_path: Path) -> None:
    from serving import free_port

    answers = EndpointAnswers(*contract_client(f"http://127.0.0.1:{free_port()}", "k"))
    found = rerun_alone(tmp_path, answers, corpus_file("simple-aggregate", "query.json"))
    answers.close()
    assert len(found) == 1
    assert found[0].startswith("first-request.json: #: request to http://127.0.0.1:")
