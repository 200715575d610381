"""JSON→URL as the dashboard's older form needs it: every fragment of the dashboard's own tests
(plausible/analytics ``assets/js/dashboard/util/url-search-params-v2.test.ts`` @5be72ac6a9d9,
``parseSearchFragment``), read by ``parse`` or rejected (the dashboard reads those as null)."""

from __future__ import annotations

from typing import Any

import pytest

from statsref.engine.migrate.dashboard.jsonurl import JsonUrlError, parse


@pytest.mark.parametrize(
    ("fragment", "value"),
    [
        ("", None),
        ("null", None),
        ("123", 123),
        ("string", "string"),
        ("item=#", "item=#"),
        ("item%3D%23", "item=#"),
        ("(any:(number:1))", {"any": {"number": 1}}),
        ("(any:(number:1.001))", {"any": {"number": 1.001}}),
        ("(any:(string:'1.001'))", {"any": {"string": "1.001"}}),
        ("undefined", "undefined"),
        ("not_json", "not_json"),
        ("plainstring", "plainstring"),
        ("a|b", "a|b"),
        ("foo bar#", "foo bar#"),
        ("(1,2)", [1, 2]),
        ("(foo:bar)", {"foo": "bar"}),
        ("((is,screen,(Mobile,Desktop)))", [["is", "screen", ["Mobile", "Desktop"]]]),
        ("(US:United+States)", {"US": "United States"}),
        ("(993800:Johannesburg)", {"993800": "Johannesburg"}),
        (
            "('props:browser_language','17.3',true,false,-1e3)",
            ["props:browser_language", "17.3", True, False, -1000.0],
        ),
        ("()", {}),
        ("%252F", "%2F"),
    ],
)
def test_a_fragment_reads_as_the_dashboard_reads_it(fragment: str, value: Any) -> None:
    assert parse(fragment) == value


@pytest.mark.parametrize(
    "fragment",
    ['("foo":)', "(invalid", "(a,b))", "'open", "(a:b,c)", "%zz", "%C3", "(a,)"],
)
def test_what_the_dashboard_cannot_read_is_an_error(fragment: str) -> None:
    with pytest.raises(JsonUrlError):
        parse(fragment)
