"""Finding the files, reading them, recognising queries and responses, pairing them by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from statsref.validate.files import (
    QUERY,
    RESPONSE,
    JsonFile,
    Unusable,
    find,
    kind_of,
    named_kind,
    pair,
    read,
)

from .conftest import LAYOUT, load, write

QUERY_BODY = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
SUCCESS = {"results": [{"metrics": [1], "dimensions": []}], "meta": {}, "query": {}}


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (QUERY_BODY, QUERY),
        ({"$schema": "../schema.json", "metrics": ["visitors"]}, QUERY),
        ({"dimensions": ["event:page"]}, QUERY),
        (SUCCESS, RESPONSE),
        ({"results": []}, RESPONSE),
        ({"error": "Invalid metric"}, RESPONSE),
        ({"imports_included": False, "total_rows": 3}, None),
        ({"metrics": ["visitors"], "results": []}, None),
        ({}, None),
        ([QUERY_BODY], None),
        ("query", None),
    ],
)
def test_content_says_what_a_file_holds(value: object, kind: str | None) -> None:
    assert kind_of(value) == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("utm-query.json", QUERY),
        ("query.json", QUERY),
        ("utm-response.json", RESPONSE),
        ("response.json", RESPONSE),
        ("utm-request.json", None),
        ("queryjson.json", None),
    ],
)
def test_names_say_what_a_file_should_hold(name: str, kind: str | None) -> None:
    assert named_kind(name) == kind


def shown(tmp_path: Path, *arguments: str) -> list[tuple[str, bool]]:
    found, unusable = find([str(tmp_path / a) for a in arguments])
    assert unusable == []
    return [(Path(f.shown).relative_to(tmp_path).as_posix(), f.named) for f in found]


def test_folders_are_searched_for_json_files(tmp_path: Path) -> None:
    for name in ("a/x-query.json", "a/deep/er/y.json", "a/.git/z.json", "a/node_modules/p.json"):
        write(tmp_path / name, {})
    (tmp_path / "a" / "notes.md").write_text("# not JSON")
    assert shown(tmp_path, "a") == [("a/deep/er/y.json", False), ("a/x-query.json", False)]


def test_globs_are_expanded_recursively_and_files_are_listed_once(tmp_path: Path) -> None:
    for name in ("a/x-query.json", "a/x-response.json", "b/c/y-query.json", "b/y.json"):
        write(tmp_path / name, {})
    assert shown(tmp_path, "**/y*.json", "b/y.json") == [
        ("b/c/y-query.json", False),
        ("b/y.json", False),
    ]
    assert shown(tmp_path, "b/y.json") == [("b/y.json", True)]
    assert shown(tmp_path, "[ab]") == [
        ("a/x-query.json", False),
        ("a/x-response.json", False),
        ("b/c/y-query.json", False),
        ("b/y.json", False),
    ]


def test_a_file_brings_its_partner_along(tmp_path: Path) -> None:
    for name in ("a/x-query.json", "a/x-response.json", "b/query.json", "b/response.json"):
        write(tmp_path / name, {})
    assert shown(tmp_path, "a/x-response.json", "b/query.json") == [
        ("a/x-query.json", False),
        ("a/x-response.json", True),
        ("b/query.json", True),
        ("b/response.json", False),
    ]
    assert shown(tmp_path, "a/x-*.json") == [
        ("a/x-query.json", False),
        ("a/x-response.json", False),
    ]


def test_paths_that_name_nothing_are_unusable(tmp_path: Path) -> None:
    found, unusable = find([str(tmp_path / "missing.json"), str(tmp_path / "*.json")])
    assert found == []
    assert [u.message for u in unusable] == [
        "no such file or folder",
        "no file or folder matches this pattern",
    ]


def test_reading_recognises_the_content(tmp_path: Path) -> None:
    file = load(write(tmp_path / "anything.json", QUERY_BODY))
    assert isinstance(file, JsonFile)
    assert (file.kind, file.value, file.found.named) == (QUERY, QUERY_BODY, True)


def test_unreadable_files_say_why(tmp_path: Path) -> None:
    latin = tmp_path / "latin-1.json"
    latin.write_bytes(b'{"site_id": "caf\xe9"}')
    problem = load(latin)
    assert isinstance(problem, Unusable)
    assert problem.message.startswith("cannot read the file: 'utf-8' codec can't decode")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "gone.json").symlink_to(tmp_path / "nowhere.json")
    (found,), _ = find([str(tmp_path / "folder")])
    problem = read(found)
    assert isinstance(problem, Unusable)
    assert problem.message.startswith("cannot read the file: [Errno 2] No such file")


def test_text_that_is_not_json_is_placed(tmp_path: Path) -> None:
    path = tmp_path / "x-query.json"
    path.write_text('{\n  "site_id": "dummy.site",\n  "metrics": [visitors]\n}\n')
    assert load(path) == Unusable(path.as_posix(), "not JSON: Expecting value", 3, 15)
    path.write_text("[" * 5_000 + "]" * 5_000)
    assert load(path) == Unusable(path.as_posix(), "not readable: the JSON nests too deep")


def files_in(folder: Path, contents: dict[str, object]) -> list[JsonFile]:
    for name, value in contents.items():
        write(folder / name, value)
    found, _ = find([str(folder)])
    return [file for file in map(read, found) if isinstance(file, JsonFile)]


def names(files: list[JsonFile]) -> list[str]:
    return [Path(file.shown).name for file in files]


def test_pairs_by_stem_and_by_folder(tmp_path: Path) -> None:
    files = files_in(
        tmp_path,
        {
            f"{LAYOUT}/utm-query.json": QUERY_BODY,
            f"{LAYOUT}/utm-response.json": SUCCESS,
            f"{LAYOUT}/utm-request.json": QUERY_BODY,
            f"{LAYOUT}/lonely-query.json": QUERY_BODY,
            "examples/one/query.json": QUERY_BODY,
            "examples/one/response.json": {"error": "Invalid metric"},
            "examples/two/query.json": QUERY_BODY,
            "examples/three/response.json": SUCCESS,
        },
    )
    pairs, alone = pair(files)
    assert [(p.query.shown, p.response.shown) for p in pairs] == [
        (str(tmp_path / "examples/one/query.json"), str(tmp_path / "examples/one/response.json")),
        (str(tmp_path / f"{LAYOUT}/utm-query.json"), str(tmp_path / f"{LAYOUT}/utm-response.json")),
    ]
    assert names(alone) == ["response.json", "query.json", "lonely-query.json", "utm-request.json"]


def test_a_file_holding_the_other_kind_is_not_paired(tmp_path: Path) -> None:
    files = files_in(tmp_path, {"swap-query.json": SUCCESS, "swap-response.json": QUERY_BODY})
    pairs, alone = pair(files)
    assert pairs == []
    assert names(alone) == ["swap-query.json", "swap-response.json"]
