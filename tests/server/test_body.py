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


def test_overlong_integer_is_400():
    with pytest.raises(ApiError) as raised:
        parse_json(b"1" * 5000)
    assert raised.value.status == 400
    assert raised.value.message.startswith("Malformed JSON in request body: Exceeds the limit")
