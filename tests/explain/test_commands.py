"""``statsref explain`` through the CLI entry point: the words on stdout, exit codes by outcome."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from statsref.cli import main

NOW = "2026-11-02T14:30:00+00:00"
QUERY = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
WORDS = "Visitors of dummy.site over the 7 days before today (26 Oct to 1 Nov 2026, UTC).\n"


def test_a_file_is_read_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "query.json"
    path.write_text(json.dumps({"$schema": "../query-file.schema.json", **QUERY}))
    assert main(["explain", str(path), "--now", NOW]) == 0
    assert capsys.readouterr().out == WORDS


def test_stdin_is_read_for_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(json.dumps(QUERY).encode())))
    assert main(["explain", "-", "--now", "2026-11-02T14:30:00"]) == 0
    assert capsys.readouterr().out == WORDS


def test_a_query_not_valid_yet_says_what_is_missing_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        "sys.stdin",
        io.TextIOWrapper(io.BytesIO(b'{"site_id": "dummy.site", "metrics": []}')),
    )
    assert main(["explain", "-"]) == 1
    assert capsys.readouterr().out == "Add at least one metric. Add a date_range, such as 7d.\n"


def test_without_now_the_current_time_is_the_clock(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(json.dumps(QUERY).encode())))
    assert main(["explain", "-"]) == 0
    assert capsys.readouterr().out.startswith(
        "Visitors of dummy.site over the 7 days before today ("
    )


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ["explain", "missing.json"],
            "",
            "statsref explain: cannot read missing.json: no such file\n",
        ),
        (
            ["explain", "-"],
            "{not json",
            "statsref explain: stdin is not valid JSON: Expecting property name enclosed in "
            "double quotes at line 1, column 2\n",
        ),
        (
            ["explain", "-", "--now", "yesterday"],
            "{}",
            "statsref explain: --now yesterday is not an ISO 8601 date and time\n",
        ),
    ],
)
def test_unreadable_input_exits_2_with_one_line(
    args: list[str],
    stdin: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", message)
