"""Glue between the playground's Web Worker and ``statsref.engine``, run inside Pyodide.

Queries and answers cross the worker boundary as JSON text. The dataset has the engine's
default size, the one the examples' responses are computed with, so an unedited example gives
its documented response. It is lazy: a query builds only the days of its site it reads, so a
first answer waits for a few days of one site, not for every site. One dataset is kept: the
one for the clock of the last call (every example shares one pinned clock).
"""

import json
from datetime import datetime

from statsref.engine import (
    Dataset,
    QueryError,
    explain_text,
    parse_query,
    rows_read,
    run_query,
    validate_query,
)
from statsref.engine.migrate import MigrationError, convert

_dataset_cache = {}


def _dataset(now):
    if now not in _dataset_cache:
        _dataset_cache.clear()
        _dataset_cache[now] = Dataset.build(now, lazy=True)
    return _dataset_cache[now]


def _rows_read(query_json, now):
    """What the query reads, or ``None`` when it is invalid (it then reads nothing)."""
    try:
        return rows_read(parse_query(json.loads(query_json), now=now))
    except (ValueError, QueryError):
        return None


def _error(error):
    """What the editor shows of an objection: the API's text, where it points, and our plain
    sentence saying what to change (``hint``, never part of the API's answer)."""
    return {
        "message": error.message,
        "pointer": error.pointer,
        "status": error.status,
        "hint": error.hint,
    }


def lint(query_json, now_iso):
    """The engine's objection to the query, as the editor marks it, or ``null``."""
    error = validate_query(json.loads(query_json), now=datetime.fromisoformat(now_iso))
    return json.dumps(None if error is None else _error(error))


def explain(query_json, now_iso):
    """``{text, valid}``: the query in words (the text may not be JSON yet)."""
    words = explain_text(query_json, now=datetime.fromisoformat(now_iso))
    return json.dumps({"text": words.text, "valid": words.valid})


def pending_site(query_json, now_iso):
    """The site whose rows the query needs built first, else ``None``: the worker announces
    the build, then ``prepare`` does it."""
    now = datetime.fromisoformat(now_iso)
    rows = _rows_read(query_json, now)
    return rows[0] if rows and _dataset(now).needs_build(*rows) else None


def prepare(query_json, now_iso):
    """Build the rows the query reads (``run`` would, before answering)."""
    now = datetime.fromisoformat(now_iso)
    rows = _rows_read(query_json, now)
    if rows:
        _dataset(now).ensure(*rows)


def run(query_json, now_iso):
    """``{status, body, pointer, hint}``: the response, and for an error the validator found,
    where it points in the query (a 400's) and what to change."""
    now = datetime.fromisoformat(now_iso)
    body = json.loads(query_json)
    status, response = run_query(body, dataset=_dataset(now), now=now)
    error = validate_query(body, now=now) if status != 200 else None
    same = error is not None and response.get("error") == error.message
    pointer = error.pointer if same and status == 400 else None
    hint = error.hint if same else None
    return json.dumps({"status": status, "body": response, "pointer": pointer, "hint": hint})


def migrate(text, now_iso, panel=None):
    """A v1 request or a dashboard URL (``panel``: one of its panels) as ``{queries, notes}``,
    or ``{error}`` when it cannot be read. Periods count from the day of ``now``."""
    now = datetime.fromisoformat(now_iso)
    try:
        return json.dumps(convert(text, now.date(), panel=panel or None, now=now).as_json())
    except MigrationError as error:
        return json.dumps({"error": str(error)})
