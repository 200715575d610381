"""Reading one table of a sites file: typed values, defaults, and errors that say where.

Every message names the file and the key path (``acme.toml: sites[0].goals[2].page: ...``);
an unknown key gets the closest known one as a suggestion. ``tomllib`` gives positions only
for syntax errors, so only those carry a line number.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date
from typing import Any, NoReturn


class SitesFileError(ValueError):
    """A sites file the mock cannot use. The message names the file and the key path."""


_TYPE_NAMES = {str: "a string", bool: "true or false", dict: "a table", list: "an array"}


def shown(value: Any) -> str:
    """A value of the file as a message quotes it, shortened."""
    if isinstance(value, bool):
        text = str(value).lower()
    else:
        text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


class At:
    """A table of the file (``values``) at ``path`` (``"sites[0]"``) of ``source``."""

    def __init__(self, values: dict[str, Any], path: str, source: str) -> None:
        self.values = values
        self.path = path
        self.source = source

    def where(self, key: str | int | None = None) -> str:
        if key is None:
            return self.path
        step = f"[{key}]" if isinstance(key, int) else f".{key}" if self.path else key
        return f"{self.path}{step}"

    def fail(self, key: str | int | None, message: str) -> NoReturn:
        where = self.where(key)
        raise SitesFileError(f"{self.source}: {where + ': ' if where else ''}{message}")

    def only(self, known: tuple[str, ...]) -> None:
        """Fail on the first key that is not ``known``, suggesting the closest known one."""
        for key in self.values:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
                self.fail(key, f"unknown key {key!r}; {hint}")

    def has(self, key: str) -> bool:
        return key in self.values

    def typed(self, key: str, kind: type, default: Any = None) -> Any:
        if key not in self.values:
            return default
        value = self.values[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            name = _TYPE_NAMES.get(kind, "a number" if kind in (int, float) else kind.__name__)
            self.fail(key, f"must be {name}, got {shown(value)}")
        return value

    def text(self, key: str, default: str | None = None) -> str | None:
        value = self.typed(key, str, default)
        if value is not None and not value.strip():
            self.fail(key, "must not be empty")
        return value

    def number(self, key: str, default: float, low: float, high: float) -> float:
        value = self.typed(key, float, default)
        if not low <= value <= high:
            self.fail(key, f"must be between {low:g} and {high:g}, got {value:g}")
        return value

    def strings(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        values = self.typed(key, list, list(default))
        for index, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(key, f"item {index} must be a string, got {shown(value)}")
        return tuple(values)

    def table(self, key: str) -> At | None:
        value = self.typed(key, dict)
        return None if value is None else At(value, self.where(key), self.source)

    def tables(self, key: str) -> Iterator[At]:
        """The tables of an array of tables (``[[sites.goals]]``), each with its index."""
        for index, value in enumerate(self.typed(key, list, [])):
            item = At({}, f"{self.where(key)}[{index}]", self.source)
            if not isinstance(value, dict):
                item.fail(None, f"must be a table, got {shown(value)}")
            item.values = value
            yield item


def day_ref(at: At, key: str, default: str) -> date | int:
    """A day: a date (TOML date or ``"YYYY-MM-DD"``) or ``"<N>d"``, N days before today."""
    value = at.values.get(key, default)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if value.endswith("d") and value[:-1].isdigit():
            return int(value[:-1])
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    at.fail(
        key,
        'must be a date such as 2025-06-01, or days before today such as "400d", '
        f"got {shown(value)}",
    )
