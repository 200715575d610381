"""Dashboard URLs to Stats API v2 queries: what a reader sees on the dashboard, as a query.

``location`` reads where the URL points (instance, site, shared link, details view),
``search`` its search string as the dashboard's own parser reads it (``legacy`` the two older
forms, ``jsonurl`` the notation of one of them), ``filters`` and ``periods`` turn its filters,
period and comparison into the API's, ``reports`` knows the top row and the panels, and
``convert`` puts the queries together with their notes.
"""

from __future__ import annotations

from .convert import convert_dashboard
from .location import is_dashboard_url

__all__ = ["convert_dashboard", "is_dashboard_url"]
