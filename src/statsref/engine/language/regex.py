"""Regex search in linear time, for ``matches`` filters.

The real API runs patterns on Hyperscan (standard fields) or RE2 (custom properties), neither of
which backtracks. Python's ``re`` does, so a short
pattern such as ``(.*)*x`` can take minutes on a 40-character page path: one request could
stall the mock server (or a playground tab). Patterns are therefore parsed with Python's
own parser and run as a Thompson NFA: every position of the text is visited once, with the
set of states the pattern can be in, so the cost is at most text length x pattern size.

Only a yes/no answer is needed (does the pattern match somewhere in the value?), so greedy
and lazy quantifiers behave alike and no capture positions are kept. The features RE2 lacks
(backreferences, lookaround, atomic groups, possessive quantifiers) are rejected by the
parser before a query runs; ``compile_search`` raises ``ValueError`` on them all the same.

Compiling is bounded too: every call names the most instructions it may emit (the query's
budget, see ``budget``) and stops with ``TooLarge`` as soon as it would need more, and a
repeat of something that compiles to nothing (``(?:){4294967294}``) is not unrolled at all.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

# Python's own regex parser (private modules, present with this layout since 3.11).
sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

Predicate = Callable[[str], bool]

CHAR, SPLIT, JUMP, ASSERT, MATCH = range(5)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)


class TooLarge(ValueError):
    """The pattern compiles to more instructions than the caller allows."""


def _is_word(char: str, ascii_only: bool) -> bool:
    if ascii_only:
        return char.isascii() and (char.isalnum() or char == "_")
    return char.isalnum() or char == "_"


def _category(name: object, ascii_only: bool) -> Predicate:
    tests: dict[object, Predicate] = {
        sre.CATEGORY_DIGIT: (lambda c: c.isascii() and c.isdigit())
        if ascii_only
        else str.isdecimal,
        sre.CATEGORY_SPACE: (lambda c: c in " \t\n\r\f\v") if ascii_only else str.isspace,
        sre.CATEGORY_WORD: lambda c: _is_word(c, ascii_only),
    }
    negated = {
        sre.CATEGORY_NOT_DIGIT: sre.CATEGORY_DIGIT,
        sre.CATEGORY_NOT_SPACE: sre.CATEGORY_SPACE,
        sre.CATEGORY_NOT_WORD: sre.CATEGORY_WORD,
    }
    if name in negated:
        test = tests[negated[name]]
        return lambda c: not test(c)
    if name in tests:
        return tests[name]
    raise ValueError(f"unsupported character category {name}")


def _folded(char: str, ignore_case: bool) -> set[str]:
    return {char, char.lower(), char.upper()} if ignore_case else {char}


def _in_range(low: int, high: int, ignore_case: bool) -> Predicate:
    def test(char: str) -> bool:
        return any(low <= ord(v) <= high for v in _folded(char, ignore_case))

    return test


def _emits(items: list) -> bool:
    """Whether parsed ``items`` compile to at least one instruction (``(?:)`` and ``a{0}``
    do not), found without compiling them."""
    for op, av in items:
        if op is sre.SUBPATTERN:
            if _emits(av[3]):
                return True
        elif op in _REPEATS:
            if av[1] > 0 and _emits(list(av[2])):
                return True
        else:
            return True
    return False


class _Compiler:
    """Parsed pattern -> instruction list: ``(kind, a, b)`` per instruction, at most
    ``limit`` of them."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.program: list[list] = []

    def emit(self, kind: int, a: object = None, b: object = None) -> int:
        if len(self.program) >= self.limit:
            raise TooLarge(f"pattern compiles to more than {self.limit} instructions")
        self.program.append([kind, a, b])
        return len(self.program) - 1

    def sequence(self, items: list, flags: int) -> None:
        for op, av in items:
            self.item(op, av, flags)

    def item(self, op: object, av: Any, flags: int) -> None:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN, sre.CATEGORY):
            self.emit(CHAR, self.predicate(op, av, flags))
        elif op is sre.BRANCH:
            self.branch(av[1], flags)
        elif op is sre.SUBPATTERN:
            _group, add, remove, body = av
            self.sequence(body, (flags | add) & ~remove)
        elif op in _REPEATS:
            low, high, body = av
            if _emits(list(body)):
                self.repeat(low, high, list(body), flags)
        elif op is sre.AT:
            self.emit(ASSERT, av, flags)
        else:
            raise ValueError(f"unsupported regex feature {op}")

    def branch(self, alternatives: list, flags: int) -> None:
        exits = []
        for alternative in alternatives[:-1]:
            split = self.emit(SPLIT)
            self.program[split][1] = split + 1
            self.sequence(alternative, flags)
            exits.append(self.emit(JUMP))
            self.program[split][2] = len(self.program)
        self.sequence(alternatives[-1], flags)
        for jump in exits:
            self.program[jump][1] = len(self.program)

    def repeat(self, low: int, high: int, body: list, flags: int) -> None:
        for _ in range(low):
            self.sequence(body, flags)
        if high is sre.MAXREPEAT:
            loop = self.emit(SPLIT)
            self.program[loop][1] = loop + 1
            self.sequence(body, flags)
            self.emit(JUMP, loop)
            self.program[loop][2] = len(self.program)
            return
        splits = []
        for _ in range(high - low):
            split = self.emit(SPLIT)
            self.program[split][1] = split + 1
            splits.append(split)
            self.sequence(body, flags)
        for split in splits:
            self.program[split][2] = len(self.program)

    def predicate(self, op: object, av: Any, flags: int) -> Predicate:
        ignore_case = bool(flags & re.IGNORECASE)
        ascii_only = bool(flags & re.ASCII)
        if op is sre.LITERAL:
            chars = _folded(chr(av), ignore_case)
            return chars.__contains__
        if op is sre.NOT_LITERAL:
            chars = _folded(chr(av), ignore_case)
            return lambda c: c not in chars
        if op is sre.ANY:
            return (lambda c: True) if flags & re.DOTALL else (lambda c: c != "\n")
        if op is sre.CATEGORY:
            return _category(av, ascii_only)
        return self.char_class(av, ignore_case, ascii_only)

    def char_class(self, items: list, ignore_case: bool, ascii_only: bool) -> Predicate:
        negate = False
        tests: list[Predicate] = []
        for op, av in items:
            if op is sre.NEGATE:
                negate = True
            elif op is sre.LITERAL:
                tests.append(_folded(chr(av), ignore_case).__contains__)
            elif op is sre.RANGE:
                tests.append(_in_range(av[0], av[1], ignore_case))
            elif op is sre.CATEGORY:
                tests.append(_category(av, ascii_only))
            else:
                raise ValueError(f"unsupported character class item {op}")

        def test(char: str) -> bool:
            return any(t(char) for t in tests) != negate

        return test


