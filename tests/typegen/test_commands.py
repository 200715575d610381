"""``statsref types`` through the CLI entry point."""

from __future__ import annotations

import pytest

from statsref.cli import main
from statsref.typegen import definitions


@pytest.mark.parametrize("lang", ["ts", "python"])
def test_types_prints_the_definitions(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["types", "--lang", lang]) == 0
    assert capsys.readouterr().out == definitions(lang)


def test_an_unknown_language_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["types", "--lang", "go"])
    assert raised.value.code == 2
    assert "invalid choice: 'go'" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["ts", "python"])
def test_the_header_names_the_schemas_where_they_are_published_or_by_file_name(lang: str) -> None:
    """Never the schemas' ``$id`` host, which serves nothing."""
    printed = definitions(lang)
    assert "statsref.example" not in printed
    assert " ".join(printed.replace("*", "").replace("#", "").split()).count(
        "from the JSON Schemas query.schema.json and response.schema.json;"
    )
    base = "https://docs.example.org/a-rather-long-path/to/the/published/site/schema/"
    published = definitions(lang, base)
    assert f"{base}query.schema.json" in published and f"{base}response.schema.json" in published
