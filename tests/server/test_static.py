"""The built site as ``serve`` sends it: compressed copies, caching, cross-origin reads,
dotfiles, redirects."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli
import pytest

from statsref.server.static import IMMUTABLE, REVALIDATE, accepted_encoding, fingerprinted

pytestmark = pytest.mark.anyio

WASM = b"\0asm" + bytes(range(256)) * 40
SCRIPT = b"export const answer = 42;\n" * 100
CHROME = "gzip, deflate, br, zstd"
PACK = "/assets/playground/python-0123456789ab.zip"


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    runtime = site / "assets" / "playground" / "pyodide-0123456789ab"
    runtime.mkdir(parents=True)
    (site / "index.html").write_text("<h1>home</h1>")
    (site / "404.html").write_text("<h1>lost</h1>")
    (site / "guide").mkdir()
    (site / "guide" / "index.html").write_text("<h1>guide</h1>")
    _with_copies(runtime / "pyodide.asm.wasm", WASM)
    _with_copies(site / "assets" / "playground" / "worker.mjs", SCRIPT)
    (site / PACK.lstrip("/")).write_bytes(b"PK")
    (site / ".env").write_text("SECRET=1")
    (site / "assets" / ".cache").mkdir()
    (site / "assets" / ".cache" / "notes.txt").write_text("private")
    return site


def _with_copies(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data))
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, mtime=0))


@pytest.fixture
async def client(make_client, settings, site_dir):
    return await make_client(settings, site_dir=site_dir)


WASM_URL = "/assets/playground/pyodide-0123456789ab/pyodide.asm.wasm"
WASM_PATH = WASM_URL.lstrip("/")


async def _get(client, url: str, **headers: str):
    """The response with its body as sent (``Content-Encoding`` left undone); header names
    are given with ``_`` for ``-``."""
    sent = {name.replace("_", "-"): value for name, value in headers.items()}
    async with client.stream("GET", url, headers=sent) as response:
        response.raw = b"".join([chunk async for chunk in response.aiter_raw()])
    return response


async def test_a_browser_accepting_brotli_gets_the_brotli_copy(client, site_dir) -> None:
    response = await _get(client, WASM_URL, accept_encoding=CHROME)
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "br"
    assert response.headers["content-type"] == "application/wasm"
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.raw == (site_dir / f"{WASM_PATH}.br").read_bytes()
    assert int(response.headers["content-length"]) == len(response.raw)
    assert brotli.decompress(response.raw) == WASM


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0.5, br;q=0.4", "gzip"),
        ("*", "br"),
        ("identity", None),
        ("br;q=0, gzip;q=0", None),
        ("", None),
    ],
)
async def test_the_coding_follows_accept_encoding(client, accept, coding) -> None:
    response = await _get(client, "/assets/playground/worker.mjs", accept_encoding=accept)
    assert response.headers.get("content-encoding") == coding
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["vary"] == "Accept-Encoding"
    assert int(response.headers["content-length"]) == len(response.raw)
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[coding]
    assert decode(response.raw) == SCRIPT


async def test_each_coding_has_its_own_etag_and_304(client) -> None:
    url = "/assets/playground/worker.mjs"
    tags = {
        accept: (await _get(client, url, accept_encoding=accept)).headers["etag"]
        for accept in ("br", "gzip", "identity")
    }
    assert len(set(tags.values())) == 3
    cached = await client.get(url, headers={"accept-encoding": "br", "if-none-match": tags["br"]})
    assert cached.status_code == 304
    assert cached.headers["vary"] == "Accept-Encoding"
    assert cached.headers["cache-control"] == REVALIDATE
    other = await client.get(url, headers={"accept-encoding": "gzip", "if-none-match": tags["br"]})
    assert other.status_code == 200


async def test_a_range_request_gets_ranges_of_the_file_itself(client) -> None:
    response = await _get(client, WASM_URL, accept_encoding=CHROME, range="bytes=0-3")
    assert response.status_code == 206
    assert "content-encoding" not in response.headers
    assert response.raw == b"\0asm"


async def test_head_gives_the_length_of_the_copy(client, site_dir) -> None:
    response = await client.head(WASM_URL, headers={"accept-encoding": "br"})
    assert response.headers["content-encoding"] == "br"
    assert int(response.headers["content-length"]) == (site_dir / f"{WASM_PATH}.br").stat().st_size


async def test_a_copy_older_than_its_file_is_not_sent(client, site_dir) -> None:
    wasm = site_dir / WASM_PATH
    stale = wasm.stat().st_mtime - 60
    os.utime(wasm.with_name(wasm.name + ".br"), (stale, stale))
    response = await _get(client, WASM_URL, accept_encoding="br, gzip")
    assert response.headers["content-encoding"] == "gzip"


async def test_hashed_files_are_immutable_and_the_rest_revalidates(client) -> None:
    for url in (WASM_URL, PACK):
        assert (await client.get(url)).headers["cache-control"] == IMMUTABLE, url
    for url in ("/", "/guide/", "/assets/playground/worker.mjs"):
        assert (await client.get(url)).headers["cache-control"] == REVALIDATE, url
    missing = await client.get("/no/such/page")
    assert missing.status_code == 404 and missing.headers["cache-control"] == REVALIDATE


async def test_any_origin_may_read_the_files_as_embedded_widgets_do(
    make_client, settings, site_dir
) -> None:
    """A page elsewhere loads ``embed.js``, the worker and Pyodide in CORS mode; the API keeps
    its own rules (no CORS unless ``--cors-origin`` names the origin)."""
    client = await make_client(settings, site_dir=site_dir)
    origin = {"origin": "https://blog.example.org"}
    script = await _get(client, "/assets/playground/worker.mjs", accept_encoding="br", **origin)
    assert script.headers["access-control-allow-origin"] == "*"
    wasm = await client.get(WASM_URL, headers=origin)
    assert wasm.headers["access-control-allow-origin"] == "*"
    cached = await client.get(
        "/assets/playground/worker.mjs",
        headers={**origin, "accept-encoding": "br", "if-none-match": script.headers["etag"]},
    )
    assert cached.status_code == 304
    assert cached.headers["access-control-allow-origin"] == "*"
    assert "content-security-policy" in script.headers  # the security headers stay
    api = await client.post("/api/v2/query", json={}, headers=origin)
    assert "access-control-allow-origin" not in api.headers
    allowed = await make_client(settings, site_dir=site_dir, cors_origins=(origin["origin"],))
    named = await allowed.get(WASM_URL, headers=origin)
    assert named.headers["access-control-allow-origin"] == origin["origin"]


@pytest.mark.parametrize(
    ("path", "hashed"),
    [
        ("/assets/javascripts/bundle.a5f9d56c.min.js", True),
        ("/assets/stylesheets/main.57a0d79d.min.css", True),
        ("/assets/playground/editor-SG6E2COV.mjs", True),
        ("/assets/playground/pyodide-3cd5d5a6dd34/pyodide.mjs", True),
        ("/assets/playground/python-f2184413e59c.zip", True),
        ("/assets/playground/playground.mjs", False),
        ("/assets/images/diagram-20240101.png", False),
        ("/assets/javascripts/lunr/min/lunr.stemmer.support.min.js", False),
        ("/guides/filters-DEADBEEF/", False),
    ],
)
def test_fingerprinted_paths(path: str, hashed: bool) -> None:
    assert fingerprinted(path) is hashed


@pytest.mark.parametrize("url", ["/.env", "/assets/.cache/notes.txt", "/assets/.cache/"])
async def test_dotfiles_are_never_served(client, url) -> None:
    response = await client.get(url)
    assert response.status_code == 404
    assert "lost" in response.text


@pytest.mark.parametrize(
    ("url", "location"),
    [("/guide", "/guide/"), ("/guide?tab=2", "/guide/?tab=2"), ("//guide", "/guide/")],
)
async def test_a_folder_without_its_slash_redirects_to_a_path_on_this_server(
    client, url, location
) -> None:
    response = await client.get(
        f"http://testserver{url}", headers={"host": "evil.example"}, follow_redirects=False
    )
    assert response.status_code == 307
    assert response.headers["location"] == location


@pytest.mark.parametrize(
    "url", [f"{WASM_URL}.br", f"{WASM_URL}.gz", "/assets/playground/worker.mjs.gz"]
)
async def test_a_compressed_copy_is_never_served_under_its_own_name(client, url) -> None:
    """``<file>.gz`` was sent as the gzip bytes with the file's type and no Content-Encoding."""
    response = await client.get(url, headers={"accept-encoding": CHROME})
    assert response.status_code == 404
    assert "content-encoding" not in response.headers
    assert "lost" in response.text


async def test_a_compressed_file_that_is_no_copy_is_served(client, site_dir) -> None:
    (site_dir / "data.tar.gz").write_bytes(gzip.compress(b"rows", mtime=0))
    response = await _get(client, "/data.tar.gz")
    assert response.status_code == 200
    assert gzip.decompress(response.raw) == b"rows"


def test_accepted_encoding_prefers_brotli_on_a_tie() -> None:
    assert accepted_encoding("gzip, br", ["br", "gzip"]) == "br"
    assert accepted_encoding("br", ["gzip"]) is None
    assert accepted_encoding("*;q=0, gzip", ["br", "gzip"]) == "gzip"
    assert accepted_encoding("br;q=bogus, gzip", ["br", "gzip"]) == "gzip"
