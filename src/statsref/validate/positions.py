"""JSON text read with the place of every value in it, so that a problem at a JSON pointer can
be shown at its line and column (editors, GitHub annotations).

The standard library decides what is JSON and what each value is: ``json.loads`` reads the
text, and its errors name the line and column of a syntax error. A second pass over the same,
now known-good, text records where each value starts, stepping over keys and scalars with the
``json`` decoder's own ``raw_decode``. Python's reader also takes ``NaN`` and ``Infinity``,
which are not JSON: that pass refuses them with their position.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from statsref.corpus.load import pointer

_SPACE = re.compile(r"[ \t\n\r]*")
_NOT_JSON = re.compile(r"-?(?:NaN|Infinity)")
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class Located:
    """A parsed JSON document and where each of its values starts in the text."""

    value: Any
    text: str
    starts: dict[str, int]
    """The offset of the first character of each value, by JSON pointer (``#/results/0``)."""

    def position(self, at: str) -> tuple[int, int]:
        """``(line, column)``, both counted from 1, of the value at the pointer ``at``, or of
        its nearest enclosing value in the text (a missing key: the object that lacks it)."""
        while at not in self.starts and "/" in at:
            at = at.rsplit("/", 1)[0]
        offset = self.starts.get(at, 0)
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.text.count("\n", 0, offset) + 1, offset - line_start + 1


def read_located(text: str) -> Located:
    """The document in ``text`` with the places of its values; ``json.JSONDecodeError`` (with
    line and column) when it is not JSON, ``RecursionError`` when it nests too deep to read."""
    value = json.loads(text)
    starts: dict[str, int] = {}
    _walk(text, _skip(text, 0), (), starts)
    return Located(value, text, starts)


def _skip(text: str, index: int) -> int:
    match = _SPACE.match(text, index)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _walk(text: str, index: int, path: tuple[Any, ...], starts: dict[str, int]) -> int:
    """Record where the value at ``index`` starts, and the values inside it; return the offset
    just past it."""
    starts[pointer(*path)] = index
    if text[index] in "{[":
        return _container(text, index, path, starts)
    if constant := _NOT_JSON.match(text, index):
        raise json.JSONDecodeError(f"{constant.group()} is not a JSON value", text, index)
    return _DECODER.raw_decode(text, index)[1]


def _container(text: str, index: int, path: tuple[Any, ...], starts: dict[str, int]) -> int:
    """An object or an array starting at ``index``: its members' places, then its end."""
    close = "}" if text[index] == "{" else "]"
    index = _skip(text, index + 1)
    position = 0
    while text[index] != close:
        key: Any = position
        if close == "}":
            key, index = _DECODER.raw_decode(text, index)
            index = _skip(text, _skip(text, index) + 1)  # past the colon
        index = _skip(text, _walk(text, index, (*path, key), starts))
        position += 1
        if text[index] == ",":
            index = _skip(text, index + 1)
    return index + 1
