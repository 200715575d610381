"""v1 filter expressions to v2 filters, read as the v1 API's legacy filter parser reads them.

``filters=event:goal==Signup;visit:country!=FR`` is a list of filters that must all match
(``;``). Each is ``property==value`` or ``property!=value``; an unescaped ``|`` separates
alternatives and ``\\|`` is a literal pipe. A value with ``*`` is a wildcard: v1 matches the
whole value against it, ``*`` and ``**`` both standing for any run of characters (``/``
included since plausible/analytics#3634, December 2023). Goals are matched by display name,
``Visit /path`` for a pageview goal, wildcards included, exactly as v2 does.
"""

from __future__ import annotations

import re
from typing import Any

from ..language.vocabulary import TIME_DIMENSIONS, is_dimension
from .errors import MigrationError

_PIPE = re.compile(r"(?<!\\)\|")
_WILDCARD_PIECES = re.compile(r"(\*+|\\\|)")
_RE2_SPECIAL = frozenset("\\.+*?()|[]{}^$")


def convert_filters(expression: str, notes: list[str]) -> list[list[Any]]:
    """The v2 filters of a v1 ``filters`` parameter (a dropped filter leaves a note)."""
    if expression.lstrip().startswith("["):
        raise MigrationError(
            "filters given as JSON are not part of the v1 reference; v2 takes them as they are "
            "(see the filters reference)"
        )
    converted = []
    for text in expression.split(";"):
        if text.strip():
            converted += _convert(text.strip(), notes)
    return converted


def _convert(text: str, notes: list[str]) -> list[list[Any]]:
    """The filter ``text`` becomes (none when v1 ignores it)."""
    parts = [part.strip() for part in re.split("==|!=", text) if part]
    if len(parts) != 2:
        raise MigrationError(f"cannot read the filter {text}: expected property==value or !=value")
    key, raw = parts
    if not is_dimension(key) or key in TIME_DIMENSIONS:
        raise MigrationError(f"cannot read the filter {text}: {key} is not a property to filter on")
    negated = "!=" in text
    if key == "event:goal":
        return [_goal(raw, negated, notes)]
    wildcard = "*" in raw
    values = [raw] if wildcard else _values(raw)
    if key == "visit:country" and any(len(value.encode()) != 2 for value in values):
        notes.append(
            f"v1 ignores the filter {text}: country codes have two letters (visit:country_name "
            "takes names in v2). The query leaves it out too."
        )
        return []
    if wildcard:
        return [_wildcard(key, raw, negated, notes)]
    if negated and len(values) > 1:
        notes.append(
            f"v1 cannot exclude several values and answers {text} as if it were ==; the v2 "
            "filter excludes all of them, as intended."
        )
    return [["is_not" if negated else "is", key, values]]


def _values(raw: str) -> list[str]:
    """The alternatives of a value, each with its escaped pipes unescaped."""
    return [part.replace("\\|", "|") for part in _PIPE.split(raw)]


def _goal(raw: str, negated: bool, notes: list[str]) -> list[Any]:
    goals = ["is", "event:goal", _values(raw)]
    if not negated:
        return goals
    notes.append(
        "v1 does not support != on event:goal and answers it as ==. The v2 query keeps the "
        "visits without that goal (has_not_done), which is what != asks for."
    )
    return ["has_not_done", goals]


def _wildcard(key: str, raw: str, negated: bool, notes: list[str]) -> list[Any]:
    notes.append(
        "A wildcard becomes a matches filter with an anchored regular expression: * and ** "
        "both stand for any characters, / included, as in v1 today."
    )
    if _PIPE.search(raw):
        notes.append(
            f"In {raw}, v1's pattern anchors only the start of the first alternative and the "
            "end of the last; the v2 pattern anchors each alternative, as the v1 reference "
            "describes it."
        )
    return ["matches_not" if negated else "matches", key, [wildcard_pattern(raw)]]


def wildcard_pattern(raw: str) -> str:
    """The RE2 pattern matching a whole value against the v1 wildcard ``raw``."""
    alternatives = [_alternative(part) for part in _PIPE.split(raw)]
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"^{body}$"


def _alternative(text: str) -> str:
    out = []
    for piece in _WILDCARD_PIECES.split(text):
        if piece.startswith("*"):
            out.append(".*")
        elif piece == "\\|":
            out.append(piece)
        else:
            out.extend(f"\\{char}" if char in _RE2_SPECIAL else char for char in piece)
    return "".join(out)
