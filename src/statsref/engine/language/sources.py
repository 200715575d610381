"""The public files of the real API this reference was checked against, at the version read.

Rules cite these (``evidence.cites``) and the query schema's ``x-source`` annotations name them;
a test keeps both within this list, so it is the one place to update after re-reading a newer
version. Each file is recorded with the day it was last checked (``LAST_CHECKED``), and a test
fails on a file without one. The search tools that read the stored copies of
``plausible/analytics`` give no commit dates, and their default copy of a file is not always
the newest, so the commit kept is the newest version found by its content (judged against the
CHANGELOG's releases); a file whose newest version's commit could not be read is cited as
published, with what that version says. The documentation page is cited as published.
"""

from __future__ import annotations

_A = "plausible/analytics:"
_RECHECKED = "2026-12-04"
"""The second claim-by-claim check (issue 22)."""
_FIRST_CHECK = "2026-11-28"
"""The first check, for the files the second did not read again."""

LAST_CHECKED: dict[str, str] = {}
"""When each file below was last read against what the reference says of it (ISO date)."""


def _read(source: str, checked: str) -> str:
    """A file read (``owner/repo:path[@commit]``), recorded with the day it was checked."""
    LAST_CHECKED[source] = checked
    return source


QUERY_BUILDER = _read(_A + "lib/plausible/stats/query_builder.ex@031b6f946a4c", _RECHECKED)
"""The checks after parsing, in their order; no rule for ``percentage``."""
API_QUERY_PARSER = _read(_A + "lib/plausible/stats/api_query_parser.ex@00230a0bf3a2", _RECHECKED)
"""It parses ``Nd`` (1 to 5,000) and ``Nmo`` (1 to 100) ranges, not ``24h``."""
TABLE_DECIDER = _read(_A + "lib/plausible/stats/table_decider.ex@ff1f8c76fd61", _RECHECKED)
TABLE_DECIDER_TEST = _read(
    _A + "test/plausible/stats/table_decider_test.exs@ff1f8c76fd61",
    _FIRST_CHECK,
)
QUERY_OPTIMIZER = _read(_A + "lib/plausible/stats/query_optimizer.ex@05e071bde407", _RECHECKED)
QUERY_OPTIMIZER_TEST = _read(
    _A + "test/plausible/stats/query/query_optimizer_test.exs@2f3ebdfe5852",
    _FIRST_CHECK,
)
AUTHORIZE = _read(_A + "lib/plausible_web/plugs/authorize_public_api.ex@03b495038e2a", _RECHECKED)
SITE_DOMAIN = _read(_A + "lib/plausible/site/domain.ex@02903713170b", _RECHECKED)
"""A domain change's transition: ``@expire_threshold_hours 72``, then the former domain is
cleared (``expire_change_transitions``)."""
DOMAIN_TRANSITIONS = _read(
    _A + "lib/workers/expire_domain_change_transitions.ex@badb7bb939bd",
    _RECHECKED,
)
CRONTAB = _read(_A + "config/runtime.exs", _RECHECKED)
"""Cited as published: the Oban crontab runs ``ExpireDomainChangeTransitions`` every 2 hours
(``"0 */2 * * *"``)."""
API_KEY = _read(_A + "lib/plausible/auth/api_key.ex@b942081f3083", _RECHECKED)
PROPS = _read(_A + "lib/plausible/props.ex@e00c1d264e76", _FIRST_CHECK)
"""A newer-looking stored copy (``0ddd241a65b2``, with consolidated views) lists the internal
keys as ``url path search_query``, without ``form``: to settle before re-dating."""
FEATURES = _read(_A + "lib/plausible/billing/feature.ex@3afec60d98db", _RECHECKED)
"""Team-based ``check_availability(team_or_nil)``; the default stored copy (``0175158e8101``)
is older, still per user."""
PUBLIC_SCHEMA = _read(_A + "priv/json-schemas/query-api-schema.json@676dce0e9d4c", _RECHECKED)
"""The newest version found, and it lags the parser: it still marks ``time_on_page`` and
``has_done`` internal and lists neither ``24h`` nor ``Nd`` (see "How this reference is
checked")."""
WHERE_BUILDER = _read(_A + "lib/plausible/stats/sql/where_builder.ex@8f28b2837c6d", _RECHECKED)
EXPRESSION = _read(_A + "lib/plausible/stats/sql/expression.ex@64c93e6a9cb3", _RECHECKED)
SPECIAL_METRICS = _read(_A + "lib/plausible/stats/sql/special_metrics.ex", _RECHECKED)
"""Cited as published: its newest stored version (whose commit the search tools do not expose)
rounds ``conversion_rate`` and ``group_conversion_rate`` to 2 decimals (``round(? / ? * 100,
2)``) and has ``exit_rate``; the older ``53581973d05e`` rounded to 1, as ``CHANGELOG`` says."""
GOALS = _read(_A + "lib/plausible/stats/goals.ex@8f28b2837c6d", _FIRST_CHECK)
QUERY_RESULT = _read(_A + "lib/plausible/stats/query_result.ex", _RECHECKED)
"""Cited as published: its stored versions differ on the scroll-depth warning, which the
newest read (``0359c2d624de``) gives when no import in range ``has_scroll_depth``."""
QUERY_RUNNER = _read(_A + "lib/plausible/stats/query_runner.ex", _FIRST_CHECK)
"""Cited as published: only its newer stored versions answer ``events`` with ``null`` for
scroll goals (``Goals.toplevel_scroll_goal_filters?``)."""
GOAL_SCHEMA = _read(_A + "lib/plausible/goal.ex@1809220977b1", _RECHECKED)
"""Goal kinds: a page path with a ``scroll_threshold`` from 0 to 100 makes a scroll goal."""
IMPORTED_BASE = _read(_A + "lib/plausible/stats/imported/base.ex@00deb05d6438", _RECHECKED)
IMPORTED_MERGE = _read(_A + "lib/plausible/stats/imported/imported.ex@58e930fd9ce0", _RECHECKED)
IMPORTED_EXPRESSION = _read(
    _A + "lib/plausible/stats/imported/sql/expression.ex@0b86db0ebba1",
    _RECHECKED,
)
IMPORTED_WHERE = _read(
    _A + "lib/plausible/stats/imported/sql/where_builder.ex@a38eacfed54a",
    _FIRST_CHECK,
)
HOURLY_DST_TEST = _read(_A + "test/plausible/stats/hourly_dst_test.exs@62386d9bf957", _RECHECKED)
QUERY_CONTROLLER = _read(
    _A + "lib/plausible_web/controllers/api/external_query_api_controller.ex@dda8392ed0ba",
    _RECHECKED,
)
ERROR_HANDLER = _read(_A + "lib/plausible_web/plugs/error_handler.ex", _RECHECKED)
"""Cited as published: its oldest stored version (``652ef873fcab``) answers
``%{error: "internal server error", support_hash: hash}``, the newer ones (``b9d1f4d5545d`` and
a newest whose commit the search tools do not expose) ``%{error: "internal server error"}``."""
SAMPLING = _read(_A + "extra/lib/plausible/stats/sampling.ex@10a0564c3477", _RECHECKED)
INGESTION_EVENT = _read(_A + "lib/plausible/ingestion/event.ex@0163eb032ea3", _RECHECKED)
"""What is dropped before it is stored: bots (UAInspector), datacenter IPs, spam referrers."""
NON_INTERACTIVE_PR = _read(_A + "pull/5295", _RECHECKED)
"""The change that lets custom events be sent with ``interactive: false`` (CHANGELOG v3.1.0)."""
STATS_API_DOCS = _read("plausible/docs:docs/stats-api.md", _RECHECKED)
CHANGELOG = _read(_A + "CHANGELOG.md@0049ecfd145d", _RECHECKED)
"""The releases that date the versions read: v3.0.0 (2025-04-11) raised the conversion rate's
precision from 1 to 2 decimals and brought ``time_on_page``, ``has_done``/``has_not_done``,
``28d``/``91d`` and more ``date_range`` shorthands to the Stats API; v3.1.0 (2025-11-13)
``include.trim_relative_date_range``."""

