"""Precompressed copies of the built site: which files get them, and the cache behind them."""

from __future__ import annotations

import gzip
import logging
import os
from pathlib import Path

import brotli
import pytest

from statsref.docsgen import compress
from statsref.docsgen.buildcache import BuildCache
from statsref.docsgen.compress import MIN_SIZE, precompress

PAGE = b"<p>The same sentence, again and again.</p>\n" * 200


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_bytes(PAGE)
    (site / "assets" / "small.js").write_bytes(b"x" * (MIN_SIZE - 1))
    (site / "assets" / "photo.jpg").write_bytes(os.urandom(20_000))
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(PAGE))
    return site


@pytest.fixture
def cache(tmp_path: Path) -> BuildCache:
    return BuildCache(tmp_path / "cache")


def test_large_compressible_files_get_brotli_and_gzip_copies(site: Path, cache) -> None:
    written = precompress(site, cache)
    assert sorted(p.relative_to(site).as_posix() for p in written) == [
        "index.html.br",
        "index.html.gz",
    ]
    assert brotli.decompress((site / "index.html.br").read_bytes()) == PAGE
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == PAGE


def test_a_copy_is_written_only_when_smaller(site: Path, cache, monkeypatch) -> None:
    monkeypatch.setitem(compress.ENCODINGS, ".gz", lambda data: data + b"!")
    precompress(site, cache)
    assert (site / "index.html.br").exists()
    assert not (site / "index.html.gz").exists()


def test_a_rebuild_takes_the_copies_from_the_cache(site: Path, cache, monkeypatch, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="statsref.docs"):
        precompress(site, cache)
    assert "a one-off" in caplog.text
    caplog.clear()
    (site / "index.html.br").unlink()

    def fail(data: bytes) -> bytes:
        raise AssertionError("compressed again")

    monkeypatch.setitem(compress.ENCODINGS, ".br", fail)
    with caplog.at_level(logging.INFO, logger="statsref.docs"):
        precompress(site, cache)
    assert brotli.decompress((site / "index.html.br").read_bytes()) == PAGE
    assert "one-off" not in caplog.text
