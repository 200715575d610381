"""``statsref examples check`` and ``update`` through the CLI entry point."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from statsref import client
from statsref.cli import main
from statsref.corpus import commands
from statsref.corpus.load import Example

from .conftest import BROKEN, EXAMPLES, REPO, copy_example

EXPECTED = BROKEN.parent / "broken.expected.txt"
"""Lines ``check`` prints for the broken fixtures (besides the structural ones, tested per
fixture in test_crosscheck.py)."""


@pytest.fixture
def no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Structural checks only, whatever state the engine package is in."""
    monkeypatch.setattr(commands, "load_engine", lambda sites=None: None)


def fake_engine(monkeypatch: pytest.MonkeyPatch, change: Any = None) -> None:
    """An engine answering each example's stored body, passed through ``change`` if given."""

    def run(example: Example) -> tuple[int, Any]:
        body = json.loads((example.folder / "response.json").read_text())
        return change(example, body) if change else (example.meta.status, body)

    monkeypatch.setattr(commands, "load_engine", lambda sites=None: run)


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p): (p.stat().st_mtime_ns, p.read_bytes()) for p in root.rglob("*") if p.is_file()}


def test_check_lists_every_example(no_engine: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples", "check", "--root", str(EXAMPLES)]) == 0
    lines = capsys.readouterr().out.splitlines()
    slugs = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir())
    assert sorted(line.split()[1] for line in lines[:-1]) == slugs
    assert all(line.startswith("ok    ") for line in lines[:-1])
    assert lines[-1].startswith(f"{len(slugs)} examples (")
    assert "structure only" in lines[-1]
    assert lines[-1].endswith(" s")


def test_check_reruns_the_corpus_on_the_engine(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["examples", "check", "--root", str(EXAMPLES)])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "re-run on the engine" in out