def _assertion(kind: object, flags: int, text: str, pos: int) -> bool:
    """A zero-width assertion (``^``, ``$``, ``\\A``, ``\\Z``, ``\\b``, ``\\B``) at ``pos``."""
    size = len(text)
    multiline = bool(flags & re.MULTILINE)
    if kind is sre.AT_BEGINNING:
        return pos == 0 or (multiline and text[pos - 1] == "\n")
    if kind is sre.AT_BEGINNING_STRING:
        return pos == 0
    if kind is sre.AT_END:
        if multiline:
            return pos == size or text[pos] == "\n"
        return pos == size or (pos == size - 1 and text[pos] == "\n")
    if kind is sre.AT_END_STRING:
        return pos == size
    if kind in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
        ascii_only = bool(flags & re.ASCII)
        before = pos > 0 and _is_word(text[pos - 1], ascii_only)
        after = pos < size and _is_word(text[pos], ascii_only)
        return (before != after) == (kind is sre.AT_BOUNDARY)
    raise ValueError(f"unsupported anchor {kind}")


class Search:
    """A compiled pattern; ``search(text)`` is True when it matches anywhere in ``text``."""

    def __init__(self, program: list[list]) -> None:
        self.program = program

    def _closure(self, start: int, text: str, pos: int, seen: set[int], out: list[int]) -> None:
        """Follow jumps, splits and passing assertions from ``start``; collect the character
        and match instructions reached (each once per position)."""
        program = self.program
        stack = [start]
        while stack:
            pc = stack.pop()
            if pc in seen:
                continue
            seen.add(pc)
            kind, a, b = program[pc]
            if kind == JUMP:
                stack.append(a)
            elif kind == SPLIT:
                stack.append(b)
                stack.append(a)
            elif kind == ASSERT:
                if _assertion(a, b, text, pos):
                    stack.append(pc + 1)
            else:
                out.append(pc)

    def search(self, text: str) -> bool:
        program = self.program
        seen: set[int] = set()
        states: list[int] = []
        self._closure(0, text, 0, seen, states)
        for pos, char in enumerate(text):
            if any(program[pc][0] == MATCH for pc in states):
                return True
            seen, following = set(), list[int]()
            for pc in states:
                kind, test, _ = program[pc]
                if kind == CHAR and test(char):
                    self._closure(pc + 1, text, pos + 1, seen, following)
            self._closure(0, text, pos + 1, seen, following)
            states = following
        return any(program[pc][0] == MATCH for pc in states)


def _compile(pattern: str, limit: int) -> list[list]:
    parsed = sre_parse.parse(pattern)
    compiler = _Compiler(limit)
    compiler.sequence(list(parsed), parsed.state.flags)
    compiler.emit(MATCH)
    return compiler.program


def program_size(pattern: str, limit: int) -> int:
    """The instructions a Python-syntax pattern compiles to: its number of NFA states, which
    bounds the work per character searched. ``TooLarge`` once it would pass ``limit``."""
    return len(_compile(pattern, limit))


@lru_cache(maxsize=64)
def compile_search(pattern: str, limit: int) -> Search:
    """The linear-time search for a Python-syntax pattern of at most ``limit`` instructions
    (``TooLarge`` past it, ``ValueError`` if unsupported)."""
    return Search(_compile(pattern, limit))