# The dashboard, which the converter of dashboard URLs (``statsref.engine.migrate.dashboard``)
# reads the way the dashboard itself does.
DASHBOARD_URL = _read(_A + "assets/js/dashboard/util/url-search-params.ts@1d9dd17b2909", _RECHECKED)
DASHBOARD_URL_TEST = _read(
    _A + "assets/js/dashboard/util/url-search-params.test.ts@219d8f674bd6",
    _RECHECKED,
)
DASHBOARD_URL_V2_TEST = _read(
    _A + "assets/js/dashboard/util/url-search-params-v2.test.ts@5be72ac6a9d9",
    _RECHECKED,
)
DASHBOARD_FILTERS = _read(_A + "assets/js/dashboard/util/filters.js@00230a0bf3a2", _RECHECKED)
DASHBOARD_TOP_STATS = _read(
    _A + "assets/js/dashboard/stats/graph/fetch-top-stats.ts@1272450f188e",
    _RECHECKED,
)
DASHBOARD_REPORTS = _read(
    _A + "assets/js/dashboard/stats/reports/reports-config.ts@01c998516f0d",
    _RECHECKED,
)
QUERY_PERIOD = _read(_A + "lib/plausible/stats/query_period.ex@afa084a5402a", _RECHECKED)
COMPARISONS = _read(_A + "lib/plausible/stats/comparisons.ex@053c57f211bb", _RECHECKED)
COMPARISONS_TEST = _read(_A + "test/plausible/stats/comparisons_test.exs@0ad8fa88ff0a", _RECHECKED)
COMPARE = _read(_A + "lib/plausible/stats/compare.ex@2572c4bba806", _RECHECKED)

EVERY_SOURCE: tuple[str, ...] = tuple(
    value
    for name, value in sorted(globals().items())
    if name.isupper() and not name.startswith("_") and isinstance(value, str)
)
"""Every file above, in the order of their names."""
