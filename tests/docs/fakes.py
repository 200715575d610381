"""Small example records for unit tests that must not depend on the corpus's contents."""

from __future__ import annotations

from statsref.docsgen.examples import Example

QUERY = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}


def example(slug: str, *, status: int = 200, order: int = 1, **changes) -> Example:
    fields = {
        "slug": slug,
        "title": f"Title of {slug}",
        "summary": f"Summary of {slug}. Second sentence.",
        "query": QUERY,
        "response": {"error": f"message of {slug}"} if status != 200 else {"results": []},
        "status": status,
        "now": "2026-11-02T14:30:00+00:00",
        "site": "dummy.site",
        "order": order,
        "words": "Visitors of dummy.site over the 7 days before today (26 Oct to 1 Nov 2026, UTC).",
    }
    return Example(**{**fields, **changes})
