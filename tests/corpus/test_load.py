"""Reading examples: every unreadable file becomes one clear problem, never a traceback."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from statsref.corpus.load import CorpusError, load_corpus, load_example, pointer
from statsref.files import EXAMPLE_BYTES

from .conftest import EXAMPLES, copy_example


def problems_of(folder: Path) -> list[str]:
    example, problems = load_example(folder, f"examples/{folder.name}")
    assert example is None
    return [str(p) for p in problems]


def test_pointer_escapes_and_uses_fragment_form() -> None:
    assert pointer() == "#"
    assert pointer("results", 0, "metrics") == "#/results/0/metrics"
    assert pointer("a/b", "c~d") == "#/a~1b/c~0d"


def test_loads_an_example() -> None:
    example, problems = load_example(EXAMPLES / "simple-aggregate", "examples/simple-aggregate")
    assert problems == []
    assert example is not None
    assert example.meta.now == datetime(2026, 11, 2, 14, 30, tzinfo=UTC)
    assert example.meta.site == "dummy.site"
    assert example.query["date_range"] == "7d"
    assert example.path("response.json") == "examples/simple-aggregate/response.json"


def test_invalid_json(corpus: Path) -> None:
    folder = copy_example(corpus, "simple-aggregate")
    (folder / "query.json").write_text('{"site_id": "dummy.site",}')
    assert problems_of(folder) == [
        "examples/simple-aggregate/query.json: #: invalid JSON at line 1 column 26: "
        "Expecting property name enclosed in double quotes"
    ]


def test_missing_file(corpus: Path) -> None:
    folder = copy_example(corpus, "simple-aggregate")
    (folder / "example.toml").unlink()
    assert problems_of(folder) == ["examples/simple-aggregate/example.toml: #: file is missing"]


def test_bad_toml(corpus: Path) -> None:
    folder = copy_example(corpus, "simple-aggregate")
    (folder / "example.toml").write_text("title = \n")
    [line] = problems_of(folder)
    assert line.startswith("examples/simple-aggregate/example.toml: #: invalid TOML: ")


def test_a_response_larger_than_the_limit_is_not_read(corpus: Path) -> None:
    """A 75 MB response took 87 s and 812 MB to check."""
    folder = copy_example(corpus, "simple-aggregate")
    (folder / "response.json").write_text(" " * (EXAMPLE_BYTES + 1))
    assert problems_of(folder) == [
        "examples/simple-aggregate/response.json: #: cannot read the file: more than "
        f"{EXAMPLE_BYTES:,} bytes, the limit"
    ]


def test_a_symlink_to_a_device_is_not_read(corpus: Path) -> None:
    """A symlink to /dev/zero was read until MemoryError."""
    folder = copy_example(corpus, "simple-aggregate")
    (folder / "response.json").unlink()
    (folder / "response.json").symlink_to("/dev/zero")
    assert problems_of(folder) == [
        "examples/simple-aggregate/response.json: #: cannot read the file: a character device, "
        "not a regular file"
    ]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("query.json", "[" * 100_000, "invalid JSON: nested too deeply"),
        ("example.toml", "x = " + "[" * 100_000, "invalid TOML: nested too deeply"),
    ],
)
def test_deep_nesting_is_a_problem_not_a_traceback(
    corpus: Path, name: str, text: str, expected: str
) -> None:
    folder = copy_example(corpus, "simple-aggregate")
    (folder / name).write_text(text)
    assert problems_of(folder) == [f"examples/simple-aggregate/{name}: #: {expected}"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('title = ""', "#/title: expected non-empty text"),
        ('now = "yesterday"', "#/now: expected an ISO 8601 datetime with offset, got 'yesterday'"),
        ("now = 2026-11-02T14:30:00", "#/now: the datetime '2026-11-02T14:30:00' needs an offset"),
        ("status = true", "#/status: expected 200, 400 or 402, got True"),
        ('order = "1"', "#/order: expected an integer, got '1'"),
        ('site = "example.com"', "#/site: unknown site 'example.com'"),
    ],
)
def test_bad_metadata_fields(corpus: Path, line: str, expected: str) -> None:
    folder = copy_example(corpus, "simple-aggregate")
    key = line.split(" =")[0]
    kept = [x for x in (folder / "example.toml").read_text().splitlines() if not x.startswith(key)]
    (folder / "example.toml").write_text("\n".join([*kept, line]) + "\n")
    [problem] = problems_of(folder)
    assert problem.startswith(f"examples/simple-aggregate/example.toml: {expected}")


def test_native_toml_datetime_is_accepted(corpus: Path) -> None:
    folder = copy_example(corpus, "simple-aggregate")
    text = (folder / "example.toml").read_text()
    (folder / "example.toml").write_text(
        text.replace('"2026-11-02T14:30:00+00:00"', "2026-11-02T14:30:00Z")
    )
    example, problems = load_example(folder, "x")
    assert problems == [] and example is not None
    assert example.meta.now == datetime(2026, 11, 2, 14, 30, tzinfo=UTC)


def test_missing_and_unknown_metadata_keys(corpus: Path) -> None:
    folder = copy_example(corpus, "simple-aggregate")
    (folder / "example.toml").write_text(
        'title = "t"\nsummary = "s"\nsite = "dummy.site"\nstatus = 200\norder = 1\nnotes = "x"\n'
    )
    assert problems_of(folder) == [
        "examples/simple-aggregate/example.toml: #/now: required key is missing",
        "examples/simple-aggregate/example.toml: #/notes: unknown key",
    ]


def test_empty_and_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no examples found"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="corpus folder not found"):
        load_corpus(tmp_path / "nowhere")


def test_load_corpus_sorts_by_order_and_reports_duplicates(corpus: Path) -> None:
    copy_example(corpus, "simple-aggregate")
    copy_example(corpus, "custom-date-range")
    slugs = [example.slug for example in load_corpus(corpus)]
    assert slugs == ["simple-aggregate", "custom-date-range"]
    copy_example(corpus, "simple-aggregate", as_slug="again")
    with pytest.raises(CorpusError, match="order 10 is already used by again"):
        load_corpus(corpus)


def test_the_real_corpus_loads_in_order() -> None:
    examples = load_corpus(EXAMPLES)
    orders = [example.meta.order for example in examples]
    assert orders == sorted(orders)
    assert examples[0].slug == "simple-aggregate"
