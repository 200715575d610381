"""``bridge.py``: the worker's calls into the engine, for the demo sites and a sites file."""

from __future__ import annotations

import json
from pathlib import Path

import bridge

from demo import CLOCK

NOW = CLOCK.isoformat()
ACME_TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "acme.toml").read_text()
ACME = json.dumps({"name": "acme.toml", "text": ACME_TEXT})
WEEK = {"metrics": ["visitors"], "date_range": "7d"}


def run(query: dict, sites: str | None = None) -> dict:
    return json.loads(bridge.run(json.dumps(query), NOW, sites))


def lint(query: dict, sites: str | None = None) -> dict | None:
    return json.loads(bridge.lint(json.dumps(query), NOW, sites))


def test_a_sites_file_loads_with_what_the_editor_offers_for_its_sites() -> None:
    loaded = json.loads(bridge.load_sites(ACME, NOW, json.dumps(["visit:country", "event:page"])))
    acme = loaded["sites"]["acme.test"]
    assert list(loaded["sites"]) == ["acme.test"]
    assert acme["timezone"] == "Asia/Tokyo"
    assert set(acme["values"]) == {
        "visit:country",
        "event:page",
        "event:props:plan",
        "event:goal",
        "segment",
    }
    assert "Read a blog post" in acme["values"]["event:goal"]


def test_a_bad_sites_file_gets_the_loaders_message_with_its_key_path() -> None:
    bad = json.dumps({"name": "acme.toml", "text": '[[sites]]\ndomain = "a.test"\nplna = []\n'})
    assert json.loads(bridge.load_sites(bad, NOW, "[]")) == {
        "error": "acme.toml: sites[0].plna: unknown key 'plna'; did you mean 'plan'?"
    }


def test_with_a_sites_file_its_sites_answer_in_their_timezone() -> None:
    answer = run({"site_id": "acme.test", **WEEK}, ACME)
    assert answer["status"] == 200 and answer["body"]["results"][0]["metrics"][0] > 0
    assert answer["body"]["query"]["date_range"][0].endswith("+09:00")


def test_a_sites_file_replaces_the_demo_sites_and_leaving_it_brings_them_back() -> None:
    assert run({"site_id": "dummy.site", **WEEK}, ACME)["status"] == 401
    assert run({"site_id": "dummy.site", **WEEK})["status"] == 200
    assert run({"site_id": "acme.test", **WEEK})["status"] == 401


def test_the_lint_knows_the_sites_files_goals() -> None:
    goal = {"site_id": "acme.test", **WEEK, "filters": [["is", "event:goal", ["Signup"]]]}
    assert lint(goal, ACME) is None
    unknown = {**goal, "filters": [["is", "event:goal", ["Purchase USD"]]]}
    verdict = lint(unknown, ACME)
    assert verdict is not None and "The goal `Purchase USD` is not configured" in verdict["message"]


def test_the_rows_a_query_reads_are_built_on_the_sites_files_site() -> None:
    query = json.dumps({"site_id": "acme.test", "metrics": ["visitors"], "date_range": "30d"})
    assert bridge.pending_site(query, NOW, ACME) == "acme.test"
    bridge.prepare(query, NOW, ACME)
    assert bridge.pending_site(query, NOW, ACME) is None
