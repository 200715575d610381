"""``statsref validate PATH...``: check Stats API example files wherever they live.

Exit codes: 0 when everything is valid (warnings allowed), 1 when something is not, 2 when the
input is unusable (a path that names nothing, an unreadable file, a file that is not JSON, no
query or response at all) or an option is wrong.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime

from statsref.corpus.load import Problem, parse_now
from statsref.engine import SiteSet, SitesFileError, demo_sites, read_sites_file

from .checks import Found, file_problems, pair_check
from .files import QUERY, JsonFile, Unusable, find, pair, read
from .report import ERROR, UNUSABLE, WARNING, Finding, Summary, print_report
from .rerun import Answers, EndpointAnswers, EngineAnswers, rerun_problems


class OptionError(Exception):
    """An option that cannot be used: the message is printed, the exit code is 2."""


def _sites(args: argparse.Namespace) -> SiteSet:
    """The sites queries may name: ``--sites`` FILE's, else the demo sites."""
    if not args.sites:
        return demo_sites()
    try:
        return read_sites_file(args.sites)
    except SitesFileError as exc:
        raise OptionError(f"--sites: {exc}") from None


def _answers(args: argparse.Namespace, now: datetime | None, sites: SiteSet) -> Answers | None:
    """Who answers the queries again: the endpoint, the engine (``--run``, at ``now`` or the
    current time) or nobody."""
    if args.key and not args.endpoint:
        raise OptionError("--key is for --endpoint")
    if args.endpoint:
        from statsref.client import ClientError, contract_client

        try:
            return EndpointAnswers(*contract_client(args.endpoint, args.key))
        except ClientError as exc:
            raise OptionError(str(exc)) from None
    if args.run:
        return EngineAnswers(now or datetime.now(UTC), sites)
    return None


def _clock(value: str | None) -> datetime | None:
    if value is None:
        return None
    now = parse_now(value)
    if isinstance(now, str):
        raise OptionError(f"--now: {now}")
    return now


def _read_all(arguments: list[str]) -> tuple[list[JsonFile], list[Unusable]]:
    found, unusable = find(arguments)
    files = []
    for one in found:
        result = read(one)
        if isinstance(result, Unusable):
            unusable.append(result)
        else:
            files.append(result)
    return files, unusable


class Run:
    """One validation: the files, what is found in them, and where each problem sits."""

    def __init__(
        self, *, strict: bool, now: datetime | None, answers: Answers | None, sites: SiteSet
    ) -> None:
        self.strict = strict
        self.sites = sites
        self.now = now
        self.answers = answers
        self.findings: list[Finding] = []
        self.documents: dict[str, JsonFile] = {}

    def add(self, severity: str, problems: list[Problem]) -> None:
        for problem in problems:
            document = self.documents[problem.file].document
            line, column = document.position(problem.pointer)
            finding = Finding(
                severity, problem.file, problem.message, problem.pointer, line, column
            )
            self.findings.append(finding)

    def record(self, found: Found, query: JsonFile | None, response: JsonFile | None) -> None:
        errors, warnings = found
        if self.answers is not None and query is not None and not errors:
            errors = errors + rerun_problems(query, response, self.answers)
        self.add(ERROR, errors)
        self.add(WARNING, warnings)

    def check(self, files: list[JsonFile], summary: Summary) -> None:
        self.documents = {file.shown: file for file in files}
        checked = [file for file in files if file.kind or file.found.named]
        summary.skipped = [file.shown for file in files if file not in checked]
        pairs, alone = pair(checked)
        for each in pairs:
            summary.pairs.append((each.query.shown, each.response.shown))
            found = pair_check(each, strict=self.strict, now=self.now, sites=self.sites)
            self.record(found, each.query, each.response)
        for file in alone:
            summary.alone.append(file.shown)
            query = file if file.kind == QUERY else None
            self.record(file_problems(file, strict=self.strict), query, None)


def validate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        now = _clock(args.now)
        sites = _sites(args)
        answers = _answers(args, now, sites)
    except OptionError as exc:
        print(f"statsref validate: {exc}", file=sys.stderr)
        return 2
    files, unusable = _read_all(args.paths)
    if not unusable and not any(file.kind or file.found.named for file in files):
        unusable.append(Unusable(" ".join(args.paths), "no Stats API query or response found"))
    summary = Summary(ran_on=answers.by if answers else None)
    run = Run(strict=args.strict, now=now, answers=answers, sites=sites)
    try:
        run.check(files, summary)
    finally:
        if answers is not None:
            answers.close()
    findings = [Finding(UNUSABLE, u.file, u.message, None, u.line, u.column) for u in unusable]
    findings += sorted(run.findings, key=lambda f: (f.file, f.line or 0, f.column or 0))
    summary.seconds = time.perf_counter() - started
    print_report(findings, summary, args.format)
    if unusable:
        return 2
    return 1 if any(finding.severity == ERROR for finding in findings) else 0
