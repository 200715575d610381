"""``statsref migrate``: a Stats API v1 request (URL or curl command), or a dashboard URL, to
v2 queries.

Prints each v2 query body as JSON on stdout and the notes on stderr, or with ``--json`` one
object ``{"queries": [...], "notes": [...]}`` on stdout. ``--panel NAME`` asks for one
dashboard panel's breakdown instead of the top row. Periods count from today (``--today``
names another day; a realtime view, which needs the time of day too, then has no query).
Exit codes: 0 when there is a query, 1 when there is none (v1's realtime), 2 when the input
cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime

from statsref.engine.migrate import MAX_REQUEST_CHARS, MigrationError, convert
from statsref.files import FileError, read_stream

STDIN_BYTES = 4 * MAX_REQUEST_CHARS
"""What is read of standard input: as many characters as the converter takes, in UTF-8."""


def migrate_command(args: argparse.Namespace) -> int:
    try:
        today = _today(args.today)
        now = None if args.today else datetime.now(UTC)
        text = _stdin() if args.request == "-" else args.request
        conversion = convert(text, today, panel=args.panel, now=now)
    except MigrationError as exc:
        print(f"statsref migrate: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(conversion.as_json(), indent=2, ensure_ascii=False))
    else:
        for query in conversion.queries:
            print(json.dumps(query, indent=2, ensure_ascii=False))
        for note in conversion.notes:
            print(f"note: {note}", file=sys.stderr)
    return 0 if conversion.queries else 1


def _stdin() -> str:
    try:
        return read_stream(sys.stdin.buffer, STDIN_BYTES)
    except FileError as exc:
        raise MigrationError(f"cannot read stdin: {exc}") from None


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise MigrationError(f"--today {value} is not a date (YYYY-MM-DD)") from None
