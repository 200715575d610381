"""A copy of a documentation repository's layout, written by the tests: the Stats API docs
keep their examples as ``src/js/apiv2-examples/<name>-query.json`` and ``-response.json``,
rows on one line each. The pairs here are examples of our corpus, laid out that way, so the
engine answers them exactly at the corpus clock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from serving import statsref_serve
from statsref.cli import main
from statsref.validate.files import JsonFile, Pair, Unusable, find, read

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
NOW = "2026-11-02T14:30:00+00:00"
LAYOUT = "src/js/apiv2-examples"
PAIRS = (
    "simple-aggregate",
    "timeseries-by-day",
    "utm-medium-and-source",
    "custom-properties",
    "filter-utm-and-country",
    "segment-filter",
    "case-insensitive-filter",
    "behavioral-has-done",
    "imports-included",
    "imports-skipped",
    "pagination-total-rows",
    "revenue-metrics",
    "revenue-warning",
    "hourly-time-labels",
    "country-and-city",
    "custom-date-range",
)
WIDTH = 90


def docs_style(value: Any, depth: int = 0) -> str:
    """JSON with a two-space indent, any part that fits in ``WIDTH`` columns on one line."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or not value or len(flat) + 2 * depth <= WIDTH:
        return flat
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k)}: {docs_style(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    items = [pad + docs_style(item, depth + 1) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * depth + "]"


def write(path: Path, value: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(docs_style(value) + "\n", encoding="utf-8")
    return path


def corpus_file(slug: str, name: str) -> Any:
    return json.loads((EXAMPLES / slug / name).read_text(encoding="utf-8"))


def older(response: dict[str, Any]) -> dict[str, Any]:
    """``response`` as an API of mid-2024 gave it: no site_id, include or pagination in the
    echo, the range echoed as two dates."""
    left_out = ("site_id", "include", "pagination")
    echo = {k: v for k, v in response["query"].items() if k not in left_out}
    days = [moment[:10] for moment in echo["date_range"]]
    return {**response, "query": {**echo, "date_range": days}}


@pytest.fixture
def docs_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root holding ``src/js/apiv2-examples/`` with 16 pairs, a query alone and
    a JSON fragment that is neither a query nor a response; the working directory is the
    root, as in CI."""
    folder = tmp_path / LAYOUT
    for slug in PAIRS:
        write(folder / f"{slug}-query.json", corpus_file(slug, "query.json"))
        write(folder / f"{slug}-response.json", corpus_file(slug, "response.json"))
    write(folder / "first-request.json", corpus_file("simple-aggregate", "query.json"))
    write(folder / "response-meta.json", {"imports_included": False, "total_rows": 42})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``statsref validate *args``: exit code, stdout, stderr."""
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def load(path: Path) -> JsonFile | Unusable:
    """The one file ``path`` names, read as ``statsref validate`` reads it."""
    found, unusable = find([str(path)])
    assert unusable == []
    (named,) = [one for one in found if one.named]
    return read(named)


def load_pair(folder: Path, slug: str, query: Any, response: Any) -> Pair:
    """``<slug>-query.json`` and ``<slug>-response.json`` written to ``folder`` and paired."""
    files = [load(write(folder / f"{slug}-{kind}.json", value)) for kind, value in
             (("query", query), ("response", response))]  # fmt: skip
    assert all(isinstance(file, JsonFile) for file in files)
    return Pair(*files)  # type: ignore[arg-type]


LIVE_KEY = "validate-test-key"


@pytest.fixture(scope="session")
def live_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``statsref serve`` with its clock pinned to the corpus's: a live API whose
    answers are the corpus's responses."""
    folder = tmp_path_factory.mktemp("serve")
    options = ("--now", NOW, "--site-dir", str(folder / "no-site"), "--keys", LIVE_KEY)
    with statsref_serve(*options, log=folder / "serve.log") as url:
        yield url