def test_check_prints_one_line_per_failure(
    no_engine: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    before = snapshot(BROKEN)
    assert main(["examples", "check", "--root", "tests/fixtures/broken"]) == 1
    out = capsys.readouterr().out
    assert snapshot(BROKEN) == before
    for line in EXPECTED.read_text().splitlines():
        assert line in out.splitlines()
    assert out.count("FAIL") == 15
    assert "Traceback" not in out


def test_check_never_writes(no_engine: None, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(EXAMPLES)
    main(["examples", "check", "--root", str(EXAMPLES)])
    assert snapshot(EXAMPLES) == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp, "no examples found"),
        (lambda tmp: tmp / "missing", "corpus folder not found"),
    ],
)
def test_unreadable_corpus_is_a_clear_error(
    tmp_path: Path,
    make: Any,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake_engine(monkeypatch)
    for action in ("check", "update"):
        assert main(["examples", action, "--root", str(make(tmp_path))]) == 2
        captured = capsys.readouterr()
        assert message in captured.err
        assert "Traceback" not in captured.err + captured.out


def test_engine_differences_are_reported_by_pointer(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_example(corpus, "simple-aggregate")
    copy_example(corpus, "invalid-unknown-metric")

    def change(example: Example, body: Any) -> tuple[int, Any]:
        if example.meta.status == 400:
            return 200, body
        body["results"][0]["metrics"][2] += 1
        return 200, body

    fake_engine(monkeypatch, change)
    assert main(["examples", "check", "--root", str(corpus)]) == 1
    out = capsys.readouterr().out.splitlines()
    root = corpus.as_posix()
    stored = json.loads((EXAMPLES / "simple-aggregate" / "response.json").read_text())
    pageviews = stored["results"][0]["metrics"][2]
    metrics = f"{root}/simple-aggregate/response.json: #/results/0/metrics/2"
    assert f"{metrics}: stored {pageviews}, engine returns {pageviews + 1}" in out
    status = f"{root}/invalid-unknown-metric/example.toml: #/status"
    assert f"{status}: the engine answers status 200, the example expects 400" in out
    assert "re-run on the engine" in out[-1]


def test_update_rewrites_what_changed(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(corpus, "simple-aggregate")
    copy_example(corpus, "custom-date-range")

    visitors = json.loads((folder / "response.json").read_text())["results"][0]["metrics"][0]

    def change(example: Example, body: Any) -> tuple[int, Any]:
        if example.slug == "simple-aggregate":
            body["results"][0]["metrics"][0] = visitors + 1
        return 200, body

    fake_engine(monkeypatch, change)
    assert main(["examples", "update", "--root", str(corpus)]) == 0
    out = capsys.readouterr().out.splitlines()
    target = f"{corpus.as_posix()}/simple-aggregate/response.json"
    change = f"#/results/0/metrics/0: stored {visitors}, engine returns {visitors + 1}"
    assert out[0] == f"updated {target} ({change})"
    assert out[-1].startswith("2 responses regenerated, 0 problems")
    text = (folder / "response.json").read_text()
    assert json.loads(text)["results"][0]["metrics"][0] == visitors + 1
    assert text.startswith('{\n  "results": [') and text.endswith("}\n")
    before = snapshot(corpus)
    fake_engine(monkeypatch)
    assert main(["examples", "update", "--root", str(corpus)]) == 0
    assert snapshot(corpus) == before
    assert not any(line.startswith("updated") for line in capsys.readouterr().out.splitlines())


def test_update_writes_a_missing_response_and_flags_a_status_change(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(corpus, "invalid-unknown-metric")
    (folder / "response.json").unlink()
    monkeypatch.setattr(
        commands, "load_engine", lambda sites=None: lambda example: (200, {"error": "x"})
    )
    assert main(["examples", "update", "--root", str(corpus)]) == 1
    out = capsys.readouterr().out
    assert "response.json: #: file is missing" not in out
    assert "(file is missing)" in out
    assert "#/status: the engine answers status 200, the example expects 400" in out
    assert json.loads((folder / "response.json").read_text()) == {"error": "x"}


def test_update_needs_the_engine(no_engine: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples", "update", "--root", str(EXAMPLES)]) == 2
    assert "provides no run_query and Dataset" in capsys.readouterr().err


def _mock_endpoint(monkeypatch: pytest.MonkeyPatch, answer: Any) -> list[httpx.Request]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(json.loads(request.content))

    client = functools.partial(httpx.Client, transport=httpx.MockTransport(handler))
    monkeypatch.setattr(httpx, "Client", client)
    return seen


def test_endpoint_contract(
    corpus: Path,
    no_engine: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    copy_example(corpus, "simple-aggregate")
    copy_example(corpus, "invalid-unknown-metric")
    stored = json.loads((EXAMPLES / "simple-aggregate" / "response.json").read_text())

    def answer(query: dict) -> httpx.Response:
        if query["metrics"] == ["visitors", "unique_visitors"]:
            return httpx.Response(400, json={"error": "Invalid metric"})
        return httpx.Response(200, json={**stored, "meta": {"warning": "x"}})

    seen = _mock_endpoint(monkeypatch, answer)
    args = ["examples", "check", "--root", str(corpus), "--endpoint", "http://api.test/"]
    assert main([*args, "--key", "k1"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [str(r.url) for r in seen] == ["http://api.test/api/v2/query"] * 2
    assert seen[0].headers["authorization"] == "Bearer k1"
    live = f"{corpus.as_posix()}/simple-aggregate/response.json (live)"
    assert any(line.startswith(f"{live}: #/meta:") for line in out)
    assert "ok    invalid-unknown-metric" in out
    assert "sent to http://api.test/" in out[-1]


def test_endpoint_status_and_key(
    corpus: Path,
    no_engine: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    copy_example(corpus, "simple-aggregate")
    _mock_endpoint(
        monkeypatch, lambda query: httpx.Response(401, json={"error": "Invalid API key"})
    )
    monkeypatch.delenv(client.KEY_VARIABLE, raising=False)
    args = ["examples", "check", "--root", str(corpus), "--endpoint", "http://api.test"]
    assert main(args) == 2
    assert "--endpoint needs --key" in capsys.readouterr().err
    monkeypatch.setenv(client.KEY_VARIABLE, "from-env")
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "http://api.test/api/v2/query answered status 401, the example expects 200" in out


def _older_api_answer(stored: dict[str, Any]) -> dict[str, Any]:
    """``stored`` as an API of mid-2024 gave it: no site_id, include or pagination in the echo,
    the dates repeated as sent."""
    echoed = {
        k: v for k, v in stored["query"].items() if k not in ("site_id", "include", "pagination")
    }
    return {**stored, "query": {**echoed, "date_range": ["2026-10-26", "2026-11-01"]}}


def _check_older_answer(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, change: Any, *options: str
) -> int:
    """``examples check --endpoint`` of simple-aggregate against an older API's answer, passed
    through ``change``."""
    copy_example(corpus, "simple-aggregate")
    stored = json.loads((EXAMPLES / "simple-aggregate" / "response.json").read_text())
    answer = change(_older_api_answer(stored))
    _mock_endpoint(monkeypatch, lambda query: httpx.Response(200, json=answer))
    endpoint = ["--endpoint", "http://api.test", "--key", "k"]
    return main(["examples", "check", "--root", str(corpus), *endpoint, *options])


@pytest.mark.parametrize(("strict", "status"), [(False, 0), (True, 1)])
def test_an_older_api_answer_is_a_warning_unless_strict(
    strict: bool,
    status: int,
    corpus: Path,
    no_engine: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    options = ["--strict"] if strict else []
    assert _check_older_answer(corpus, monkeypatch, lambda body: body, *options) == status
    out = capsys.readouterr().out.splitlines()
    live = f"{corpus.as_posix()}/simple-aggregate/response.json (live): #"
    if strict:
        assert any(line.startswith(live) for line in out)
        assert "FAIL  simple-aggregate" in out
    else:
        warned = [line for line in out if line.startswith(f"warning: {live}")]
        assert warned and all("older API version" in line for line in warned)
        assert "ok    simple-aggregate" in out
        assert out[-1].count("warnings") == 1


def test_a_broken_answer_fails_even_beside_older_fields(
    corpus: Path,
    no_engine: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(body: dict[str, Any]) -> dict[str, Any]:
        body["results"][0]["metrics"] = ["many"]
        return body

    assert _check_older_answer(corpus, monkeypatch, broken) == 1
    assert "FAIL  simple-aggregate" in capsys.readouterr().out
