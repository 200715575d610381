"""Loading the example corpus for the docs, and the errors that name the bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statsref.docsgen.examples import ExampleError, load_examples

TOML = """title = "T {order}"
summary = \"\"\"One
paragraph.\"\"\"
now = {now}
site = "dummy.site"
status = {status}
order = {order}
"""


def write(
    root: Path,
    slug: str,
    *,
    order: int,
    status: int = 200,
    now: str = '"2026-11-02T14:30:00+00:00"',
) -> Path:
    folder = root / slug
    folder.mkdir(parents=True)
    (folder / "example.toml").write_text(TOML.format(order=order, status=status, now=now))
    (folder / "query.json").write_text(json.dumps({"site_id": "dummy.site"}))
    (folder / "response.json").write_text(json.dumps({"error": "x"} if status != 200 else {}))
    return folder


def test_examples_come_in_corpus_order(tmp_path: Path) -> None:
    write(tmp_path, "b-second", order=2)
    write(tmp_path, "a-third", order=3, status=400)
    write(tmp_path, "c-first", order=1)

    examples = load_examples(tmp_path)

    assert [e.slug for e in examples] == ["c-first", "b-second", "a-third"]
    assert [e.valid for e in examples] == [True, True, False]
    assert examples[0].summary == "One\nparagraph."
    assert examples[0].as_json()["query"] == {"site_id": "dummy.site"}
    assert "order" not in examples[0].as_json()
    words = examples[0].as_json()["words"]
    assert words == "Add at least one metric. Add a date_range, such as 7d."


def test_a_native_toml_datetime_becomes_iso_text(tmp_path: Path) -> None:
    write(tmp_path, "x", order=1, now="2026-11-02T14:30:00+00:00")
    assert load_examples(tmp_path)[0].now == "2026-11-02T14:30:00+00:00"


def test_a_missing_folder_is_an_empty_corpus(tmp_path: Path) -> None:
    assert load_examples(tmp_path / "absent") == []


def test_invalid_json_names_the_file(tmp_path: Path) -> None:
    folder = write(tmp_path, "broken", order=1)
    (folder / "response.json").write_text("{")
    with pytest.raises(ExampleError, match=r"broken/response\.json: #: invalid JSON at line 1"):
        load_examples(tmp_path)


def test_a_missing_file_names_the_file(tmp_path: Path) -> None:
    folder = write(tmp_path, "broken", order=1)
    (folder / "query.json").unlink()
    with pytest.raises(ExampleError, match=r"broken/query\.json: #: file is missing"):
        load_examples(tmp_path)


def test_a_missing_key_names_the_key(tmp_path: Path) -> None:
    folder = write(tmp_path, "broken", order=1)
    toml = (folder / "example.toml").read_text().replace('site = "dummy.site"\n', "")
    (folder / "example.toml").write_text(toml)
    missing = r"broken/example\.toml: #/site: required key is missing"
    with pytest.raises(ExampleError, match=missing):
        load_examples(tmp_path)


def test_a_rejected_example_carries_its_pointer_and_hint(tmp_path: Path) -> None:
    """So the playground marks it and says what to change without starting the engine."""
    folder = write(tmp_path, "bad", order=1, status=400)
    query = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
    (folder / "query.json").write_text(json.dumps({**query, "order_by": [["events", "desc"]]}))
    record = load_examples(tmp_path)[0].as_json()
    assert record["pointer"] == "/order_by/0"
    assert record["hint"].startswith("Sort only by what the query asks for: add `events`")
