"""The reference model covers every name of both schemas, each with a unique anchor."""

from __future__ import annotations

from statsref import schema
from statsref.docsgen.reference import DIMENSION_GROUPS, METRICS, Reference


def test_every_vocabulary_entry_is_anchored_once() -> None:
    ref = Reference()
    terms = [
        *ref.metrics,
        *ref.dimensions,
        *ref.operators,
        *ref.logical_operators,
        *ref.behavioral_operators,
        *ref.date_ranges,
        *ref.include,
        *ref.pagination,
        *ref.directions,
        *ref.meta,
        *ref.skip_reasons,
        *ref.warning_codes,
        *(key.term for key in ref.keys),
    ]
    anchors = [t.anchor for t in terms]
    assert len(anchors) == len(set(anchors))
    assert [t.name for t in ref.metrics] == [e.name for e in schema.metrics()]
    assert [t.name for t in ref.date_ranges] == [e.name for e in schema.date_range_shorthands()]


def test_dimension_groups_hold_every_dimension_in_display_order() -> None:
    groups = Reference().dimension_groups()
    names = [t.name for _, terms in groups for t in terms]
    assert sorted(names) == sorted(e.name for e in schema.dimensions())
    known = [g for g, _ in groups if g in DIMENSION_GROUPS]
    assert known == [g for g in DIMENSION_GROUPS if g in known]


def test_keys_know_required_and_defaults() -> None:
    keys = {k.term.name: k for k in Reference().keys}
    assert {n for n, k in keys.items() if k.required} == set(schema.required_keys())
    assert keys["dimensions"].default == []
    assert keys["pagination"].default == {"limit": 10000, "offset": 0}
    field_defaults = {o.name: False for o in schema.include_options()}
    assert keys["include"].default == schema.query_def("include").get("default", field_defaults)


def test_annotations_are_read_by_their_schema_key() -> None:
    visitors = Reference().metrics[0]
    assert visitors.x("value-type") == schema.metrics()[0].get("x-value-type")
    assert visitors.x("absent", "fallback") == "fallback"
    assert Reference().links.target(visitors.name).page == METRICS
