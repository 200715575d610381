"""The findings of ``statsref validate`` in its three formats.

``text`` is one line a problem, ``<file>:<line>:<column>: <JSON pointer>: <message>`` as
compilers print them (editors and terminals link them), ``warning:`` before the pointer of a
warning. ``github`` prints workflow commands, ``::error file=F,line=L,col=C::message``, which
GitHub Actions shows on the offending line of a pull request's diff. ``json`` prints one
document for other tools. Input that cannot be used at all is also said on stderr, always.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"
UNUSABLE = "unusable"
FORMATS = ("text", "json", "github")


@dataclass(frozen=True)
class Finding:
    """One problem, placed at the line and column of the offending value when known."""

    severity: str
    file: str
    message: str
    pointer: str | None = None
    line: int | None = None
    column: int | None = None

    def place(self) -> str:
        """``file:line:column``, or as much of it as is known."""
        parts = [self.file, *(str(n) for n in (self.line, self.column) if n is not None)]
        return ":".join(parts)

    def text(self) -> str:
        where = f"{self.pointer}: " if self.pointer else ""
        label = "warning: " if self.severity == WARNING else ""
        return f"{self.place()}: {label}{where}{self.message}"


@dataclass
class Summary:
    """What was checked, for the closing line and the JSON document."""

    pairs: list[tuple[str, str]] = field(default_factory=list)
    alone: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    ran_on: str | None = None
    seconds: float = 0.0


def _escape(text: str, *, in_property: bool = False) -> str:
    """A workflow command's escaping: ``%``, newlines, and in properties ``:`` and ``,``."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def github_line(finding: Finding) -> str:
    command = "warning" if finding.severity == WARNING else "error"
    properties = {"file": finding.file, "line": finding.line, "col": finding.column}
    given = ",".join(
        f"{name}={_escape(str(value), in_property=True)}"
        for name, value in properties.items()
        if value is not None
    )
    where = f"{finding.pointer}: " if finding.pointer else ""
    return f"::{command} {given}::{_escape(where + finding.message)}"


def closing_line(findings: list[Finding], summary: Summary) -> str:
    count = {s: sum(f.severity == s for f in findings) for s in (ERROR, WARNING, UNUSABLE)}
    checked = len(summary.pairs) * 2 + len(summary.alone)
    parts = [
        f"{checked} files checked ({len(summary.pairs)} pairs, {len(summary.alone)} alone)",
        f"{len(summary.skipped)} skipped" if summary.skipped else "",
        f"{count[UNUSABLE]} unusable" if count[UNUSABLE] else "",
    ]
    outcome = f"{count[ERROR]} errors, {count[WARNING]} warnings"
    ran = f", re-run on the {summary.ran_on}" if summary.ran_on else ""
    return f"{', '.join(filter(None, parts))}: {outcome}{ran} in {summary.seconds:.2f} s"


def print_report(findings: list[Finding], summary: Summary, fmt: str) -> None:
    """Everything on stdout in ``fmt``; unusable input on stderr as well."""
    for finding in findings:
        if finding.severity == UNUSABLE:
            print(f"error: {finding.text()}", file=sys.stderr)
    if fmt == "json":
        document = {
            "valid": not findings or all(f.severity == WARNING for f in findings),
            "findings": [asdict(finding) for finding in findings],
            **asdict(summary),
            "seconds": round(summary.seconds, 3),
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return
    for finding in findings:
        if fmt == "github":
            print(github_line(finding))
        elif finding.severity != UNUSABLE:
            print(finding.text())
    for skipped in summary.skipped:
        print(f"{skipped}: skipped: neither a Stats API query nor a response")
    print(closing_line(findings, summary))
