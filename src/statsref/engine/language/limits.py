"""Size bounds checked before anything else, so no request can make the parser work hard.

The real API relies on its web server's body limit; the mock states its own bounds plainly
instead. Every message names the offending part with a JSON pointer, like the schema stage.
Every value is checked too: text must be valid Unicode (a JSON ``"\\ud800"`` escape decodes
to a lone surrogate, which no UTF-8 encoder, SQLite's included, accepts) and integers must
fit in 64 bits (as SQLite's do; Python's own ``str()`` refuses ones over 4,300 digits).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .errors import QueryError
from .evidence import mock_own
from .vocabulary import BEHAVIORAL_OPERATORS, LOGICAL_OPERATORS

MAX_BODY_CHARS = 100_000
"""Characters of the body serialised as compact JSON."""
MAX_NESTING = 32
"""Depth of nested arrays and objects anywhere in the body."""
MAX_LIST_ITEMS = 1_000
"""Items in any one array (metrics, clauses, the children of ``and``/``or`` ...)."""
MAX_FILTER_DEPTH = 10
"""Filter operators (``and``, ``or``, ``not``, ``has_done``, ``has_not_done``) above a leaf."""
INTEGER_BITS = 64
"""Integers are signed 64-bit numbers."""

_WRAPPERS = (*LOGICAL_OPERATORS, *BEHAVIORAL_OPERATORS)


def check_limits(body: Any) -> None:
    """Raise ``QueryError`` when the body is too big, too deep or holds a too long list."""
    for rule in RULES:
        rule(body)


@mock_own(
    "The API relies on its web server's body limit; the mock states a size of its own so no "
    "request can make its parser work hard."
)
def _check_size(body: Any) -> None:
    size = len(json.dumps(body, separators=(",", ":"), ensure_ascii=False, default=str))
    if size > MAX_BODY_CHARS:
        raise QueryError(
            f"#: The query is {size} characters of JSON; the limit is {MAX_BODY_CHARS}.",
            pointer="",
            hint="Send a smaller query: fewer or shorter clauses, or several queries.",
        )


@mock_own(
    "Bounds filter nesting so that evaluating a filter tree stays cheap; the API sets no depth."
)
def _check_filter_depths(body: Any) -> None:
    if isinstance(body, dict) and isinstance(body.get("filters"), list):
        for index, item in enumerate(body["filters"]):
            _check_filter_depth(item, f"/filters/{index}", 0)


@mock_own(
    "Nesting, list lengths, valid Unicode and 64-bit integers: bounds on any JSON the mock "
    "reads, where the API relies on its web server and database."
)
def _check_shape(body: Any) -> None:
    """Walk the body without recursion (a deep body must not exhaust Python's stack)."""
    stack: list[tuple[Any, str, int]] = [(body, "", 0)]
    while stack:
        value, pointer, depth = stack.pop()
        if not isinstance(value, list | dict):
            _check_scalar(value, pointer)
            continue
        if depth >= MAX_NESTING:
            raise QueryError(
                f"#{pointer}: Nested more than {MAX_NESTING} levels deep.",
                pointer=pointer,
                hint=f"Nest lists and objects at most {MAX_NESTING} levels deep.",
            )
        if isinstance(value, list):
            if len(value) > MAX_LIST_ITEMS:
                raise QueryError(
                    f"#{pointer}: Expected a maximum of {MAX_LIST_ITEMS} items "
                    f"but got {len(value)}.",
                    pointer=pointer,
                    hint=f"Put at most {MAX_LIST_ITEMS} items in this list.",
                )
            stack.extend((item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(value))
        else:
            for key in value:
                _check_text(key, pointer, "A key")
            stack.extend(
                (item, f"{pointer}/{escape(str(key))}", depth + 1) for key, item in value.items()
            )


def _check_scalar(value: Any, pointer: str) -> None:
    if isinstance(value, str):
        _check_text(value, pointer, "The text")
    elif isinstance(value, int) and not isinstance(value, bool) and _too_wide(value):
        raise QueryError(
            f"#{pointer}: The integer has {value.bit_length()} bits; integers in a query "
            f"fit in {INTEGER_BITS} bits.",
            pointer=pointer,
            hint="Use a smaller number, or the value as text.",
        )


def _too_wide(number: int) -> bool:
    """Outside the signed 64-bit range (``~n`` maps a negative number onto its magnitude)."""
    return (number if number >= 0 else ~number).bit_length() >= INTEGER_BITS


def _check_text(text: Any, pointer: str, what: str) -> None:
    """Text the API could decode: no lone surrogate (the pointer leads to the text holding
    it, or to the object whose key does, so the message itself stays valid Unicode)."""
    if not isinstance(text, str) or text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(text[error.start])
        raise QueryError(
            f"#{pointer}: {what} holds a lone surrogate (\\u{code:04x} at character "
            f"{error.start}), which is not Unicode: send text as UTF-8, or escape a character "
            "outside the Basic Multilingual Plane as a surrogate pair.",
            pointer=pointer,
            hint="Remove the lone `\\u` escape, or complete its surrogate pair.",
        ) from None


def _check_filter_depth(node: Any, pointer: str, depth: int) -> None:
    if not (isinstance(node, list) and len(node) == 2 and node[0] in _WRAPPERS):
        return
    if depth + 1 > MAX_FILTER_DEPTH:
        raise QueryError(
            f"#{pointer}: Filters are nested more than {MAX_FILTER_DEPTH} levels deep.",
            pointer=pointer,
            hint=f"Nest `and`, `or`, `not`, `has_done` and `has_not_done` at most "
            f"{MAX_FILTER_DEPTH} deep: an `and` inside an `and` can be one list.",
        )
    children = node[1]
    if node[0] in ("and", "or") and isinstance(children, list):
        for index, child in enumerate(children):
            _check_filter_depth(child, f"{pointer}/1/{index}", depth + 1)
    else:
        _check_filter_depth(children, f"{pointer}/1", depth + 1)


RULES: tuple[Callable[[Any], None], ...] = (_check_shape, _check_size, _check_filter_depths)
"""The checks, in the order they run (first failure wins)."""


def escape(key: str) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return key.replace("~", "~0").replace("/", "~1")
