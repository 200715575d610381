"""JSON→URL (jsonurl.org), the notation of the dashboard's older filter form:
``filters=((is,exit_page,(/plausible.io)),(is,city,(993800)))&labels=(993800:Johannesburg)``.

``(a,b)`` is an array and ``(k:v,...)`` an object; ``'...'`` quotes a string that would
otherwise read as a number, a boolean, ``null`` or structure; other text is a string, a number,
``true``, ``false`` or ``null``. In a string ``+`` is a space and ``%XX`` an escaped byte
(UTF-8). Only what the dashboard's parser (``@jsonurl/jsonurl`` with its default options)
accepts is read: anything else raises ``JsonUrlError``.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

_STRUCTURE = "(),:"
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_WORDS: dict[str, Any] = {"true": True, "false": False, "null": None}


class JsonUrlError(ValueError):
    """Text that is not JSON→URL."""


def parse(text: str) -> Any:
    """The value ``text`` holds; the empty text is ``None``, as for the dashboard."""
    if text == "":
        return None
    value, end = _value(text, 0)
    if end != len(text):
        raise JsonUrlError(f"unexpected text after position {end}")
    return value


def _value(text: str, at: int) -> tuple[Any, int]:
    if at < len(text) and text[at] == "(":
        return _composite(text, at + 1)
    return _literal(text, at)


def _composite(text: str, at: int) -> tuple[Any, int]:
    if text.startswith(")", at):
        return {}, at + 1
    first, at = _value(text, at)
    if text.startswith(":", at):
        return _object(text, first, at + 1)
    items = [first]
    while text.startswith(",", at):
        item, at = _value(text, at + 1)
        items.append(item)
    return items, _close(text, at)


def _object(text: str, key: Any, at: int) -> tuple[dict[str, Any], int]:
    result: dict[str, Any] = {}
    while True:
        result[str(key)], at = _value(text, at)
        if not text.startswith(",", at):
            return result, _close(text, at)
        key, at = _literal(text, at + 1)
        if not text.startswith(":", at):
            raise JsonUrlError(f"expected ':' at position {at}")
        at += 1


def _close(text: str, at: int) -> int:
    if not text.startswith(")", at):
        raise JsonUrlError(f"expected ')' at position {at}")
    return at + 1


def _literal(text: str, at: int) -> tuple[Any, int]:
    if text.startswith("'", at):
        end = text.find("'", at + 1)
        if end < 0:
            raise JsonUrlError(f"unterminated quoted string at position {at}")
        return _decoded(text[at + 1 : end]), end + 1
    end = at
    while end < len(text) and text[end] not in _STRUCTURE:
        end += 1
    if end == at:
        raise JsonUrlError(f"expected a value at position {at}")
    raw = text[at:end]
    if raw in _WORDS:
        return _WORDS[raw], end
    if _NUMBER.fullmatch(raw):
        return json.loads(raw), end
    return _decoded(raw), end


def _decoded(raw: str) -> str:
    if _ESCAPE.search(raw):
        raise JsonUrlError(f"invalid percent-encoding in {raw!r}")
    try:
        return unquote(raw.replace("+", " "), errors="strict")
    except UnicodeDecodeError:
        raise JsonUrlError(f"invalid percent-encoding in {raw!r}") from None
