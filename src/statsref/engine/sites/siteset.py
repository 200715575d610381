"""The sites a mock serves, as a sites file describes them, and as they stand at a clock.

A sites file may date things absolutely (``stats_since = 2025-06-01``) or relative to today
(``"365d"``, what the demo sites do, so their numbers follow the clock). A ``Site`` counts days
back from its local today, so a ``SiteSpec`` becomes one only at a clock: ``SiteSet.at(now)``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..language.site import Site
from .traffic import SiteTraffic

DayRef = date | int
"""A date, or a number of days before the site's local today."""


def _days_before(today: date, day: DayRef) -> int:
    return day if isinstance(day, int) else (today - day).days


@dataclass(frozen=True)
class SiteSpec:
    """One site of a sites file: the ``Site`` it is at any clock (``template``, whose day
    counts ``at`` fills in), its dated bounds, and its traffic (``None``: it has none, as a
    locked site)."""

    template: Site
    stats_since: DayRef
    imports: tuple[DayRef, DayRef] | None
    traffic: SiteTraffic | None

    def at(self, now: datetime) -> Site:
        """The site at ``now``: native stats from ``stats_since`` (today at the latest),
        imported days ending before them."""
        today = now.astimezone(ZoneInfo(self.template.timezone)).date()
        native = max(0, _days_before(today, self.stats_since))
        imported = None
        if self.imports is not None:
            oldest, newest = (_days_before(today, day) for day in self.imports)
            newest = max(newest, native + 1)
            imported = (oldest, newest) if oldest >= newest else None
        return replace(self.template, native_days=native, imported_days=imported)


@dataclass(frozen=True)
class SiteSet:
    """Every site of one sites file (or the demo's), in the file's order. ``origin`` names
    where they come from, for messages and ``/health``."""

    specs: tuple[SiteSpec, ...]
    origin: str

    def at(self, now: datetime) -> dict[str, Site]:
        """Every site at ``now``, by domain."""
        return {spec.template.domain: spec.at(now) for spec in self.specs}

    @property
    def domains(self) -> list[str]:
        return [spec.template.domain for spec in self.specs]

    def traffic(self) -> dict[str, SiteTraffic]:
        """The traffic of the sites queries can read (the ones that answer, with data)."""
        return {
            spec.template.domain: spec.traffic
            for spec in self.specs
            if spec.traffic is not None and spec.template.queryable
        }
