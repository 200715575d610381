"""What the generated reference pages show, read from the schemas through ``statsref.schema``.

Every documented name is registered in one ``LinkIndex`` with the page and anchor that
documents it, before any page is rendered, so any description can link to any other page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from statsref import schema
from statsref.docsgen.anchors import LinkIndex
from statsref.schema import Entry

REQUEST = "reference/request.md"
DATE_RANGES = "reference/date-ranges.md"
METRICS = "reference/metrics.md"
DIMENSIONS = "reference/dimensions.md"
FILTERS = "reference/filters.md"
ORDERING = "reference/ordering.md"
RESPONSE = "reference/response.md"
ERROR_RESPONSES = "reference/errors.md"

DIMENSION_GROUPS = ("event", "visit", "time", "custom-property", "goal")
"""Display order of the ``x-group`` values; a group the schema adds later is shown last."""


@dataclass(frozen=True)
class Term:
    """A schema entry with the anchor it is documented under."""

    entry: Entry
    anchor: str

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def description(self) -> str:
        return self.entry.description

    @property
    def default(self) -> Any:
        return self.entry.default

    def x(self, annotation: str, default: Any = None) -> Any:
        """The ``x-<annotation>`` value, ``term.x("value-type")`` (templates cannot spell x-)."""
        return self.entry.get(f"x-{annotation}", default)


@dataclass(frozen=True)
class Key:
    """A top-level key of the query."""

    term: Term
    required: bool
    default: Any
    """The schema's default; for an object such as ``pagination``, its fields' defaults."""


class Reference:
    """The vocabulary of both schemas, anchored and cross-linked."""

    def __init__(self) -> None:
        self.links = LinkIndex()
        self.metrics = self._terms(schema.metrics(), METRICS, "metric")
        self.dimensions = self._terms(schema.dimensions(), DIMENSIONS, "dimension")
        self.operators = self._terms(schema.filter_operators(), FILTERS, "operator")
        self.logical_operators = self._terms(schema.logical_operators(), FILTERS, "operator")
        self.behavioral_operators = self._terms(schema.behavioral_operators(), FILTERS, "operator")
        self.date_ranges = self._terms(schema.date_range_shorthands(), DATE_RANGES, "date-range")
        self.include = self._terms(schema.include_options(), ORDERING, "include")
        self.pagination = self._terms(schema.pagination_options(), ORDERING, "pagination")
        self.directions = self._terms(schema.order_directions(), ORDERING, "direction")
        self.keys = self._keys()
        self.meta = self._terms(schema.meta_fields(), RESPONSE, "meta")
        self.skip_reasons = self._choices(self._meta_field("imports_skip_reason"), "skip-reason")
        self.warning_codes = self._choices(
            self.response_def("metric_warning")["properties"]["code"], "warning"
        )

    def _terms(self, entries: list[Entry], page: str, kind: str) -> list[Term]:
        terms = []
        for entry in entries:
            anchor = self.links.add(entry.name, page, kind)
            if entry.pattern:
                self.links.add_pattern(entry.pattern, page, anchor)
            terms.append(Term(entry, anchor))
        return terms

    def _choices(self, node: dict[str, Any], kind: str) -> list[Term]:
        options = node.get("oneOf") or node.get("anyOf") or []
        entries = [
            Entry(
                str(o["const"]),
                o.get("title", ""),
                o.get("description", ""),
                {k: v for k, v in o.items() if k.startswith("x-")},
            )
            for o in options
        ]
        return self._terms(entries, RESPONSE, kind)

    def _keys(self) -> list[Key]:
        required = set(schema.required_keys())
        terms = self._terms(schema.top_level_keys(), REQUEST, "key")
        return [Key(t, t.name in required, self._default(t.name)) for t in terms]

    @staticmethod
    def _default(key: str) -> Any:
        node = schema.query_schema()["properties"][key]
        if "$ref" in node:
            node = schema.query_def(node["$ref"].rsplit("/", 1)[-1])
        if "default" in node:
            return node["default"]
        fields = node.get("properties", {})
        return {k: v["default"] for k, v in fields.items() if "default" in v} or None

    def _meta_field(self, name: str) -> dict[str, Any]:
        return self.response_def("meta")["properties"][name]

    def sourced_terms(self) -> list[Term]:
        """Every documented term whose schema entry names its sources (``x-source``)."""
        terms = [
            *(key.term for key in self.keys),
            *self.metrics,
            *self.dimensions,
            *self.operators,
            *self.logical_operators,
            *self.behavioral_operators,
            *self.date_ranges,
            *self.include,
            *self.pagination,
            *self.skip_reasons,
            *self.warning_codes,
        ]
        return [term for term in terms if term.x("source")]

    def dimension_groups(self) -> list[tuple[str, list[Term]]]:
        """Dimensions by ``x-group``, in ``DIMENSION_GROUPS`` order, unknown groups last."""
        groups = by_annotation(self.dimensions, "group")
        order = [g for g in DIMENSION_GROUPS if g in groups]
        order += [g for g in groups if g not in DIMENSION_GROUPS]
        return [(group, groups[group]) for group in order]

    def query_def(self, name: str) -> dict[str, Any]:
        return schema.query_def(name)

    @staticmethod
    def response_def(name: str) -> dict[str, Any]:
        return schema.response_schema()["$defs"][name]

    @property
    def query_schema(self) -> dict[str, Any]:
        return schema.query_schema()

    @property
    def response_schema(self) -> dict[str, Any]:
        return schema.response_schema()


def by_annotation(terms: list[Term], annotation: str) -> dict[str, list[Term]]:
    """Terms grouped by an ``x-`` annotation, groups in order of first appearance."""
    groups: dict[str, list[Term]] = {}
    for term in terms:
        groups.setdefault(term.x(annotation), []).append(term)
    return groups
