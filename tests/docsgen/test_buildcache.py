"""The build cache: made once, reused after, never left half-written."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from statsref.docsgen.buildcache import UNUSED_FOR, BuildCache, digest


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


def test_prune_removes_the_entries_no_build_used_lately(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    for name in ("old.txt", "reused.txt", "new.txt"):
        cache.get(name, lambda path: path.write_text("x"))
    long_ago = time.time() - UNUSED_FOR - 60
    for name in ("old.txt", "reused.txt"):
        os.utime(tmp_path / "cache" / name, (long_ago, long_ago))
    cache.get("reused.txt", lambda path: path.write_text("made again"))  # a use renews it
    assert cache.prune() == 1
    assert not cache.has("old.txt")
    assert (tmp_path / "cache" / "reused.txt").read_text() == "x"
    assert cache.has("new.txt")


def test_digest_tells_apart_the_same_bytes_split_differently() -> None:
    assert digest(b"ab", b"c") != digest(b"a", b"bc")
    assert digest(b"ab", b"c") == digest(b"ab", b"c")
