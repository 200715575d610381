"""The engine's phrasebook is the schema's ``x-words``, regenerated: the file and the schema
agree, every name of the vocabulary has its words, and a missing annotation is an error."""

from __future__ import annotations

import pytest

from statsref import schema
from statsref.engine.language import phrasebook
from statsref.typegen import phrasebook as generator


def test_the_engine_s_phrasebook_is_what_the_schema_gives() -> None:
    assert generator.TARGET.read_text(encoding="utf-8") == generator.render(), (
        "schema/query.schema.json and the engine's phrasebook disagree: run "
        "`python -m statsref.typegen.phrasebook`"
    )


def test_every_name_has_its_words() -> None:
    names = {
        "METRICS": schema.metrics(),
        "DIMENSIONS": schema.dimensions(),
        "OPERATORS": schema.operators(),
        "DIRECTIONS": schema.order_directions(),
        "INCLUDE": schema.include_options(),
    }
    for table, entries in names.items():
        words = getattr(phrasebook, table)
        assert set(words) == {e.name for e in entries if e.pattern is None}, table
        assert all(isinstance(text, str) and text for text in words.values()), table
    assert set(phrasebook.MISSING) == set(schema.required_keys())
    assert set(phrasebook.COUNTED_SHORTHANDS) == {"d", "mo"}
    assert "{name}" in phrasebook.CUSTOM_PROPERTY


def test_a_name_without_words_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    metrics = [schema.Entry(name="visitors", title="", description="")]
    monkeypatch.setattr(generator.schema, "metrics", lambda: metrics)
    with pytest.raises(ValueError, match="every x-words annotation is a string or an object"):
        generator.render()


def test_main_writes_the_module(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "phrasebook.py"
    monkeypatch.setattr(generator, "TARGET", target)
    assert generator.main() == 0
    assert target.read_text(encoding="utf-8") == generator.render()


def test_a_shorthand_pattern_it_cannot_read_is_an_error() -> None:
    with pytest.raises(ValueError, match="cannot read"):
        generator._suffix("^[a-z]+$")
