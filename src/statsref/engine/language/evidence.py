"""Where each rule of the engine comes from: the real API's public source, or the mock itself.

A rule function carries its evidence (``cites`` or ``mock_own``); a test fails when a rule of
``semantics``, ``limits``, ``budget``, ``run.deadline`` or the parser's site and clause checks
has none, and the "How this reference is checked" page lists them all. A source is written
``owner/repo:path@commit``: the public file (code, test or documentation page) of the version
that was read, so a maintainer can open exactly what the rule was checked against; without
``@commit`` it is the file as currently published, and ``pull/N`` names a pull request.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

Rule = TypeVar("Rule", bound=Callable[..., Any])

_SOURCE = re.compile(r"(?P<repo>[\w.-]+/[\w.-]+):(?P<path>[^@\s]+)(?:@(?P<commit>[0-9a-f]{7,40}))?")


@dataclass(frozen=True)
class Source:
    """A public file of the real API (or its docs) at the version that was read."""

    repo: str
    path: str
    commit: str = ""

    @classmethod
    def parse(cls, text: str) -> Source:
        match = _SOURCE.fullmatch(text)
        if match is None:
            raise ValueError(f"a source is owner/repo:path[@commit], got {text!r}")
        return cls(match["repo"], match["path"], match["commit"] or "")

    @property
    def url(self) -> str:
        """The file at the commit that was read (or as published), or the pull request."""
        if self.path.startswith("pull/"):
            return f"https://github.com/{self.repo}/{self.path}"
        return f"https://github.com/{self.repo}/blob/{self.commit or 'HEAD'}/{self.path}"

    @property
    def label(self) -> str:
        """A short name for a link: the file's name, or the pull request's number."""
        if self.path.startswith("pull/"):
            return f"pull request #{self.path.removeprefix('pull/')}"
        return self.path.rsplit("/", 1)[-1]

    @property
    def is_test(self) -> bool:
        return self.path.startswith("test/")

    def __str__(self) -> str:
        return f"{self.repo}:{self.path}" + (f"@{self.commit}" if self.commit else "")


@dataclass(frozen=True)
class Evidence:
    """The sources a rule follows, or why the mock has a rule the API does not."""

    sources: tuple[Source, ...] = ()
    own: str = ""


def cites(*sources: str) -> Callable[[Rule], Rule]:
    """Mark a rule as the real API's, found in these sources (``owner/repo:path@commit``)."""
    evidence = Evidence(sources=tuple(Source.parse(text) for text in sources))
    return _marked(evidence)


def mock_own(why: str) -> Callable[[Rule], Rule]:
    """Mark a rule as the mock's own, one the real API does not have, saying why it exists."""
    return _marked(Evidence(own=why))


def _marked(evidence: Evidence) -> Callable[[Rule], Rule]:
    def mark(rule: Rule) -> Rule:
        rule.evidence = evidence  # type: ignore[attr-defined]
        return rule

    return mark


def evidence_of(rule: Callable[..., Any]) -> Evidence | None:
    """The evidence a rule was marked with, if any."""
    return getattr(rule, "evidence", None)
