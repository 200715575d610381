"""Stable anchors for every documented name, and the cross-links between them.

An anchor is ``<kind>-<name>`` lower-cased with every run of other characters than ``a-z`` and
``0-9`` turned into ``-``: ``metric-visitors``, ``metric-bounce-rate``, ``dimension-event-goal``,
``operator-is-not``, ``date-range-7d``. Other tools (the playground's hover docs) can build
links with the same rule.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

_NON_WORD = re.compile(r"[^a-z0-9]+")
_BACKTICKED = re.compile(r"(?<![`\[])`([^`\n]+)`(?![`\]])")


def anchor(kind: str, name: str) -> str:
    return f"{kind}-{_NON_WORD.sub('-', name.lower()).strip('-')}"


@dataclass(frozen=True)
class Target:
    page: str
    """Source path of the page, relative to the docs folder (``reference/metrics.md``)."""
    anchor: str


@dataclass
class LinkIndex:
    """Which page and anchor documents each name; the first registration of a name wins."""

    targets: dict[str, Target] = field(default_factory=dict)
    patterns: list[tuple[re.Pattern[str], Target]] = field(default_factory=list)

    def add(self, name: str, page: str, kind: str) -> str:
        """Register ``name`` and return its anchor (computed even if the name was taken)."""
        target = Target(page, anchor(kind, name))
        self.targets.setdefault(name, target)
        return target.anchor

    def add_pattern(self, pattern: str, page: str, anchor: str) -> None:
        """Names matching ``pattern`` (``event:props:author``, ``14d``) link to ``anchor``."""
        self.patterns.append((re.compile(pattern), Target(page, anchor)))

    def target(self, name: str) -> Target | None:
        if name in self.targets:
            return self.targets[name]
        return next((t for p, t in self.patterns if p.search(name)), None)

    def href(self, name: str, from_page: str) -> str | None:
        """A link from ``from_page`` to where ``name`` is documented, or None if it is not."""
        target = self.target(name)
        if target is None:
            return None
        if target.page == from_page:
            return f"#{target.anchor}"
        rel = posixpath.relpath(target.page, posixpath.dirname(from_page) or ".")
        return f"{rel}#{target.anchor}"

    def link_names(self, markdown: str, from_page: str) -> str:
        """Turn each backticked known name in ``markdown`` into a link to its anchor.

        Fenced code blocks, code that is already a link (``[`x`](...)``) and double
        backticks are left alone.
        """

        def replace(match: re.Match[str]) -> str:
            href = self.href(match.group(1), from_page)
            return f"[{match.group(0)}]({href})" if href else match.group(0)

        lines, fence = [], ""
        for line in markdown.split("\n"):
            stripped = line.lstrip()
            if fence and stripped.startswith(fence):
                fence = ""
            elif not fence and stripped.startswith(("```", "~~~")):
                fence = stripped[:3]
            elif not fence:
                line = _BACKTICKED.sub(replace, line)
            lines.append(line)
        return "\n".join(lines)
