"""``--run``: each query answered again, by the engine or by a live endpoint, and the answer
held to the stored response up to its first differing value.

The engine answers on a dataset built lazily for the pinned clock: only the sites and days
the queries read are generated. A query of a site the mock does not serve gets the engine's
401; that is reported as what it is rather than as a difference.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from statsref.client import ClientError, post_query
from statsref.corpus.compare import first_difference
from statsref.corpus.crosscheck import shown
from statsref.corpus.load import Problem, pointer
from statsref.engine import Dataset, SiteSet, demo_sites, run_query

from .checks import is_error_body, request_body
from .files import JsonFile

UNAUTHORIZED = 401


class EngineAnswers:
    """The engine, on one dataset pinned at ``now`` and built on first use."""

    by = "engine"

    def __init__(self, now: datetime, sites: SiteSet | None = None) -> None:
        self.now = now
        self.sites = sites or demo_sites()
        self.dataset: Dataset | None = None

    def __call__(self, query: Any) -> tuple[int, Any]:
        if self.dataset is None:
            self.dataset = Dataset.build(self.now, lazy=True, sites=self.sites)
        return run_query(query, dataset=self.dataset, now=self.now)

    def close(self) -> None:
        """Nothing to release: the dataset lives as long as the process."""


class EndpointAnswers:
    """A live API, through a contract test's client (``client.contract_client``)."""

    by = "endpoint"

    def __init__(self, http: httpx.Client, url: str) -> None:
        self.http, self.url = http, url

    def __call__(self, query: Any) -> tuple[int, Any]:
        return post_query(self.http, self.url, query)

    def close(self) -> None:
        self.http.close()


Answers = EngineAnswers | EndpointAnswers


def rerun_problems(query: JsonFile, response: JsonFile | None, answers: Answers) -> list[Problem]:
    """The query answered again and held to ``response`` (``None``: a query checked alone,
    which must be answered with status 200)."""
    body = request_body(query.value)
    try:
        status, answer = answers(body)
    except ClientError as exc:
        return [Problem(query.shown, "#", str(exc))]
    by = answers.by
    if status == UNAUTHORIZED and isinstance(answers, EngineAnswers):
        site = body.get("site_id") if isinstance(body, dict) else None
        served = ", ".join(answers.sites.domains)
        message = f"site {shown(site)} is not one of the mock's sites ({served})"
        hint = "the engine cannot run it; describe it in a sites file and pass --sites FILE"
        return [Problem(query.shown, pointer("site_id"), f"{message}: {hint}")]
    said = answer.get("error") if isinstance(answer, dict) else None
    if response is None:
        if status == 200:
            return []
        return [Problem(query.shown, "#", f"the {by} rejects it with status {status}: {said}")]
    stored = response.value
    if is_error_body(stored) and status == 200:
        message = f"the {by} accepts the query (status 200), the file holds an error"
        return [Problem(response.shown, pointer("error"), message)]
    if not is_error_body(stored) and status != 200:
        return [Problem(response.shown, "#", f"the {by} answers status {status}: {said}")]
    difference = first_difference(stored, answer, by=by)
    return [Problem(response.shown, *difference)] if difference else []
