"""Reading the commands' files and streams within bounds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from statsref.files import FileError, MissingFile, read_file, read_stream


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    path.write_bytes(b"x" * 10)
    assert read_file(path, 10) == "x" * 10
    with pytest.raises(FileError, match=r"^more than 9 bytes, the limit$"):
        read_file(path, 9)


def test_a_symlink_to_a_regular_file_is_followed(tmp_path: Path) -> None:
    (tmp_path / "q.json").write_text("{}")
    (tmp_path / "link.json").symlink_to(tmp_path / "q.json")
    assert read_file(tmp_path / "link.json", 10) == "{}"


def test_a_missing_file_is_told_apart(tmp_path: Path) -> None:
    with pytest.raises(MissingFile, match=r"^no such file$"):
        read_file(tmp_path / "nope.json", 10)


def test_a_stream_is_read_up_to_its_limit_and_must_be_utf8() -> None:
    assert read_stream(io.BytesIO("é".encode()), 2) == "é"
    with pytest.raises(FileError, match=r"^more than 2 bytes"):
        read_stream(io.BytesIO(b"abc"), 2)
    with pytest.raises(FileError, match=r"^not UTF-8 text \(byte 1\)$"):
        read_stream(io.BytesIO(b"a\xff"), 10)
