"""The checks of files that need no engine: each file against its schema, each pair together.

A query paired with an error response (``{"error": ...}``) shows a query the API rejects: it
is not held to the query schema, and ``--run`` checks that it is rejected with that message.
A response of an older API version, which lacks fields the schema marks ``x-since``, gets
warnings rather than errors unless ``strict``; its pair is still checked, on the keys it has.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from statsref import schema
from statsref.corpus.crosscheck import (
    Exchange,
    pair_problems,
    response_schema_problems,
    schema_problems,
)
from statsref.corpus.load import Problem
from statsref.engine import SiteSet, demo_sites

from .files import QUERY, RESPONSE, JsonFile, Pair, named_kind

Found = tuple[list[Problem], list[Problem]]
"""``(errors, warnings)``."""


def request_body(query: Any) -> Any:
    """The body a query file stands for: without ``"$schema"``, which editors use and the API
    rejects (``statsref query`` drops it too)."""
    if isinstance(query, dict):
        return {key: value for key, value in query.items() if key != schema.SCHEMA_KEY}
    return query


def file_problems(file: JsonFile, *, strict: bool, rejected: bool = False) -> Found:
    """One file against its schema; ``rejected``: a query paired with an error response."""
    warnings = []
    named = named_kind(file.found.path.name)
    if named and file.kind and named != file.kind:
        message = f"named like a {named} file, but holds a {file.kind}: checked alone"
        warnings.append(Problem(file.shown, "#", message))
    if file.kind == RESPONSE:
        errors, older = response_schema_problems(file.value, file.shown, strict=strict)
        return errors, warnings + older
    if file.kind == QUERY and not rejected:
        return schema_problems(file.value, schema.query_file_validator(), file.shown), warnings
    if file.kind is None and file.found.named:
        message = "neither a Stats API query nor a response (by its top-level keys)"
        return [Problem(file.shown, "#", message)], warnings
    return [], warnings


def is_error_body(response: Any) -> bool:
    return isinstance(response, dict) and "error" in response


def pair_check(
    pair: Pair, *, strict: bool, now: datetime | None, sites: SiteSet | None = None
) -> Found:
    """Both files of a pair, then the pair together when both passed their schemas (a site
    of ``sites`` gets its timezone and segments checked too)."""
    rejected = is_error_body(pair.response.value)
    query_errors, query_warnings = file_problems(pair.query, strict=strict, rejected=rejected)
    response_errors, response_warnings = file_problems(pair.response, strict=strict)
    errors, warnings = query_errors + response_errors, query_warnings + response_warnings
    if errors or rejected:
        return errors, warnings
    query = request_body(pair.query.value)
    site = (sites or demo_sites()).at(now or datetime.now(UTC)).get(query["site_id"])
    files = (pair.query.shown, pair.response.shown)
    return pair_problems(Exchange(query, pair.response.value, *files, site, now)), warnings
