from __future__ import annotations

import pytest

from statsref.server.body import parse_json
from statsref.server.errors import ApiError


def test_parses_json_values():
    assert parse_json(b'{"site_id": "dummy.site", "n": [1, 2.5]}') == {
        "site_id": "dummy.site",
        "n": [1, 2.5],
    }


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"  \n", "Empty request body: send the query as a JSON object."),
        (
            b"{",
            "Malformed JSON in request body: Expecting property name enclosed in double "
            "quotes at line 1, column 2.",
        ),
        (b'{"a": 1} x', "Malformed JSON in request body: Extra data at line 1, column 10."),
        (b"[Infinity]", "Malformed JSON in request body: Infinity is not a JSON value."),
        (b'"\xc3\x28"', "Request body is not valid UTF-8 (byte 1): send UTF-8 JSON."),
        (b"[" * 100_000, "Malformed JSON in request body: nested too deeply."),
    ],
)
def test_bad_bodies_are_400_with_a_clear_message(raw, message):
    with pytest.raises(ApiError) as raised:
        parse_json(raw)
    assert (raised.value.status, raised.value.message) == (400, message)


@pytest.mark.parametrize("literal", [b"1" * 5000, b"-" + b"9" * 20])
def test_an_integer_longer_than_64_bits_is_400_without_python_hints(literal):
    with pytest.raises(ApiError) as raised:
        parse_json(b'{"pagination": {"offset": ' + literal + b"}}")
    digits = len(literal.lstrip(b"-"))
    assert (raised.value.status, raised.value.message) == (
        400,
        f"Request body holds an integer of {digits} digits; integers in a query fit in 64 bits.",
    )


def test_the_largest_integers_parse():
    assert parse_json(b"[9223372036854775807, -9223372036854775808]") == [2**63 - 1, -(2**63)]
