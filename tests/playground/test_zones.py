"""``zones.py``: the zones a sites file names, and every zone fetched when one is missing."""

from __future__ import annotations

import importlib.resources
import io
import zipfile
import zoneinfo
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import zones


class JsBytes:
    """What the worker's fetch returns to Python: a Uint8Array proxy."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def to_bytes(self) -> bytes:
        return self.data


def test_the_zones_a_file_names_are_read_as_far_as_it_reads() -> None:
    text = '[[sites]]\ntimezone = "Asia/Tokyo"\n[[sites]]\ntimezone = 3\n[[sites]]\n'
    assert zones.named_in(text) == ["Asia/Tokyo"]
    assert zones.named_in("[[sites]\n") == []  # not TOML: the loader says why
    assert zones.named_in('sites = "x"') == []


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[int]]:
    """``zones`` as the worker starts it, writing into ``tmp_path``; the count of fetches."""
    fetches: list[int] = []
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:  # a zone CPython's own sets lack
        out.writestr(
            "Mars/Base",
            importlib.resources.files("tzdata.zoneinfo.Asia").joinpath("Tokyo").read_bytes(),
        )
    monkeypatch.setattr(zones, "FOLDER", str(tmp_path))
    monkeypatch.setattr(zones, "_fetched", False)
    zones.install(lambda: fetches.append(1) or JsBytes(archive.getvalue()))
    yield fetches
    zones.install(None)
    zoneinfo.reset_tzpath()
    zoneinfo.ZoneInfo.clear_cache()


def test_a_missing_zone_fetches_every_zone_once_onto_zoneinfos_path(fresh: list[int]) -> None:
    zones.ensure('[[sites]]\ntimezone = "Europe/Tallinn"\n')
    assert fresh == []  # found already: nothing fetched
    zones.ensure('[[sites]]\ntimezone = "Mars/Base"\n')
    base = zoneinfo.ZoneInfo("Mars/Base")
    assert datetime(2026, 11, 2, tzinfo=base).utcoffset() == timedelta(hours=9)
    zones.ensure('[[sites]]\ntimezone = "Mars/Colony"\n')  # not in the full set either
    assert fresh == [1]
