"""The built site: strict build, offline assets, complete reference, files for the playground."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from statsref import schema
from statsref.docsgen.examples import load_examples

from .conftest import ROOT, build_site, copy_project

# Attributes through which a page makes the browser fetch something.
LOADING_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
}
# <link> relations that fetch (canonical and alternate are only links).
LOADING_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
}


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and LOADING_RELS & set((values.get("rel") or "").split()):
            self.urls.append(values.get("href") or "")
        elif tag in LOADING_ATTRIBUTES and values.get(LOADING_ATTRIBUTES[tag]):
            self.urls.append(values[LOADING_ATTRIBUTES[tag]] or "")


def loaded_urls(page: str) -> list[str]:
    parser = _Loads()
    parser.feed(page)
    return parser.urls


def test_strict_build_writes_every_page(built_site: Path) -> None:
    for page in (
        "index.html",
        "404.html",
        "reference/metrics/index.html",
        "errors/index.html",
        "examples/index.html",
        "playground/index.html",
        "guides/dataset/index.html",
    ):
        assert (built_site / page).is_file(), page


def test_pages_load_nothing_from_another_origin(site_html: dict[str, str]) -> None:
    foreign = {
        (page, url)
        for page, text in site_html.items()
        for url in loaded_urls(text)
        if urlsplit(url).scheme or urlsplit(url).netloc
    }
    assert not foreign
    assert all("fonts.googleapis" not in text for text in site_html.values())


def test_stylesheets_import_nothing_from_another_origin(built_site: Path) -> None:
    remote = re.compile(r"url\(\s*['\"]?(https?:)?//|@import\s+['\"]?(https?:)?//")
    offenders = [p for p in built_site.rglob("*.css") if remote.search(p.read_text("utf-8"))]
    assert not offenders


def _schema_values(node: Any) -> set[str]:
    """Every const and enum value in a schema document."""
    found: set[str] = set()
    if isinstance(node, dict):
        if "const" in node and isinstance(node["const"], str):
            found.add(node["const"])
        found.update(v for v in node.get("enum", []) if isinstance(v, str))
        for value in node.values():
            found |= _schema_values(value)
    elif isinstance(node, list):
        for value in node:
            found |= _schema_values(value)
    return found


def test_every_schema_value_is_documented(site_html: dict[str, str]) -> None:
    text = html.unescape(" ".join(site_html.values()))
    values = _schema_values(schema.query_schema()) | _schema_values(schema.response_schema())
    assert values
    missing = [v for v in values if f">{v}<" not in text and f'"{v}"' not in text]
    assert sorted(missing) == []


def test_every_name_has_its_anchor(site_html: dict[str, str]) -> None:
    reference = " ".join(v for k, v in site_html.items() if k.startswith("reference/"))
    for anchor in (
        "metric-visitors",
        "dimension-event-goal",
        "operator-is",
        "date-range-7d",
        "dimension-event-props-name",
        "include-time-labels",
        "meta-total-rows",
        "key-site-id",
        "pagination-limit",
    ):
        assert f'id="{anchor}"' in reference, anchor


def test_requirements_link_to_what_they_require(site_html: dict[str, str]) -> None:
    metrics = site_html["reference/metrics/index.html"]
    assert 'href="../dimensions/#dimension-event-goal"' in metrics


WORDS = re.compile(r'aria-label="Query in words"[^>]*>\s*<p>(.*?)</p>', re.DOTALL)


def test_every_example_has_its_page(site_html: dict[str, str]) -> None:
    examples = load_examples(ROOT / "examples")
    assert examples
    errors = html.unescape(re.sub(r"<[^>]+>", "", site_html["errors/index.html"]))
    for example in examples:
        if example.valid:
            page = site_html[f"examples/{example.slug}/index.html"]
            assert f'data-example="{example.slug}"' in page
            words = [html.unescape(text) for text in WORDS.findall(page)]
            assert words == [example.words], example.slug
        else:
            assert f'id="error-{example.slug}"' in site_html["errors/index.html"]
            assert json.dumps(example.response["error"], ensure_ascii=False) in errors


def test_site_carries_schemas_and_examples_for_the_playground(built_site: Path) -> None:
    for name in (schema.QUERY_SCHEMA_FILE, schema.RESPONSE_SCHEMA_FILE):
        assert json.loads((built_site / "schema" / name).read_text()) == json.loads(
            (ROOT / "schema" / name).read_text()
        )
    records = json.loads((built_site / "assets" / "examples.json").read_text())
    expected = load_examples(ROOT / "examples")
    assert [r["slug"] for r in records] == [e.slug for e in expected]
    assert set(records[0]) == {
        "slug",
        "title",
        "summary",
        "query",
        "response",
        "status",
        "now",
        "site",
        "words",
        "pointer",
        "hint",
    }


def test_schema_description_change_reaches_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "schema" / schema.QUERY_SCHEMA_FILE
    document = json.loads(path.read_text())
    visitors = next(e for e in document["$defs"]["metric"]["oneOf"] if e.get("const") == "visitors")
    visitors["description"] = "Sentinel description of visitors, changed by a test."
    path.write_text(json.dumps(document))

    result = build_site(project, tmp_path / "site")

    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "reference" / "metrics" / "index.html").read_text()
    assert "Sentinel description of visitors, changed by a test." in page


def test_broken_example_fails_the_build_naming_the_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first = sorted(p for p in (project / "examples").iterdir() if p.is_dir())[0]
    (first / "query.json").write_text("{not json")

    result = build_site(project, tmp_path / "site")

    assert result.returncode != 0
    assert f"{first.name}/query.json" in result.stderr
    assert "Traceback" not in result.stderr
