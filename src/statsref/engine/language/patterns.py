"""Regular expressions in ``matches`` filters: RE2 syntax, checked up front.

The real API hands patterns to ClickHouse: standard fields go through ``multiMatchAny``
(Hyperscan: PCRE syntax without backreferences, lookaround, atomic groups or possessive
quantifiers), custom properties through ``match`` (RE2). The mock checks every pattern against
RE2, the stricter of the two: no backreferences, no lookaround, no possessive quantifiers or
atomic groups, no conditionals or recursion, and ``\\z`` rather than ``\\Z``. The mock runs
patterns with Python's ``re``, so it also translates the two RE2 spellings Python lacks
(``\\z`` and ``(?<name>...)``) before compiling.
"""

from __future__ import annotations

import re
import warnings

_GROUP_FEATURES = (
    ("(?=", "a lookahead (?=...)"),
    ("(?!", "a negative lookahead (?!...)"),
    ("(?<=", "a lookbehind (?<=...)"),
    ("(?<!", "a negative lookbehind (?<!...)"),
    ("(?>", "an atomic group (?>...)"),
    ("(?P=", "a named backreference (?P=name)"),
    ("(?(", "a conditional group (?(...)...)"),
    ("(?#", "a comment group (?#...)"),
    ("(?R", "recursion (?R)"),
)
_ESCAPE_FEATURES = {
    "g": "a backreference \\g<...>",
    "k": "a named backreference \\k<...>",
    "Z": "\\Z (RE2 writes end of text as \\z)",
    "G": "the \\G anchor",
    "X": "the \\X grapheme escape",
    "R": "the \\R line-break escape",
}
_COUNTED = re.compile(r"\{\d+(?:,\d*)?\}")
_RECURSION = re.compile(r"\(\?[+-]?\d")


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not a usable RE2 expression, or ``None`` when it is."""
    unsupported = _unsupported_feature(pattern)
    if unsupported:
        return f"The pattern {_quote(pattern)} uses {unsupported}, which RE2 does not support."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(to_python(pattern))
    except re.error as error:
        return f"The pattern {_quote(pattern)} is not a valid regular expression: {error}."
    except (RecursionError, OverflowError):
        return f"The pattern {_quote(pattern)} is too complex."
    return None


def to_python(pattern: str) -> str:
    """The RE2 ``pattern`` in Python ``re`` syntax (valid patterns only)."""
    out, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and pattern[index + 1 : index + 2] == "z":
            out.append("\\Z")
            index += 2
        elif char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
        elif pattern.startswith("(?<", index) and pattern[index + 3 : index + 4] not in ("=", "!"):
            out.append("(?P<")
            index += 3
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _unsupported_feature(pattern: str) -> str | None:
    """Scan ``pattern`` token by token (escapes and character classes skipped whole)."""
    index, after_quantifier = 0, False
    while index < len(pattern):
        char, quantifier = pattern[index], False
        if char == "\\":
            found = _escape_feature(pattern[index + 1 : index + 2])
            if found:
                return found
            index += 2
        elif char == "[":
            index = _class_end(pattern, index)
        elif char == "(":
            found = _group_feature(pattern, index)
            if found:
                return found
            index += 1
        elif char == "+" and after_quantifier:
            return "a possessive quantifier (such as a++)"
        elif char in "*+?" or (char == "{" and _COUNTED.match(pattern, index)):
            counted = _COUNTED.match(pattern, index)
            index = counted.end() if char == "{" and counted else index + 1
            quantifier = not (char == "?" and after_quantifier)  # x*? is lazy, not a new quantifier
        else:
            index += 1
        after_quantifier = quantifier
    return None


def _escape_feature(letter: str) -> str | None:
    if letter.isdigit() and letter != "0":
        return f"a backreference \\{letter}"
    return _ESCAPE_FEATURES.get(letter)


def _group_feature(pattern: str, index: int) -> str | None:
    found = next(
        (name for start, name in _GROUP_FEATURES if pattern.startswith(start, index)), None
    )
    if found is None and _RECURSION.match(pattern, index):
        return "recursion (?N)"
    return found


def _class_end(pattern: str, index: int) -> int:
    """The index just past the character class opening at ``index``."""
    index += 1
    if pattern[index : index + 1] == "^":
        index += 1
    if pattern[index : index + 1] == "]":
        index += 1
    while index < len(pattern) and pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return index + 1


def _quote(pattern: str) -> str:
    return '"' + pattern.replace("\\", "\\\\").replace('"', '\\"') + '"'
