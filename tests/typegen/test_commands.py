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
