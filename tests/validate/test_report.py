"""The three formats: compiler-style text, GitHub workflow commands, one JSON document."""

from __future__ import annotations

import json

import pytest

from statsref.validate.report import (
    ERROR,
    UNUSABLE,
    WARNING,
    Finding,
    Summary,
    closing_line,
    github_line,
    print_report,
)

ROW = Finding(
    ERROR, "a/x-response.json", "1 value for 2 queried metrics", "#/results/1/metrics", 4, 17
)
OLD = Finding(WARNING, "a/x-response.json", "'site_id' is a required property", "#/query", 9, 12)
BAD = Finding(UNUSABLE, "a/y-query.json", "not JSON: Expecting ',' delimiter", None, 3, 5)
SUMMARY = Summary(
    pairs=[("a/x-query.json", "a/x-response.json")],
    alone=["a/y-query.json"],
    skipped=["a/meta.json"],
    ran_on="engine",
    seconds=0.25,
)


def test_text_lines_read_like_a_compiler() -> None:
    assert (
        ROW.text() == "a/x-response.json:4:17: #/results/1/metrics: 1 value for 2 queried metrics"
    )
    assert (
        OLD.text() == "a/x-response.json:9:12: warning: #/query: 'site_id' is a required property"
    )
    assert Finding(UNUSABLE, "gone.json", "no such file or folder").text() == (
        "gone.json: no such file or folder"
    )


def test_github_commands_escape_what_they_must() -> None:
    assert github_line(ROW) == (
        "::error file=a/x-response.json,line=4,col=17::#/results/1/metrics: 1 value for 2 "
        "queried metrics"
    )
    assert github_line(OLD).startswith("::warning file=a/x-response.json,line=9,col=12::")
    odd = Finding(ERROR, "odd,name:1.json", "100% wrong\nreally", "#/a")
    assert github_line(odd) == "::error file=odd%2Cname%3A1.json::#/a: 100%25 wrong%0Areally"


def test_the_closing_line_counts() -> None:
    assert closing_line([ROW, OLD, BAD], SUMMARY) == (
        "3 files checked (1 pairs, 1 alone), 1 skipped, 1 unusable: 1 errors, 1 warnings, "
        "re-run on the engine in 0.25 s"
    )


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_unusable_input_is_said_on_stderr(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    print_report([BAD, ROW], SUMMARY, fmt)
    out, err = capsys.readouterr()
    assert err == "error: a/y-query.json:3:5: not JSON: Expecting ',' delimiter\n"
    shown = out.splitlines()
    assert shown[-2:] == ["a/meta.json: skipped: neither a Stats API query nor a response",
                          closing_line([BAD, ROW], SUMMARY)]  # fmt: skip
    if fmt == "text":
        assert shown[0] == ROW.text()
    else:
        assert shown[:2] == [github_line(BAD), github_line(ROW)]


def test_json_is_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    print_report([OLD], SUMMARY, "json")
    document = json.loads(capsys.readouterr().out)
    assert document == {
        "valid": True,
        "findings": [
            {
                "severity": "warning",
                "file": "a/x-response.json",
                "message": "'site_id' is a required property",
                "pointer": "#/query",
                "line": 9,
                "column": 12,
            }
        ],
        "pairs": [["a/x-query.json", "a/x-response.json"]],
        "alone": ["a/y-query.json"],
        "skipped": ["a/meta.json"],
        "ran_on": "engine",
        "seconds": 0.25,
    }
    print_report([OLD, ROW], SUMMARY, "json")
    assert json.loads(capsys.readouterr().out)["valid"] is False
