"""Glue between the playground's Web Worker and ``statsref.engine``, run inside Pyodide.

Queries and answers cross the worker boundary as JSON text. The dataset has the engine's
default size, the one the examples' responses are computed with, so an unedited example gives
its documented response. It is lazy: a query builds only the days of its site it reads, so a
first answer waits for a few days of one site, not for every site.

The sites are the demo sites, or those of the sites file a reader loaded on the Playground page:
every call then names the file (``sites``: the JSON of ``{name, text}``, ``None`` for the demo
sites), so a worker started afresh reads it again. Its time zones may need the full set
(``zones.py``). One dataset is kept: the one for the clock and the sites of the last call
(every example shares one pinned clock).
"""

import json
from datetime import datetime

import zones
from statsref.engine import (
    Dataset,
    QueryError,
    SitesFileError,
    explain_text,
    parse_query,
    parse_sites,
    rows_read,
    run_query,
    validate_query,
)
from statsref.engine.migrate import MigrationError, convert
from statsref.engine.suggestions import site_suggestions

_site_sets = {}
_dataset_cache = {}


def _site_set(sites):
    """The ``SiteSet`` of the sites file ``sites`` names, ``None`` for the demo sites; raises
    ``SitesFileError`` when the file is wrong."""
    if sites is None:
        return None
    if sites not in _site_sets:
        file = json.loads(sites)
        zones.ensure(file["text"])
        _site_sets.clear()
        _site_sets[sites] = parse_sites(file["text"], file["name"])
    return _site_sets[sites]


def _dataset(now, sites):
    if (now, sites) not in _dataset_cache:
        _dataset_cache.clear()
        _dataset_cache[now, sites] = Dataset.build(now, lazy=True, sites=_site_set(sites))
    return _dataset_cache[now, sites]


def _rows_read(query_json, now, sites):
    """What the query reads, or ``None`` when it is invalid (it then reads nothing)."""
    try:
        query = parse_query(json.loads(query_json), now=now, sites=_dataset(now, sites).sites)
        return rows_read(query)
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


def lint(query_json, now_iso, sites=None):
    """The engine's objection to the query, as the editor marks it, or ``null``."""
    now = datetime.fromisoformat(now_iso)
    error = validate_query(json.loads(query_json), now=now, sites=_dataset(now, sites).sites)
    return json.dumps(None if error is None else _error(error))


def explain(query_json, now_iso, sites=None):
    """``{text, valid}``: the query in words (the text may not be JSON yet)."""
    now = datetime.fromisoformat(now_iso)
    words = explain_text(query_json, now=now, sites=_dataset(now, sites).sites)
    return json.dumps({"text": words.text, "valid": words.valid})


def pending_site(query_json, now_iso, sites=None):
    """The site whose rows the query needs built first, else ``None``: the worker announces
    the build, then ``prepare`` does it."""
    now = datetime.fromisoformat(now_iso)
    rows = _rows_read(query_json, now, sites)
    return rows[0] if rows and _dataset(now, sites).needs_build(*rows) else None


def prepare(query_json, now_iso, sites=None):
    """Build the rows the query reads (``run`` would, before answering)."""
    now = datetime.fromisoformat(now_iso)
    rows = _rows_read(query_json, now, sites)
    if rows:
        _dataset(now, sites).ensure(*rows)


def run(query_json, now_iso, sites=None):
    """``{status, body, pointer, hint}``: the response, and for an error the validator found,
    where it points in the query (a 400's) and what to change."""
    now = datetime.fromisoformat(now_iso)
    body = json.loads(query_json)
    dataset = _dataset(now, sites)
    status, response = run_query(body, dataset=dataset, now=now)
    error = validate_query(body, now=now, sites=dataset.sites) if status != 200 else None
    same = error is not None and response.get("error") == error.message
    pointer = error.pointer if same and status == 400 else None
    hint = error.hint if same else None
    return json.dumps({"status": status, "body": response, "pointer": pointer, "hint": hint})


def load_sites(sites, now_iso, dimensions_json):
    """``{sites}``: what the editor offers for each site of the sites file ``sites`` at ``now``
    (``statsref.engine.suggestions``, with the filterable ``dimensions`` of the page's
    schema), or ``{error}``: the loader's message, naming the file and the key path."""
    now = datetime.fromisoformat(now_iso)
    try:
        dataset = _dataset(now, sites)
    except SitesFileError as error:
        return json.dumps({"error": str(error)})
    return json.dumps({"sites": site_suggestions(dataset, json.loads(dimensions_json))})


CONVERTER_FAILED = (
    "the converter failed on this request ({kind}); please report it with the request."
)


def migrate(text, now_iso, panel=None):
    """A v1 request or a dashboard URL (``panel``: one of its panels) as ``{queries, notes}``,
    or ``{error}`` when it cannot be read: one line for the reader, never a traceback (the
    converter only raises ``MigrationError``; anything else is a bug in it, named by its kind).
    Periods count from the day of ``now``."""
    now = datetime.fromisoformat(now_iso)
    try:
        return json.dumps(convert(text, now.date(), panel=panel or None, now=now).as_json())
    except MigrationError as error:
        return json.dumps({"error": str(error)})
    except Exception as error:  # the page shows one line, whatever the failure
        return json.dumps({"error": CONVERTER_FAILED.format(kind=type(error).__name__)})
