"""Security headers on every answer, a CSP that fits the site, redirects that stay relative."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from statsref.server import app as app_module
from statsref.server.headers import (
    FIXED_HEADERS,
    content_security_policy,
    inline_script_hashes,
    relative_location,
)

from .conftest import AUTH
from .test_app import QUERY

pytestmark = pytest.mark.anyio

INLINE = "var palette = 1;"
PAGE = (
    f"<html><head><script>{INLINE}</script>"
    '<script id="__config" type="application/json">{"a": 1}</script>'
    '<script src="assets/bundle.js"></script></head><body>home</body></html>'
)


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "index.html").write_text(PAGE)
    (site / "guide" / "index.html").write_text("<script>other()</script>")
    return site


@pytest.fixture
async def site_client(make_client, settings, site_dir):
    return await make_client(settings, site_dir=site_dir, cors_origins=("https://docs.example",))


def assert_protected(response) -> None:
    for name, value in FIXED_HEADERS.items():
        assert response.headers[name] == value, name
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "'wasm-unsafe-eval'" in policy


async def test_every_kind_of_answer_carries_the_headers(site_client):
    answers = [
        await site_client.get("/"),
        await site_client.post("/api/v2/query", json=QUERY, headers=AUTH),
        await site_client.post("/api/v2/query", json={}, headers=AUTH),
        await site_client.get("/api/nothing"),
        await site_client.get("/health"),
        await site_client.options(
            "/api/v2/query",
            headers={"Origin": "https://docs.example", "Access-Control-Request-Method": "POST"},
        ),
    ]
    assert [a.status_code for a in answers] == [200, 200, 400, 404, 200, 200]
    for answer in answers:
        assert_protected(answer)


async def test_the_last_resort_500_carries_them_too(site_client, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(app_module, "run_query", explode)
    response = await site_client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert response.status_code == 500
    assert_protected(response)


async def test_the_policy_allows_the_site_inline_scripts_by_hash(site_client):
    policy = (await site_client.get("/")).headers["content-security-policy"]
    assert f"'{sha256(INLINE)}'" in policy and f"'{sha256('other()')}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_inline_script_hashes_skip_external_scripts_and_data_blocks(site_dir):
    assert inline_script_hashes(site_dir) == {sha256(INLINE), sha256("other()")}
    assert inline_script_hashes(site_dir / "missing") == set()


def test_policy_without_a_site():
    assert content_security_policy().startswith("default-src 'self'; script-src 'self' ")


async def test_redirects_never_reflect_the_host_header(site_client):
    response = await site_client.post(
        "/api/v2/query/", json=QUERY, headers={**AUTH, "Host": "evil.example"}
    )
    assert response.status_code in (307, 308)
    assert response.headers["location"] == "/api/v2/query"


@pytest.mark.parametrize(
    ("location", "relative"),
    [
        ("http://evil.example/guide/?q=1#top", "/guide/?q=1#top"),
        ("//evil.example/login", "/login"),
        ("/\\evil.example/login", "/evil.example/login"),
        ("https://evil.example", "/"),
        ("/guide/", "/guide/"),
        ("guide/", "guide/"),
    ],
)
def test_relative_location(location, relative):
    assert relative_location(location) == relative
