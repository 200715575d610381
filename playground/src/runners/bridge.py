"""Glue between the playground's Web Worker and ``statsref.engine``, run inside Pyodide.

Queries and answers cross the worker boundary as JSON text. The dataset has the engine's
default size, the one the examples' responses are computed with, so an unedited example gives
its documented response. It is lazy: a query builds only the days of its site it reads, so a
first answer waits for a few days of one site, not for every site. One dataset is kept: the
one for the clock of the last call (every example shares one pinned clock).
"""

import json
from datetime import date, datetime

from statsref.engine import Dataset, QueryError, parse_query, rows_read, run_query, validate_query
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
    return {"message": error.message, "pointer": error.pointer, "status": error.status}


def lint(query_json, now_iso):
    """The engine's objection to the query, as the editor marks it, or ``null``."""
    error = validate_query(json.loads(query_json), now=datetime.fromisoformat(now_iso))
    return json.dumps(None if error is None else _error(error))


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
    """``{status, body, pointer}``: the response, and where a 400 points in the query."""
    now = datetime.fromisoformat(now_iso)
    body = json.loads(query_json)
    status, response = run_query(body, dataset=_dataset(now), now=now)
    pointer = None
    if status == 400:
        error = validate_query(body, now=now)
        pointer = error.pointer if error is not None else None
    return json.dumps({"status": status, "body": response, "pointer": pointer})


CONVERTER_FAILED = (
    "the converter failed on this request ({kind}); please report it with the request."
)


def migrate(text, today_iso):
    """A v1 request as ``{queries, notes}``, or ``{error}`` when it cannot be read: one line
    for the reader, never a traceback (the converter only raises ``MigrationError``; anything
    else is a bug in it, named by its kind)."""
    try:
        return json.dumps(convert(text, date.fromisoformat(today_iso)).as_json())
    except MigrationError as error:
        return json.dumps({"error": str(error)})
    except Exception as error:  # the page shows one line, whatever the failure
        return json.dumps({"error": CONVERTER_FAILED.format(kind=type(error).__name__)})
