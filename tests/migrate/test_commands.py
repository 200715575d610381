"""``statsref migrate`` through the CLI entry point."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from statsref.cli import main
from statsref.engine.migrate import MAX_REQUEST_CHARS

BREAKDOWN = "/api/v1/stats/breakdown?site_id=dummy.site&period=7d&property=event:page&limit=5"
AGGREGATE = "/api/v1/stats/aggregate?site_id=dummy.site"
DASHBOARD = "https://plausible.io/dummy.site?period=7d&f=is,source,Google"


def test_the_query_goes_to_stdout_and_the_notes_to_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["migrate", BREAKDOWN]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["dimensions"] == ["event:page"]
    assert all(line.startswith("note: ") for line in err.splitlines())


def test_json_holds_queries_and_notes(capsys: pytest.CaptureFixture[str]) -> None:
    request = (
        "/api/v1/stats/aggregate?site_id=a&period=custom&date=2026-10-01,2026-10-31"
        "&compare=previous_period"
    )
    assert main(["migrate", "--json", request]) == 0
    out, err = capsys.readouterr()
    answer = json.loads(out)
    assert [q["date_range"] for q in answer["queries"]] == [
        ["2026-10-01", "2026-10-31"],
        ["2026-08-31", "2026-09-30"],
    ]
    assert answer["notes"] and err == ""


def test_a_curl_command_is_read_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    command = "curl 'https://x.io/api/v1/stats/aggregate?site_id=a&period=6mo' \\\n -H 'A: b'\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(command.encode())))
    assert main(["migrate", "--today", "2024-05-03"]) == 0
    assert json.loads(capsys.readouterr().out)["date_range"] == ["2023-12-01", "2024-05-31"]


def test_two_queries_print_one_after_the_other(capsys: pytest.CaptureFixture[str]) -> None:
    request = "/api/v1/stats/aggregate?site_id=a&period=day&compare=previous_period"
    assert main(["migrate", "--today", "2026-11-02", request]) == 0
    decoder, out = json.JSONDecoder(), capsys.readouterr().out
    first, end = decoder.raw_decode(out)
    second, _ = decoder.raw_decode(out[end:].lstrip())
    assert (first["date_range"], second["date_range"]) == (
        ["2026-11-02", "2026-11-02"],
        ["2026-11-01", "2026-11-01"],
    )


def test_realtime_exits_1_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "/api/v1/stats/realtime/visitors?site_id=a"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "note: Realtime has no v2 equivalent" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/api/v1/stats/breakdown?site_id=a"], "a breakdown needs property="),
        (["--today", "2026-13-01", BREAKDOWN], "--today 2026-13-01 is not a date (YYYY-MM-DD)"),
        (["https://x.io/api/v1/sites"], "is not a Stats API v1 stats endpoint"),
        # These printed a traceback and exited 1, the code of a request with no v2 equivalent.
        ([f"{AGGREGATE}&period=12mo&date=0001-01-15"], "reaches past 0001-01-01"),
        ([f"{AGGREGATE}&period=7d&date=0001-01-03"], "reaches past 0001-01-01"),
        (
            [f"{AGGREGATE}&period=custom&date=0001-01-01,0001-01-05&compare=previous_period"],
            "compare=previous_period of 0001-01-01 to 0001-01-05 reaches past",
        ),
        ([f"{BREAKDOWN}&page={'9' * 5000}"], "has 5000 digits"),
        (["http://[::1/api/v1/stats/aggregate?site_id=a"], "Invalid IPv6 URL"),
        (["--panel", "sources", BREAKDOWN], "a panel is part of a dashboard"),
        ([DASHBOARD, "--panel", "nope"], "nope is not a dashboard panel"),
        (["https://plausible.io/sites"], "is not a dashboard"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("statsref migrate: ") and message in err
    assert err.count("\n") == 1


def test_stdin_is_read_up_to_the_converter_cap(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 49 MB request took 5.8 s and 1 GB."""
    flood = io.BytesIO(b"/api/v1/stats/aggregate?site_id=" + b"a" * (50 * 1024 * 1024))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(flood))
    assert main(["migrate"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("statsref migrate: cannot read stdin: more than ")
    assert flood.tell() <= 4 * MAX_REQUEST_CHARS + 1 + io.DEFAULT_BUFFER_SIZE


def test_a_dashboard_url_gives_its_top_row(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--json", DASHBOARD]) == 0
    (query,) = json.loads(capsys.readouterr().out)["queries"]
    assert query["metrics"][:3] == ["visitors", "visits", "pageviews"]
    assert query["filters"] == [["is", "visit:source", ["Google"]]]


def test_panel_gives_a_panel_s_breakdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--panel", "countries", DASHBOARD]) == 0
    query = json.loads(capsys.readouterr().out)
    assert query["dimensions"] == ["visit:country_name", "visit:country"]


def test_realtime_runs_up_to_now_unless_today_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    realtime = "https://plausible.io/dummy.site?period=realtime"
    assert main(["migrate", "--json", realtime]) == 0
    queries = json.loads(capsys.readouterr().out)["queries"]
    assert [q["date_range"][1][:10] for q in queries] == [date.today().isoformat()] * 2
    assert main(["migrate", "--today", "2026-11-02", realtime]) == 1
    assert "note: No clock was given" in capsys.readouterr().err
