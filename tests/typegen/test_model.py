"""The type model read from the schemas: names, narrowed unions, merged objects."""

from __future__ import annotations

from statsref import schema
from statsref.typegen import model
from statsref.typegen.model import Array, Lit, Object, Ref, Template, Tuple, Union


def test_every_definition_is_named_once_and_the_roots_by_x_type_name() -> None:
    named = model().named
    assert next(iter(named)) == "Query" and "QueryResponse" in named
    assert {"Metric", "Dimension", "Filter", "SuccessResponse", "ErrorResponse"} <= set(named)
    assert all(name.isidentifier() and name[0].isupper() for name in named)
    assert "Date" not in named and "Datetime" not in named  # string formats are inlined


def test_metric_literals_are_the_schemas_with_their_first_sentence() -> None:
    metric = model().named["Metric"].type
    assert isinstance(metric, Union)
    assert [m.value for m in metric.members if isinstance(m, Lit)] == [
        e.name for e in schema.metrics()
    ]
    assert metric.members[0].doc == "The number of distinct visitors in the range."


def test_a_not_drops_the_names_it_excludes() -> None:
    names = model().named["FilterDimension"].type
    assert isinstance(names, Union)
    values = [m.value for m in names.members if isinstance(m, Lit)]
    assert "event:page" in values and not any(v.startswith("time") for v in values)
    assert Template("event:props:", "string", "") in names.members


def test_positional_arrays_are_tuples_with_optional_tails() -> None:
    simple = model().named["SimpleFilter"].type
    assert isinstance(simple, Tuple) and simple.required == 3 and len(simple.items) == 4
    logical = model().named["LogicalFilter"].type
    assert isinstance(logical, Tuple)
    assert logical.items[0] == Union(
        (Lit("and", logical.items[0].members[0].doc), Lit("or", logical.items[0].members[1].doc))
    )
    assert logical.items[1] == Array(Ref("Filter"))


def test_the_echoed_query_is_the_query_with_its_overrides() -> None:
    echoed = model().named["EchoedQuery"].type
    assert isinstance(echoed, Object)
    fields = {f.name: f for f in echoed.fields}
    assert all(f.required for f in fields.values())
    assert fields["date_range"].type == Ref("DatetimePair")
    assert fields["pagination"].type == Ref("EchoedQueryPagination")
    pagination = model().named["EchoedQueryPagination"].type
    assert isinstance(pagination, Object) and all(f.required for f in pagination.fields)
