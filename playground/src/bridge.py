"""Glue between the playground's Web Worker and ``statsref.engine``, run inside Pyodide.

Queries and answers cross the worker boundary as JSON text. The dataset has the engine's
default size, the one the examples' responses are computed with, so an unedited example gives
its documented response. One dataset is kept: the one for the clock of the last call (every
example shares one pinned clock).
"""

import json
from datetime import datetime

from statsref.engine import Dataset, run_query, validate_query

_dataset_cache = {}


def _dataset(now):
    if now not in _dataset_cache:
        _dataset_cache.clear()
        _dataset_cache[now] = Dataset.build(now)
    return _dataset_cache[now]


def _error(error):
    return {"message": error.message, "pointer": error.pointer, "status": error.status}


def lint(query_json, now_iso):
    """The engine's objection to the query, as the editor marks it, or ``null``."""
    error = validate_query(json.loads(query_json), now=datetime.fromisoformat(now_iso))
    return json.dumps(None if error is None else _error(error))


def warm(now_iso):
    _dataset(datetime.fromisoformat(now_iso))
    return "null"


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
