"""The build cache: made once, reused after, never left half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from statsref.docsgen.buildcache import BuildCache, digest


def test_a_file_is_made_once_then_reused(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    made = []

    def make(path: Path) -> None:
        made.append(path)
        path.write_text("result")

    assert cache.get("sub/one.txt", make).read_text() == "result"
    assert cache.get("sub/one.txt", make).read_text() == "result"
    assert len(made) == 1


def test_a_failed_make_leaves_nothing_behind(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")

    def interrupted(path: Path) -> None:
        path.write_text("half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        cache.get("one.txt", interrupted)
    assert not cache.has("one.txt")
    assert list((tmp_path / "cache").iterdir()) == []


def test_digest_tells_apart_the_same_bytes_split_differently() -> None:
    assert digest(b"ab", b"c") != digest(b"a", b"bc")
    assert digest(b"ab", b"c") == digest(b"ab", b"c")
