"""Filters read in English, for ``words``: ``["contains", "event:page", ["/blog"]]`` is "the
page contains /blog".

A leaf is "the <dimension> <operator> <values>", its values joined by "or" (a filter matches
when any clause does). Groups join their filters with "and" / "or", and say "either" or "both"
where the grouping would otherwise be lost; ``not`` turns the operator around where one exists
("is" and "is not"), and otherwise says "neither" or "not both". A behavioral filter reads
"the visit includes an event whose ...". Every word comes from the phrasebook.
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import phrasebook as book
from .site import Site
from .vocabulary import BEHAVIORAL_OPERATORS, PROPS_PREFIX

Filter = list[Any]
THE, WHOSE = "the", "whose"
"""How a leaf starts: at the top ("the page is /a"), or inside a behavioral filter ("an event
whose page is /a")."""
NEGATIONS = (("is", "is_not"), ("contains", "contains_not"), ("matches", "matches_not"))
BEHAVIORAL_NEGATION = tuple(BEHAVIORAL_OPERATORS)
"""``has_done`` and ``has_not_done``, each the other's negation."""
_PLAIN_VALUE = re.compile(r'[^\s,".;:!?]([^\s,"]*[^\s,".;:!?])?')
"""A value shown as it is: no space, comma or quote in it, no punctuation at either end."""


def join(items: list[str], word: str, *, serial: bool = False) -> str:
    """``a``, ``a <word> b``, ``a, b <word> c``; ``serial`` puts a comma before ``word`` too,
    where an item holds a group of its own ("either a or b, and c")."""
    if len(items) < 2:
        return "".join(items)
    last = f"{',' if serial else ''} {word} {items[-1]}"
    return ", ".join(items[:-1]) + last


def value(item: Any) -> str:
    """A clause as the sentence shows it: quoted only when it would not read as one value."""
    text = str(item)
    return text if _PLAIN_VALUE.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def dimension(name: str) -> str:
    if name.startswith(PROPS_PREFIX):
        return book.CUSTOM_PROPERTY.format(name=name.removeprefix(PROPS_PREFIX))
    return book.DIMENSIONS[name]


def filters(items: list[Filter], site: Site | None) -> str:
    """The top-level list (an implicit "and")."""
    words = _Words(site)
    parts = [words.node(item, THE, wrap=len(items) > 1) for item in items]
    return join(parts, book.OPERATORS["and"], serial=any(map(_is_group, items)))


class _Words:
    """Reads filter nodes; knows the site, for the names of its segments."""

    def __init__(self, site: Site | None) -> None:
        self.site = site

    def node(self, node: Filter, lead: str, *, wrap: bool) -> str:
        """``wrap``: a group must show where it starts ("either", "both"), as it sits among
        other filters."""
        operator = node[0]
        if operator in ("and", "or"):
            return self.group(operator, node[1], lead, wrap=wrap)
        if operator == "not":
            return self.negated(node[1], lead)
        if operator in BEHAVIORAL_OPERATORS:
            return f"{book.OPERATORS[operator]} {self.node(node[1], WHOSE, wrap=False)}"
        if node[1] == "segment":
            return self.segment(node[2], negated=False)
        return self.leaf(node, lead, operator)

    def group(self, operator: str, children: list[Filter], lead: str, *, wrap: bool) -> str:
        if len(children) == 1:
            return self.node(children[0], lead, wrap=wrap)
        parts = [self.node(child, lead, wrap=True) for child in children]
        text = join(parts, book.OPERATORS[operator], serial=any(map(_is_group, children)))
        if not wrap:
            return text
        if operator == "or":
            return f"either {text}"
        return f"{'both' if len(parts) == 2 else 'all of'} {text}"

    def negated(self, node: Filter, lead: str) -> str:
        operator = node[0]
        if operator == "not":
            return self.node(node[1], lead, wrap=True)
        if operator in BEHAVIORAL_NEGATION:
            return self.node([_other(operator, [BEHAVIORAL_NEGATION]), node[1]], lead, wrap=True)
        if operator in ("and", "or"):
            return self.negated_group(operator, node[1], lead)
        if node[1] == "segment":
            return self.segment(node[2], negated=True)
        return self.leaf(node, lead, _other(operator, NEGATIONS))

    def negated_group(self, operator: str, children: list[Filter], lead: str) -> str:
        if len(children) == 1:
            return self.negated(children[0], lead)
        parts = [self.node(child, lead, wrap=True) for child in children]
        if operator == "or":
            return f"neither {join(parts, 'nor')}"
        both = "not both" if len(parts) == 2 else "not all of"
        return f"{both} {join(parts, book.OPERATORS['and'])}"

    def leaf(self, node: Filter, lead: str, operator: str) -> str:
        values = join([value(item) for item in node[2]], book.OPERATORS["or"])
        text = f"{lead} {dimension(node[1])} {book.OPERATORS[operator]} {values}"
        modifiers = node[3] if len(node) > 3 else {}
        return (
            f"{text} ({book.IGNORING_CASE})" if modifiers.get("case_sensitive") is False else text
        )

    def segment(self, ids: list[Any], *, negated: bool) -> str:
        named = [self.segment_name(segment_id) for segment_id in ids]
        noun = book.SEGMENT if len(ids) == 1 else f"{book.SEGMENT}s"
        where = "not in" if negated else "in"
        article = "one of the" if len(ids) > 1 else "the"
        return f"the visit is {where} {article} {noun} {join(named, book.OPERATORS['or'])}"

    def segment_name(self, segment_id: Any) -> str:
        found = self.site.segment(segment_id) if self.site else None
        return f"{value(found.name)} ({segment_id})" if found else str(segment_id)


def _is_group(node: Filter) -> bool:
    """Whether the node reads as several filters joined by "and" or "or"."""
    if node[0] == "not":
        return _is_group(node[1])
    return node[0] in ("and", "or") and len(node[1]) > 1


def _other(operator: str, pairs: Any) -> str:
    """The operator that says the opposite of ``operator``."""
    for first, second in pairs:
        if operator in (first, second):
            return second if operator == first else first
    raise ValueError(f"no negation of {operator}")
