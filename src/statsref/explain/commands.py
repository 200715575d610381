"""``statsref explain FILE``: print the query in words, the sentences the docs show under it.

``FILE`` is a query JSON file, or ``-`` for standard input (several queries one after the
other, or an array of them, as ``statsref query`` reads them: each is explained in turn, a blank
line apart); ``--now`` is the clock relative date
ranges count from (default: the current time). Exit codes: 0 for a valid query, 1 when the
words say what the query still lacks or why the API rejects it, 2 when the input cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from statsref.client import ClientError, read_queries
from statsref.engine import explain


def explain_command(args: argparse.Namespace) -> int:
    try:
        now = _now(args.now)
        bodies = read_queries(args.file)
    except ClientError as exc:
        print(f"statsref explain: {exc}", file=sys.stderr)
        return 2
    said = [explain(body, now=now) for body in bodies]
    print("\n\n".join(words.text for words in said))
    return 0 if all(words.valid for words in said) else 1


def _now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ClientError(f"--now {value} is not an ISO 8601 date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
