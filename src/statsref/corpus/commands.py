"""``statsref examples check`` and ``statsref examples update``.

``check`` never writes. It loads every example, runs the structural checks, re-runs each
query on the engine under the example's pinned clock when the engine is available, and with
``--endpoint`` also sends each query to a live endpoint as a contract test. Every failure is
one line ``<file>: <JSON pointer>: <message>``; each example then gets a result line.

A live answer that fails the response schema only where it marks a field ``x-since`` (added
to the API later) comes from an older API version: that is a warning, printed as
``warning: <file>: ...``, unless ``--strict`` makes it a failure.

``update`` rewrites every ``response.json`` from the engine and prints what changed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from statsref.engine import Dataset, SiteSet, SitesFileError, read_sites_file, run_query

from .compare import first_difference
from .crosscheck import check_example, response_schema_problems
from .load import (
    META_FILE,
    RESPONSE_FILE,
    CorpusError,
    Example,
    Problem,
    load_examples,
    order_problems,
    read_json,
)

Runner = Callable[[Example], tuple[int, Any]]


class EngineRunner:
    """Runs examples on the engine, building one dataset per distinct pinned clock.

    A corpus that shares one clock costs one build; ``build_seconds`` is reported in the
    summary because the build dominates the check's time.
    """

    def __init__(self, sites: SiteSet | None = None) -> None:
        self.datasets: dict[datetime, Dataset] = {}
        self.build_seconds = 0.0
        self.sites = sites

    def __call__(self, example: Example) -> tuple[int, Any]:
        now = example.meta.now
        if now not in self.datasets:
            started = time.perf_counter()
            self.datasets[now] = Dataset.build(now=now, sites=self.sites)
            self.build_seconds += time.perf_counter() - started
        return run_query(example.query, dataset=self.datasets[now], now=now)


def load_engine(sites: SiteSet | None = None) -> Runner | None:
    """The runner for the engine; ``None`` checks structure only (the tests' seam for a
    fake or absent engine)."""
    return EngineRunner(sites)


def _load_all(
    root: Path, *, with_response: bool, sites: SiteSet | None
) -> tuple[list[Example], dict[str, list[Problem]]]:
    """Examples sorted by ``order``, and the problems of each folder keyed by slug."""
    examples, problems = load_examples(root, with_response=with_response, sites=sites)
    for problem in order_problems(examples):
        problems[Path(problem.file).parent.name].append(problem)
    return examples, problems


def _engine_problems(example: Example, run: Runner) -> list[Problem]:
    try:
        status, body = run(example)
    except Exception as exc:  # the engine promises never to raise; report it if it does
        message = f"the engine raised {type(exc).__name__}: {exc}"
        return [Problem(example.path(RESPONSE_FILE), "#", message)]
    problems = _status_problems(example, status)
    difference = first_difference(example.response, body)
    if difference is not None:
        problems.append(Problem(example.path(RESPONSE_FILE), *difference))
    return problems


def _endpoint_problems(
    example: Example, http: Any, url: str, *, strict: bool
) -> tuple[list[Problem], list[Problem]]:
    """The live endpoint's answer checked against the response schema and the status only:
    ``(failures, warnings)``."""
    from statsref.client import ClientError, post_query

    file = example.path(RESPONSE_FILE)
    try:
        status, body = post_query(http, url, example.query)
    except ClientError as exc:
        return [Problem(file, "#", str(exc))], []
    problems = []
    if status != example.meta.status:
        message = f"{url} answered status {status}, the example expects {example.meta.status}"
        problems.append(Problem(file, "#", message))
    failures, warnings = response_schema_problems(body, f"{file} (live)", strict=strict)
    return problems + failures, warnings


def _endpoint_client(args: argparse.Namespace) -> tuple[Any, str] | None:
    """``statsref query``'s HTTP client and URL for ``--endpoint``, or ``None`` after saying
    why not."""
    from statsref.client import ClientError, contract_client

    try:
        return contract_client(args.endpoint, args.key)
    except ClientError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def check(args: argparse.Namespace) -> int:
    """Check every example; exit code 1 if any fails, 2 if the corpus cannot be read."""
    started = time.perf_counter()
    root = Path(args.root)
    try:
        sites = read_sites_file(args.sites) if args.sites else None
        examples, problems = _load_all(root, with_response=True, sites=sites)
    except (CorpusError, SitesFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    live = _endpoint_client(args) if args.endpoint else None
    if args.endpoint and live is None:
        return 2
    run = load_engine(sites)
    warnings: dict[str, list[Problem]] = defaultdict(list)
    for example in examples:
        problems[example.slug] += check_example(example, sites)
        if run is not None:
            problems[example.slug] += _engine_problems(example, run)
        if live is not None:
            failures, older = _endpoint_problems(example, *live, strict=args.strict)
            problems[example.slug] += failures
            warnings[example.slug] += older
    if live is not None:
        live[0].close()
    failed = _report(examples, problems, warnings)
    endpoint = args.endpoint
    if endpoint and any(warnings.values()):
        endpoint += f", {sum(map(len, warnings.values()))} warnings"
    _summary(len(problems), failed, examples, run, endpoint, started)
    return 1 if failed else 0


def _report(
    examples: list[Example],
    problems: dict[str, list[Problem]],
    warnings: dict[str, list[Problem]],
) -> int:
    """Print each example's problems and warnings then its result line; return the number
    that failed."""
    loaded = {example.slug for example in examples}
    order = [example.slug for example in examples] + sorted(problems.keys() - loaded)
    failed = 0
    for slug in order:
        for problem in problems[slug]:
            print(problem)
        for warning in warnings.get(slug, []):
            print(f"warning: {warning}")
        if problems[slug]:
            failed += 1
        print(f"{'FAIL' if problems[slug] else 'ok':<5} {slug}")
    return failed


def _summary(
    total: int,
    failed: int,
    examples: list[Example],
    engine: Runner | None,
    endpoint: str | None,
    started: float,
) -> None:
    invalid = sum(1 for example in examples if example.meta.status != 200)
    compared = "engine not available, structure only"
    if engine is not None:
        compared = "re-run on the engine"
        if isinstance(engine, EngineRunner):
            compared += f", dataset built in {engine.build_seconds:.2f} s"
    if endpoint:
        compared += f"; sent to {endpoint}"
    elapsed = time.perf_counter() - started
    print(
        f"{total} examples ({invalid} of them invalid queries): {total - failed} passed, "
        f"{failed} failed "
        f"({compared}) in {elapsed:.2f} s"
    )


def _render(body: Any) -> str:
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def _update_one(example: Example, run: Runner) -> list[Problem]:
    """Rewrite one response if the engine's differs; print what changed."""
    status, body = run(example)
    target = example.folder / RESPONSE_FILE
    shown_path = example.path(RESPONSE_FILE)
    stored, unreadable = read_json(target, shown_path)
    text = _render(body)
    if not unreadable and target.read_text(encoding="utf-8") == text:
        return _status_problems(example, status)
    if unreadable:
        change = unreadable[0].message
    else:
        where, message = first_difference(stored, body) or ("#", "formatting only")
        change = f"{where}: {message}"
    target.write_text(text, encoding="utf-8")
    print(f"updated {shown_path} ({change})")
    return _status_problems(example, status)


def _status_problems(example: Example, status: int) -> list[Problem]:
    if status == example.meta.status:
        return []
    message = f"the engine answers status {status}, the example expects {example.meta.status}"
    return [Problem(example.path(META_FILE), "#/status", message)]


def update(args: argparse.Namespace) -> int:
    """Regenerate every ``response.json``; exit code 1 on any problem, 2 without an engine."""
    started = time.perf_counter()
    try:
        sites = read_sites_file(args.sites) if args.sites else None
        examples, problems = _load_all(Path(args.root), with_response=False, sites=sites)
    except (CorpusError, SitesFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    run = load_engine(sites)
    if run is None:
        print("error: statsref.engine provides no run_query and Dataset yet", file=sys.stderr)
        return 2
    for example in examples:
        problems[example.slug] += _update_one(example, run)
    found = [problem for slug_problems in problems.values() for problem in slug_problems]
    for problem in found:
        print(problem)
    elapsed = time.perf_counter() - started
    print(f"{len(examples)} responses regenerated, {len(found)} problems, in {elapsed:.2f} s")
    return 1 if found else 0
