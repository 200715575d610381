"""The ``statsref`` command line: one parser, each subcommand handled by the module that owns it.

Handlers are imported lazily so ``statsref examples check`` does not pay for the server stack.
Every handler returns the process exit code; bad input is reported on stderr, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from statsref.defaults import DEFAULT_ENDPOINT, DEMO_KEY


def _handler(target: str):
    """``"module:function"`` resolved at call time."""

    def call(args: argparse.Namespace) -> int:
        module, func = target.split(":")
        return getattr(importlib.import_module(f"statsref.{module}"), func)(args)

    return call


def _add_examples(sub: argparse._SubParsersAction) -> None:
    examples = sub.add_parser("examples", help="check or regenerate the example corpus")
    ex_sub = examples.add_subparsers(dest="action", required=True)
    check = ex_sub.add_parser("check", help="validate every example; never writes")
    check.add_argument("--root", default="examples", help="corpus folder (default: examples)")
    check.add_argument("--endpoint", help="also run the queries on this live endpoint")
    check.add_argument("--key", help="API key for --endpoint (or STATSREF_API_KEY)")
    check.add_argument(
        "--strict",
        action="store_true",
        help="with --endpoint, fail answers that lack fields marked x-since (an older API)",
    )
    check.add_argument("--sites", help="a sites file: its sites replace the demo sites")
    check.set_defaults(func=_handler("corpus.commands:check"))
    update = ex_sub.add_parser("update", help="rewrite every response.json with the engine")
    update.add_argument("--root", default="examples", help="corpus folder (default: examples)")
    update.add_argument("--sites", help="a sites file: its sites replace the demo sites")
    update.set_defaults(func=_handler("corpus.commands:update"))


def _add_serve(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="serve the site and a mock /api/v2/query")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--site-dir", default="site", help="built docs to serve (default: site)")
    serve.add_argument("--sites", help="a sites file: its sites replace the demo sites")
    serve.add_argument(
        "--dataset-size",
        type=int,
        help="scale the traffic to about this many events, all sites together "
        "(default: as the sites say)",
    )
    serve.add_argument("--now", help="pin the clock (ISO 8601 datetime with offset)")
    serve.add_argument("--keys", help=f"comma-separated API keys (default: {DEMO_KEY})")
    serve.add_argument(
        "--rate-limit", type=int, default=600, help="requests per hour per key (0: no limit)"
    )
    serve.add_argument("--cors-origin", action="append", default=[], help="allowed CORS origin")
    serve.add_argument("--upstream", help="live instance for POST /api/proxy/v2/query")
    serve.set_defaults(func=_handler("server.commands:serve"))


def _add_query(sub: argparse._SubParsersAction) -> None:
    query = sub.add_parser("query", help="send a query to the mock or a live endpoint")
    query.add_argument("file", nargs="?", default="-", help="query JSON file (default: stdin)")
    query.add_argument("--endpoint", default=DEFAULT_ENDPOINT, help="base URL of the API")
    query.add_argument("--key", help="API key (or STATSREF_API_KEY; default: the demo key)")
    query.add_argument("--table", action="store_true", help="print results as a table")
    query.set_defaults(func=_handler("client:query_command"))


def _add_migrate(sub: argparse._SubParsersAction) -> None:
    migrate = sub.add_parser("migrate", help="convert a Stats API v1 request to v2 queries")
    migrate.add_argument(
        "request", nargs="?", default="-", help="a v1 URL or curl command (default: stdin)"
    )
    migrate.add_argument("--json", action="store_true", help='print {"queries", "notes"}')
    migrate.add_argument(
        "--today", help="the date (YYYY-MM-DD) periods count from where v2 has no shorthand"
    )
    migrate.set_defaults(func=_handler("migrate.commands:migrate_command"))


def _add_types(sub: argparse._SubParsersAction) -> None:
    types = sub.add_parser("types", help="print typed definitions of a query and its response")
    types.add_argument("--lang", choices=("ts", "python"), required=True, help="the language")
    types.set_defaults(func=_handler("typegen.commands:types_command"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="statsref", description="Stats API v2 reference: examples, mock server and client."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _add_examples(sub)
    _add_serve(sub)
    _add_query(sub)
    _add_migrate(sub)
    _add_types(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
