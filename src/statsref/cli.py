"""The ``statsref`` command line: one parser, each subcommand handled by the module that owns it.

Handlers are imported lazily so ``statsref examples check`` does not pay for the server stack.
Every handler returns the process exit code; bad input is reported on stderr, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from statsref.defaults import DEFAULT_ENDPOINT, DEMO_KEY, QUERIES_PER_CLIENT
from statsref.validate.report import FORMATS


def _handler(target: str):
    """``"module:function"`` resolved at call time. The site build's commands need the
    ``docs`` extra: without it, a message says how to install it (exit 2)."""

    def call(args: argparse.Namespace) -> int:
        module, func = target.split(":")
        try:
            handler = getattr(importlib.import_module(f"statsref.{module}"), func)
        except ModuleNotFoundError as exc:
            if not module.startswith("docsgen."):
                raise
            print(
                f"statsref: building the site needs {exc.name}: pip install 'statsref[docs]'",
                file=sys.stderr,
            )
            return 2
        return handler(args)

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


def _add_validate(sub: argparse._SubParsersAction) -> None:
    validate = sub.add_parser(
        "validate",
        help="check Stats API query and response JSON files (any repository's examples)",
        description="Check query and response files: found in files, folders and globs, "
        "recognised by content, paired by name (<stem>-query.json with <stem>-response.json, "
        "query.json with response.json). Exit 0: valid, 1: not valid, 2: unusable input.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder or a glob")
    validate.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), json or github"
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="fail responses that lack fields marked x-since (an older API) instead of warning",
    )
    validate.add_argument(
        "--run", action="store_true", help="re-run each query on the engine and compare"
    )
    validate.add_argument(
        "--now",
        help="pin the clock (ISO 8601 datetime with offset): relative date ranges resolve at it "
        "in the checks and with --run (default for --run: the current time)",
    )
    validate.add_argument("--sites", help="a sites file: its sites replace the demo sites")
    validate.add_argument("--endpoint", help="re-run each query on this live API instead")
    validate.add_argument("--key", help="API key for --endpoint (or STATSREF_API_KEY)")
    validate.set_defaults(func=_handler("validate.commands:validate"))


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
    serve.add_argument(
        "--lazy-dataset",
        action="store_true",
        help="build a site's days when a query first reads them, not all at start",
    )
    serve.add_argument("--keys", help=f"comma-separated API keys (default: {DEMO_KEY})")
    serve.add_argument(
        "--rate-limit", type=int, default=600, help="requests per hour per key (0: no limit)"
    )
    serve.add_argument(
        "--queries-per-client",
        type=int,
        default=QUERIES_PER_CLIENT,
        help="queries one client may have in flight at once (0: no limit)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes serving the port, each with its own lazy dataset (default: 1)",
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
    migrate = sub.add_parser(
        "migrate", help="convert a Stats API v1 request or a dashboard URL to v2 queries"
    )
    migrate.add_argument(
        "request",
        nargs="?",
        default="-",
        help="a v1 URL or curl command, or a dashboard URL (default: stdin)",
    )
    migrate.add_argument(
        "--panel", help="a dashboard URL's panel (sources, pages, props:<name>...), not its top row"
    )
    migrate.add_argument("--json", action="store_true", help='print {"queries", "notes"}')
    migrate.add_argument(
        "--today", help="the date (YYYY-MM-DD) periods count from where v2 has no shorthand"
    )
    migrate.set_defaults(func=_handler("migrate.commands:migrate_command"))


def _add_explain(sub: argparse._SubParsersAction) -> None:
    explain = sub.add_parser("explain", help="print what a query asks, in plain English")
    explain.add_argument("file", help="query JSON file, or - for stdin")
    explain.add_argument(
        "--now", help="the clock relative date ranges count from (ISO 8601; default: now)"
    )
    explain.set_defaults(func=_handler("explain.commands:explain_command"))


def _add_types(sub: argparse._SubParsersAction) -> None:
    types = sub.add_parser("types", help="print typed definitions of a query and its response")
    types.add_argument("--lang", choices=("ts", "python"), required=True, help="the language")
    types.set_defaults(func=_handler("typegen.commands:types_command"))


def _add_docs(sub: argparse._SubParsersAction) -> None:
    docs = sub.add_parser("docs", help="build the documentation site")
    docs_sub = docs.add_subparsers(dest="action", required=True)
    root = {"default": ".", "help": "the project: mkdocs.yml, docs/, schema/... (default: .)"}
    generate = docs_sub.add_parser(
        "generate", help="write build/docs/ and build/nav.yml, the site generator's sources"
    )
    generate.add_argument("--root", **root)
    generate.set_defaults(func=_handler("docsgen.commands:generate_command"))
    finish = docs_sub.add_parser(
        "finish", help="label table cells, add search entries, compress a built site"
    )
    finish.add_argument("site_dir", nargs="?", default="site", help="the site (default: site)")
    finish.set_defaults(func=_handler("docsgen.commands:finish_command"))
    build = docs_sub.add_parser("build", help="generate, run the site generator, finish")
    build.add_argument("--root", **root)
    build.add_argument("--generator", choices=("mkdocs", "zensical"), default="mkdocs")
    build.add_argument("--site-dir", help="where MkDocs writes the site (default: site)")
    build.set_defaults(func=_handler("docsgen.commands:build_command"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="statsref", description="Stats API v2 reference: examples, mock server and client."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _add_examples(sub)
    _add_validate(sub)
    _add_serve(sub)
    _add_query(sub)
    _add_migrate(sub)
    _add_explain(sub)
    _add_types(sub)
    _add_docs(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
