"""Reading a sites file: what a good file gives, and a clear message for every bad one."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from statsref.engine import SitesFileError, demo_sites, parse_sites, read_sites_file
from statsref.engine.language.site import PROPS, REVENUE_GOALS, STATS_API

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sites"
ACME = FIXTURES / "acme.toml"
NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)


def site(extra: str = "", domain: str = "acme.test") -> str:
    return f'[[sites]]\ndomain = "{domain}"\n{extra}\n'


def problem(text: str) -> str:
    with pytest.raises(SitesFileError) as caught:
        parse_sites(text, "acme.toml")
    return str(caught.value)


def test_the_guides_file_gives_the_site_it_describes() -> None:
    acme = read_sites_file(ACME).at(NOW)["acme.test"]
    assert acme.timezone == "Asia/Tokyo"
    assert [g.display_name for g in acme.goals] == [
        "Signup",
        "Purchase",
        "Visit /pricing",
        "Read a blog post",
        "Visit /careers/*",
    ]
    assert acme.goal("Purchase").currency == "JPY"
    assert acme.goal("Read a blog post").scroll_threshold == 75
    assert acme.former_domains == ("old.acme.test",)
    assert acme.features == {STATS_API, PROPS, REVENUE_GOALS}
    assert acme.props[0] == "plan"
    assert [s.id for s in acme.segments] == [7, 8]
    assert acme.native_days == (NOW.date() - date(2025, 6, 1)).days


def test_defaults_make_a_whole_site_of_a_domain_alone() -> None:
    sites = parse_sites(site(), "minimal.toml")
    acme = sites.at(NOW)["acme.test"]
    assert (acme.timezone, acme.native_days, acme.imported_days) == ("UTC", 400, None)
    assert acme.queryable and acme.goals == () and acme.segments == ()
    traffic = sites.traffic()["acme.test"]
    assert traffic.daily_visitors == 200
    assert "/" in {page.path for page in traffic.landing.values}
    assert sites.origin == "minimal.toml"


def test_the_demo_sites_are_a_sites_file_too() -> None:
    demo = demo_sites()
    assert demo.domains[:3] == ["dummy.site", "shop.dummy.site", "starter.dummy.site"]
    assert set(demo.traffic()) == {"dummy.site", "shop.dummy.site", "starter.dummy.site"}
    sites = demo.at(NOW)
    assert sites["shop.dummy.site"].former_domains == ("store.dummy.site",)
    assert sites["dummy.site"].imported_scroll_depth
    assert not sites["shop.dummy.site"].imported_scroll_depth
    assert not sites["locked.dummy.site"].queryable and not sites["no-api.dummy.site"].queryable
    assert sites["starter.dummy.site"].features == {STATS_API}


def test_a_plan_and_the_402_flags() -> None:
    sites = parse_sites(
        site('plan = ["props"]')
        + site("locked = true", "locked.test")
        + site("stats_api = false", "no-api.test"),
        "plans.toml",
    ).at(NOW)
    assert sites["acme.test"].features == {STATS_API, PROPS}
    assert sites["locked.test"].locked and not sites["locked.test"].queryable
    assert STATS_API not in sites["no-api.test"].features


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[[sites]]\ndomain = \n",
            "acme.toml: not valid TOML: Invalid value (at line 2, column 10)",
        ),
        ("", "acme.toml: no [[sites]] table: a sites file describes at least one site"),
        ('site = "x"', "acme.toml: site: unknown key 'site'; did you mean 'sites'?"),
        ("[[sites]]\ntimezone = 'UTC'", "acme.toml: sites[0]: missing the key 'domain'"),
        (
            site("timzone = 'UTC'"),
            "sites[0].timzone: unknown key 'timzone'; did you mean 'timezone'?",
        ),
        (site("timezone = 'Mars/Olympus'"), "sites[0].timezone: 'Mars/Olympus' is not an IANA"),
        (site("timezone = 'America'"), "sites[0].timezone: 'America' is not an IANA"),  # a folder
        (site("timezone = 3"), "sites[0].timezone: must be a string, got 3"),
        (site() + site(), "sites[1].domain: 'acme.test' already names sites[0]"),
        (
            site('former_domains = ["other.test"]') + site(domain="other.test"),
            "sites[1].domain: 'other.test' already names sites[0]",
        ),
        (site("daily_visitors = -1"), "sites[0].daily_visitors: must be between 0 and 20000"),
        (site('daily_visitors = "many"'), "sites[0].daily_visitors: must be a number, got 'many'"),
        (site('stats_since = "last year"'), "sites[0].stats_since: must be a date such as"),
        (
            site('plan = ["prop"]'),
            "sites[0].plan: unknown feature 'prop'; known: props, revenue_goals",
        ),
        (
            site('[[sites.goals]]\nevent = "Signup"\npage = "/signup"'),
            "sites[0].goals[0]: a goal names either an event or a page, not both",
        ),
        (site("[[sites.goals]]\nscroll = 50"), "sites[0].goals[0]: a goal names either an event"),
        (
            site('[[sites.goals]]\nevent = "Read"\nscroll = 50'),
            "sites[0].goals[0].scroll: needs page: a scroll goal counts scrolling",
        ),
        (
            site('[[sites.goals]]\npage = "/blog"\nscroll = 150'),
            "sites[0].goals[0].scroll: must be a percentage from 1 to 100, got 150",
        ),
        (
            site('[[sites.goals]]\npage = "blog"'),
            "sites[0].goals[0].page: must be a path starting with '/', got 'blog'",
        ),
        (
            site('[[sites.goals]]\nevent = "Buy"\ncurrency = "usd"'),
            "sites[0].goals[0].currency: 'usd' is not an ISO 4217 currency code such as 'EUR'; "
            "did you mean 'USD'?",
        ),
        (
            site('[[sites.goals]]\nevent = "Buy"\ncurrency = "BTC"'),
            "sites[0].goals[0].currency: 'BTC' is not an ISO 4217 currency code",
        ),
        (
            site('[[sites.goals]]\npage = "/buy"\ncurrency = "EUR"'),
            "sites[0].goals[0].currency: needs event: a revenue goal is a custom event goal",
        ),
        (
            site('[[sites.goals]]\nevent = "A"\n[[sites.goals]]\nevent = "B"\nname = "A"'),
            "sites[0].goals[1].name: another goal is already named 'A'",
        ),
        (
            site('[[sites.segments]]\nid = 1\nfilters = [["is", "visit:contry", ["JP"]]]'),
            'sites[0].segments[0].filters: [0]: Invalid filter ["is", "visit:contry", ["JP"]]',
        ),
        (
            site('[[sites.segments]]\nid = 1\nfilters = [["is", "event:goal", ["Signup"]]]'),
            "sites[0].segments[0].filters: [0]: Invalid filters. The goal `Signup` is not "
            "configured for this site.",
        ),
        (
            site(
                'plan = []\n[[sites.segments]]\nid = 1\nfilters = [["is", "event:props:a", ["b"]]]'
            ),
            "sites[0].segments[0].filters: [0]: The owner of this site does not have access to "
            "the custom properties feature.",
        ),
        (
            site("[[sites.segments]]\nid = 0\nfilters = []"),
            "sites[0].segments[0].id: every segment",
        ),
        (
            site('[[sites.segments]]\nid = 1\nfilters = [["is", "visit:device", ["Mobile"]]]') * 1
            + '[[sites.segments]]\nid = 1\nfilters = [["is", "visit:device", ["Mobile"]]]',
            "sites[0].segments[1].id: another segment already has the id 1",
        ),
        (site('pages = ["about"]'), "sites[0].pages[0].path: must be a path starting with '/'"),
        (site("pages = []"), "sites[0].pages: must list at least one page"),
        (site('pages = [{ path = "/", wieght = 3 }]'), "did you mean 'weight'?"),
        (
            site('[[sites.events]]\nname = "Buy"\namounts = [10]'),
            "sites[0].events[0].amounts: need a currency",
        ),
        (
            site('[[sites.events]]\nname = "Buy"\namounts = [-5]\ncurrency = "EUR"'),
            "sites[0].events[0].amounts: must be positive numbers, got -5",
        ),
        (site('[[sites.events]]\nname = "Buy"\nchance = 2'), "events[0].chance: must be between 0"),
        (site('standalone_event = "Nope"'), "sites[0].standalone_event: 'Nope' is none of"),
        (site('imports = { from = "30d" }'), "sites[0].imports: missing the key 'to'"),
        (
            site("imports = { from = 2025-06-01, to = 2025-01-01 }"),
            "sites[0].imports.to: must not come before 'from'",
        ),
        (
            site('imports = { from = "60d", to = "31d", scroll_depth = "no" }'),
            "sites[0].imports.scroll_depth: must be",
        ),
        (site("rhythm = { weekdays = [1, 1] }"), "sites[0].rhythm.weekdays: must be 7 weights"),
    ],
)
def test_a_bad_file_names_the_file_and_the_key(text: str, message: str) -> None:
    found = problem(text)
    assert message in found
    assert found.startswith("acme.toml: ")


def test_a_file_that_cannot_be_read_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SitesFileError, match=r"missing\.toml: cannot read it: No such file"):
        read_sites_file(tmp_path / "missing.toml")
    with pytest.raises(SitesFileError, match="cannot read it: Is a directory"):
        read_sites_file(tmp_path)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe[[sites]]")
    with pytest.raises(SitesFileError, match=r"binary\.toml: not UTF-8 text \(byte 0\)"):
        read_sites_file(binary)
    large = tmp_path / "large.toml"
    large.write_text(site() + "#" * (1024 * 1024))
    with pytest.raises(SitesFileError, match="larger than 1024 KB"):
        read_sites_file(large)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "sites.toml"
    os.mkfifo(fifo)
    with pytest.raises(SitesFileError, match="not a regular file"):
        read_sites_file(fifo)
