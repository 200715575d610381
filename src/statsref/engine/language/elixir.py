"""Render values the way Elixir's ``inspect`` does, because the real API's messages embed it.

``["is", "visit:os_version", [123]]`` comes out as ``["is", "visit:os_version", [123]]`` and
``{"case_sensitive": False}`` as ``%{"case_sensitive" => false}``; order_by entries are tuples
such as ``{:events, :desc}`` (an atom for a metric, a string for a dimension).
"""

from __future__ import annotations

from typing import Any

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


class Atom(str):
    """A string that renders as an Elixir atom (``:desc``)."""


def inspect(value: Any) -> str:
    """The text ``inspect(value, charlists: :as_lists)`` gives for a decoded JSON value."""
    if isinstance(value, Atom):
        return f":{value}"
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, tuple):
        return "{" + ", ".join(inspect(item) for item in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(inspect(item) for item in value) + "]"
    if isinstance(value, dict):
        # Small Elixir maps iterate in key order, so inspect prints them sorted.
        pairs = sorted(value.items(), key=lambda kv: str(kv[0]))
        return "%{" + ", ".join(f"{inspect(k)} => {inspect(v)}" for k, v in pairs) + "}"
    return repr(value)


def _string(text: str) -> str:
    out = []
    for index, char in enumerate(text):
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == "#" and text[index + 1 : index + 2] == "{":
            out.append("\\#")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _float(number: float) -> str:
    text = repr(number)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    if "." not in mantissa:
        mantissa += ".0"
    return f"{mantissa}e{int(exponent)}"
