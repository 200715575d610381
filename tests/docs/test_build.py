"""The build object: navigation of the example pages and the files written for the playground."""

from __future__ import annotations

import json
from pathlib import Path

from statsref.docsgen.build import DocsBuild

from .conftest import ROOT


def test_examples_entry_becomes_a_section_of_every_valid_example() -> None:
    build = DocsBuild(ROOT)
    nav = build.expand_nav([{"Home": "index.md"}, {"Examples": "examples/index.md"}])
    section = nav[1]["Examples"]
    assert nav[0] == {"Home": "index.md"}
    assert section[0] == "examples/index.md"
    valid = [e for e in build.examples if e.valid]
    assert section[1:] == [{e.title: f"examples/{e.slug}.md"} for e in valid]


def test_a_config_without_nav_keeps_none() -> None:
    assert DocsBuild(ROOT).expand_nav(None) is None


def test_outputs_are_written_into_the_site(tmp_path: Path) -> None:
    build = DocsBuild(ROOT)
    written = build.write_outputs(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "assets/editor.json",
        "assets/examples.json",
        "schema/query-file.schema.json",
        "schema/query.schema.json",
        "schema/response.schema.json",
        "schema/sites.schema.json",
        "schema/stats_api.d.ts",
        "schema/stats_api.py",
    ]
    records = json.loads((tmp_path / "assets" / "examples.json").read_text())
    assert records == [e.as_json() for e in build.examples]
