"""The URL and data of a curl command line, split as a POSIX shell splits it."""

from __future__ import annotations

import pytest

from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.curl import read_curl

URL = "https://plausible.io/api/v1/stats/aggregate"


def read(command: str) -> tuple[str, list[tuple[str, str]], list[str]]:
    notes: list[str] = []
    url, data = read_curl(command, notes)
    return url, data, notes


def test_the_reference_form_with_a_line_continuation() -> None:
    command = (
        f'curl "{URL}?site_id=$SITE_ID&period=6mo" \\\n  -H "Authorization: Bearer ${{TOKEN}}"'
    )
    assert read(command) == (f"{URL}?site_id=$SITE_ID&period=6mo", [], [])


def test_options_and_their_values_are_skipped_wherever_they_stand() -> None:
    command = f"curl -sS -XGET -H 'Accept: application/json' --max-time 5 --url '{URL}' -o out"
    assert read(command)[0] == URL


def test_get_data_is_decoded_like_a_query_string() -> None:
    command = (
        f"curl -G {URL} -d 'site_id=a.b&filters=visit%3Asource%3D%3DGoogle' "
        "--data-urlencode 'filters=event:page==/a b'"
    )
    _, data, notes = read(command)
    assert data == [
        ("site_id", "a.b"),
        ("filters", "visit:source==Google"),
        ("filters", "event:page==/a b"),
    ]
    assert notes == []


def test_data_without_get_is_read_as_if_it_had_it() -> None:
    _, data, notes = read(f"curl {URL} -d period=day")
    assert data == [("period", "day")]
    assert "as if -G were given" in notes[0]


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("curl -H 'Authorization: Bearer x'", "the curl command has no URL"),
        (f"curl '{URL}", "cannot split the curl command"),
        (f"curl {URL} -H", "the curl option -H needs a value"),
        (f"curl -G {URL} -d @params.txt", "cannot read the curl data file params.txt"),
        (f"curl -G {URL} --data-urlencode plain", "expected name=value"),
    ],
)
def test_unreadable_commands_are_errors(command: str, message: str) -> None:
    with pytest.raises(MigrationError, match=message):
        read(command)
