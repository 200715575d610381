"""``statsref validate`` from the command line, on a copy of a documentation repository's
layout: exit codes, formats, warnings, ``--run`` and ``--endpoint``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from statsref import client

from .conftest import (
    EXAMPLES,
    LAYOUT,
    LIVE_KEY,
    NOW,
    PAIRS,
    REPO,
    corpus_file,
    older,
    validate,
    write,
)

RUN = ("--run", "--now", NOW)
CLEAN = "33 files checked (16 pairs, 1 alone), 1 skipped: 0 errors, 0 warnings"
SKIPPED = f"{LAYOUT}/response-meta.json: skipped: neither a Stats API query nor a response"


def place_of(path: Path, needle: str) -> tuple[int, int]:
    """The line and column of the first ``needle`` in the file, counted by hand."""
    text = path.read_text()
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{old!r} is not unique in {path}"
    path.write_text(text.replace(old, new))


def test_a_docs_layout_validates(docs_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = validate(capsys, LAYOUT)
    assert (code, err) == (0, "")
    assert out.splitlines()[:-1] == [SKIPPED]
    assert re.fullmatch(rf"{re.escape(CLEAN)} in \d+\.\d\d s", out.splitlines()[-1])


def test_our_own_corpus_validates_and_reruns(capsys: pytest.CaptureFixture[str]) -> None:
    """Every example folder is a query.json/response.json pair; the rejected ones are
    rejected by the engine with their stored message."""
    code, out, _ = validate(capsys, *RUN, str(EXAMPLES))
    pairs = sum(1 for path in EXAMPLES.iterdir() if path.is_dir())
    assert code == 0, out
    assert out.startswith(f"{pairs * 2} files checked ({pairs} pairs, 0 alone): 0 errors")


def test_a_github_annotation_points_at_the_corrupted_value(
    docs_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    response = docs_repo / LAYOUT / "utm-medium-and-source-response.json"
    row = corpus_file("utm-medium-and-source", "response.json")["results"][2]
    old = json.dumps(row["metrics"])
    replace_in(response, old, old.replace(str(row["metrics"][0]), '"eleven"', 1))
    line, column = place_of(response, '"eleven"')
    code, out, _ = validate(capsys, "--format", "github", LAYOUT)
    assert code == 1
    annotations = [shown for shown in out.splitlines() if shown.startswith("::")]
    assert annotations == [
        f"::error file={LAYOUT}/utm-medium-and-source-response.json,line={line},col={column}::"
        '#/results/2/metrics/0: "eleven" is not a valid metric value'
    ]


def test_a_cross_check_failure_in_text(docs_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    response = docs_repo / LAYOUT / "timeseries-by-day-response.json"
    replace_in(response, '"time:day"]', '"time:week"]')
    line, column = place_of(response, '["time:week"]')
    code, out, _ = validate(capsys, LAYOUT)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{LAYOUT}/timeseries-by-day-response.json:{line}:{column}: #/query/dimensions: "
        'expected ["time:day"] (the request plus defaults), found ["time:week"]'
    )


def bump_first_metric(folder: Path, slug: str, row: int) -> tuple[str, int, int]:
    """Add 100 to the first metric of a row of ``<slug>-response.json``: the stored value,
    the one the engine gives (as text) and the line and column of the changed value."""
    response = folder / f"{slug}-response.json"
    stored = corpus_file(slug, "response.json")["results"][row]["metrics"][0]
    old = json.dumps(corpus_file(slug, "response.json")["results"][row])
    before, after = old.split('"metrics": [', 1)
    replace_in(response, old, f'{before}"metrics": [{stored + 100}{after[len(str(stored)) :]}')
    line, column = place_of(response, f'"metrics": [{stored + 100}')
    return str(stored), line, column + len('"metrics": [')


def test_run_reports_the_first_differing_value(
    docs_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = validate(capsys, *RUN, LAYOUT)
    assert code == 0, out
    assert out.splitlines()[-1].startswith(f"{CLEAN}, re-run on the engine in ")
    stored, line, column = bump_first_metric(docs_repo / LAYOUT, "country-and-city", 1)
    code, out, _ = validate(capsys, *RUN, LAYOUT)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{LAYOUT}/country-and-city-response.json:{line}:{column}: #/results/1/metrics/0: "
        f"stored {int(stored) + 100}, engine returns {stored}"
    )


def test_run_on_a_site_the_mock_does_not_serve(
    docs_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = docs_repo / LAYOUT / "first-request.json"
    replace_in(query, '"dummy.site"', '"analytics.example.org"')
    line, column = place_of(query, '"analytics.example.org"')
    code, out, _ = validate(capsys, *RUN, f"{LAYOUT}/first-request.json")
    assert code == 1
    assert out.splitlines()[0].startswith(
        f'{LAYOUT}/first-request.json:{line}:{column}: #/site_id: site "analytics.example.org" '
        "is not one of the mock's sites ("
    )


def test_sites_lets_the_engine_run_a_users_own_site(
    docs_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = docs_repo / LAYOUT / "first-request.json"
    replace_in(query, '"dummy.site"', '"analytics.example.org"')
    sites = tmp_path / "sites.toml"
    sites.write_text('[[sites]]\ndomain = "analytics.example.org"\n')
    code, out, _ = validate(capsys, *RUN, "--sites", str(sites), f"{LAYOUT}/first-request.json")
    assert code == 0, out
    bad = tmp_path / "bad.toml"
    bad.write_text('[[sites]]\ndomian = "x"\n')
    code, _, err = validate(capsys, *RUN, "--sites", str(bad), f"{LAYOUT}/first-request.json")
    assert code == 2
    assert "--sites: " in err and "sites[0].domian: unknown key 'domian'; did you mean" in err


def test_endpoint_runs_each_query_on_a_live_api(
    docs_repo: Path, live_api: str, capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint = ("--endpoint", live_api, "--key", LIVE_KEY)
    code, out, _ = validate(capsys, *endpoint, LAYOUT)
    assert code == 0, out
    assert ", re-run on the endpoint in " in out.splitlines()[-1]
    stored, line, column = bump_first_metric(docs_repo / LAYOUT, "timeseries-by-day", 3)
    code, out, _ = validate(capsys, *endpoint, "--format", "github", LAYOUT)
    assert code == 1
    assert out.splitlines()[0] == (
        f"::error file={LAYOUT}/timeseries-by-day-response.json,line={line},col={column}::"
        f"#/results/3/metrics/0: stored {int(stored) + 100}, endpoint returns {stored}"
    )


def test_endpoint_needs_a_key(
    docs_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(client.KEY_VARIABLE, raising=False)
    code, out, err = validate(capsys, "--endpoint", "https://stats.example.org", LAYOUT)
    assert (code, out) == (2, "")
    assert err == "statsref validate: --endpoint needs --key or the STATSREF_API_KEY variable\n"


@pytest.mark.parametrize(
    ("options", "status", "label"), [((), 0, "warning"), (("--strict",), 1, "error")]
)
def test_an_older_api_answer_warns_unless_strict(
    options: tuple[str, ...],
    status: int,
    label: str,
    docs_repo: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    response = docs_repo / LAYOUT / "pagination-total-rows-response.json"
    write(response, older(corpus_file("pagination-total-rows", "response.json")))
    code, out, _ = validate(capsys, "--format", "github", *options, LAYOUT)
    assert code == status
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert len(annotations) == 5
    assert all(
        a.startswith(f"::{label} file={LAYOUT}/pagination-total-rows-response.json,")
        for a in annotations
    )
    assert ("older API version" in annotations[0]) == (status == 0)


def test_json_format(docs_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = docs_repo / LAYOUT / "first-request.json"
    replace_in(query, '"visitors"', '"visitorz"')
    line, column = place_of(query, '"visitorz"')
    code, out, _ = validate(capsys, "--format", "json", LAYOUT)
    document = json.loads(out)
    assert code == 1
    assert document["valid"] is False
    assert document["findings"] == [
        {
            "severity": "error",
            "file": f"{LAYOUT}/first-request.json",
            "message": '"visitorz" is not a valid metric',
            "pointer": "#/metrics/0",
            "line": line,
            "column": column,
        }
    ]
    assert len(document["pairs"]) == len(PAIRS)
    assert document["alone"] == [f"{LAYOUT}/first-request.json"]
    assert document["skipped"] == [f"{LAYOUT}/response-meta.json"]


def test_globs_choose_the_files(docs_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = validate(capsys, "src/**/first-*.json")
    assert (code, out.splitlines()[0][:38]) == (0, "1 files checked (0 pairs, 1 alone): 0 ")
    code, out, _ = validate(capsys, "src/**/*-query.json")
    assert out.startswith("32 files checked (16 pairs, 0 alone): 0 errors")


def test_a_changed_response_is_checked_with_its_query(
    docs_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pre-commit passes only the files a commit changes: the partner still takes part."""
    query = docs_repo / LAYOUT / "simple-aggregate-query.json"
    replace_in(query, '"bounce_rate"', '"events"')
    response = docs_repo / LAYOUT / "simple-aggregate-response.json"
    echo = response.read_text().split('"query": {')[1]
    line, column = place_of(response, echo[echo.index('"metrics": ') + len('"metrics": ') :])
    code, out, _ = validate(capsys, f"{LAYOUT}/simple-aggregate-response.json")
    assert code == 1
    assert out.splitlines()[0].startswith(
        f"{LAYOUT}/simple-aggregate-response.json:{line}:{column}: #/query/metrics: expected "
    )
    assert out.splitlines()[-1].startswith("2 files checked (1 pairs, 0 alone): 1 errors")


