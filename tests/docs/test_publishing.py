"""A build for a static host under a sub-path (``SITE_URL``), and the publishing guide's files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, build_site
from .test_site import loaded_urls

SITE_URL = "https://docs.example.org/stats/"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published")
    result = build_site(ROOT, out, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    return out


def test_canonical_links_carry_the_published_address(published: Path) -> None:
    page = (published / "getting-started" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}getting-started/">' in page


def test_the_sitemap_lists_pages_under_the_published_address(published: Path) -> None:
    locations = re.findall(r"<loc>([^<]+)</loc>", (published / "sitemap.xml").read_text())
    assert f"{SITE_URL}playground/" in locations
    assert all(url.startswith(SITE_URL) for url in locations)


def test_the_404_page_loads_its_assets_from_the_sub_path(published: Path) -> None:
    """A host serves 404.html at any depth, so its URLs are absolute paths under the site."""
    urls = loaded_urls((published / "404.html").read_text(encoding="utf-8"))
    assert any(url.endswith(".css") for url in urls)
    assert all(url.startswith("/stats/") for url in urls), urls


def test_a_default_build_is_addressed_where_statsref_serve_serves_it(built_site: Path) -> None:
    page = (built_site / "getting-started" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/getting-started/">' in page


def test_the_github_pages_workflow_builds_for_the_pages_address() -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "guides" / "github-pages.yml").read_text())
    build = workflow["jobs"]["build"]["steps"]
    docs = next(step for step in build if step.get("run") == "nox -s docs")
    assert docs["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert any(step.get("id") == "pages" for step in build)
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_the_guide_shows_the_workflow_file_as_it_is(built_site: Path) -> None:
    page = (built_site / "guides" / "publishing" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    assert "actions/deploy-pages@v4" in text
    assert "upload-pages-artifact" in text


def test_the_type_files_name_the_schemas_at_the_published_address(published: Path) -> None:
    for name in ("stats_api.d.ts", "stats_api.py"):
        header = (published / "schema" / name).read_text(encoding="utf-8")[:800]
        assert f"{SITE_URL}schema/query.schema.json" in header, name
        assert "statsref.example" not in header, name
