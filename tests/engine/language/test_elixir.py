"""Elixir inspect rendering, as embedded in the real API's messages."""

from __future__ import annotations

import pytest

from statsref.engine.language.elixir import Atom, inspect


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("visssss", '"visssss"'),
        (["is", "visit:os_version", [123]], '["is", "visit:os_version", [123]]'),
        ({"case_sensitive": False}, '%{"case_sensitive" => false}'),
        ({"b": 1, "a": None}, '%{"a" => nil, "b" => 1}'),
        ((Atom("events"), Atom("desc")), "{:events, :desc}"),
        (("event:name", Atom("desc")), '{"event:name", :desc}'),
        (True, "true"),
        (1.5, "1.5"),
        (1e20, "1.0e20"),
        (2.5e-7, "2.5e-7"),
        ([], "[]"),
        ('say "hi"\n', '"say \\"hi\\"\\n"'),
        ("back\\slash", '"back\\\\slash"'),
        ("#{code}", '"\\#{code}"'),
        ("\x01", '"\\x01"'),
        ("naïve ✓", '"naïve ✓"'),
    ],
)
def test_inspect(value: object, text: str) -> None:
    assert inspect(value) == text
