"""What the dashboard's URL tests share between their forms (plausible/analytics
``url-search-params.test.ts`` @219d8f674bd6 and ``url-search-params-v2.test.ts``
@5be72ac6a9d9): the same records, written in the current and in the JSON→URL form."""

from __future__ import annotations

BROWSER_LANGUAGE = ("is", "props:browser_language", ["en-US"])
UTM_TERM_AND_SCREEN = [("contains", "utm_term", ["_"]), ("is", "screen", ["Desktop", "Tablet"])]
CUSTOM_PERIOD = {
    "period": "custom",
    "keybindHint": "A",
    "comparison": "previous_period",
    "match_day_of_week": False,
    "from": "2024-08-08",
    "to": "2024-08-10",
}
CUSTOM_PERIOD_SEARCH = (
    "period=custom&keybindHint=A&comparison=previous_period&match_day_of_week=false"
    "&from=2024-08-08&to=2024-08-10"
)
LABELLED = [
    BROWSER_LANGUAGE,
    ("is", "country", ["US"]),
    ("is", "os", ["iOS"]),
]
"""The first filters of the labelled record (its os_version and page follow)."""