def test_input_that_cannot_be_used_exits_2(
    docs_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = docs_repo / LAYOUT / "simple-aggregate-query.json"
    replace_in(broken, '"visitors",', '"visitors"')
    (docs_repo / "latin-1.json").write_bytes(b'{"site_id": "caf\xe9"}')
    code, out, err = validate(
        capsys, "--format", "github", LAYOUT, "latin-1.json", "missing", "docs/*.json"
    )
    assert code == 2
    line, column = place_of(broken, '"visitors"')
    column += len('"visitors" ')  # where a comma was expected
    not_json = f"{LAYOUT}/simple-aggregate-query.json:{line}:{column}: not JSON"
    assert err.splitlines() == [
        "error: missing: no such file or folder",
        "error: docs/*.json: no file or folder matches this pattern",
        "error: latin-1.json: cannot read the file: 'utf-8' codec can't decode byte 0xe9 in "
        "position 16: invalid continuation byte",
        f"error: {not_json}: Expecting ',' delimiter",
    ]
    assert f"::error file={LAYOUT}/simple-aggregate-query.json,line={line}," in out


def test_a_named_file_must_be_a_query_or_a_response(
    docs_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = validate(capsys, f"{LAYOUT}/response-meta.json")
    assert code == 1
    assert out.splitlines()[0] == (
        f"{LAYOUT}/response-meta.json:1:1: #: neither a Stats API query nor a response (by its "
        "top-level keys)"
    )


def test_nothing_to_check_exits_2(docs_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = validate(capsys, "src/js/*/response-*.json")
    assert (code, err) == (
        2,
        "error: src/js/*/response-*.json: no Stats API query or response found\n",
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--now", "2026-11-02"), "--now: the datetime '2026-11-02T00:00:00' needs an offset"),
        (("--now", "soon"), "--now: expected an ISO 8601 datetime with offset, got 'soon'"),
        (("--key", "k"), "--key is for --endpoint"),
    ],
)
def test_wrong_options_exit_2(
    options: tuple[str, ...], message: str, docs_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = validate(capsys, *options, LAYOUT)
    assert (code, out) == (2, "")
    assert err.startswith(f"statsref validate: {message}")


def test_the_pre_commit_hook_checks_the_example_files(
    docs_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pre-commit runs the hook's ``entry`` with the files its ``files`` pattern selects."""
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["entry"]) == ("statsref-validate", "statsref validate")
    every = sorted(p.relative_to(docs_repo).as_posix() for p in docs_repo.rglob("*.json"))
    chosen = [path for path in every if re.search(hook["files"], path)]
    assert f"{LAYOUT}/response-meta.json" not in chosen
    assert len(chosen) == 2 * len(PAIRS)
    code, out, _ = validate(capsys, *chosen)
    assert (code, out.splitlines()[-1][:38]) == (0, "32 files checked (16 pairs, 0 alone): ")
