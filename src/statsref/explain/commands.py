"""``statsref explain FILE``: print the query in words, the sentences the docs show under it.

``FILE`` is a query JSON file, or ``-`` for standard input; ``--now`` is the clock relative date
ranges count from (default: the current time). Exit codes: 0 for a valid query, 1 when the
words say what the query still lacks or why the API rejects it, 2 when the input cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from statsref.client import ClientError, read_query
from statsref.engine import explain


def explain_command(args: argparse.Namespace) -> int:
    try:
        now = _now(args.now)
        body = read_query(args.file)
    except ClientError as exc:
        print(f"statsref explain: {exc}", file=sys.stderr)
        return 2
    words = explain(body, now=now)
    print(words.text)
    return 0 if words.valid else 1


def _now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ClientError(f"--now {value} is not an ISO 8601 date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
