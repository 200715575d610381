"""The public files of the real API this reference was checked against, at the version read.

Rules cite these (``evidence.cites``) and the query schema's ``x-source`` annotations name them;
a test keeps both within this list, so it is the one place to update after re-reading a newer
version. The ``plausible/analytics`` commits are those of the newest stored copy of each file
that could be read; the documentation page is cited as published.
"""

from __future__ import annotations

_A = "plausible/analytics:"

QUERY_BUILDER = _A + "lib/plausible/stats/query_builder.ex@031b6f946a4c"
"""The checks after parsing, in their order; no rule for ``percentage``."""
API_QUERY_PARSER = _A + "lib/plausible/stats/api_query_parser.ex@8a4570a7549a"
TABLE_DECIDER = _A + "lib/plausible/stats/table_decider.ex@ff1f8c76fd61"
TABLE_DECIDER_TEST = _A + "test/plausible/stats/table_decider_test.exs@ff1f8c76fd61"
QUERY_OPTIMIZER = _A + "lib/plausible/stats/query_optimizer.ex@05e071bde407"
QUERY_OPTIMIZER_TEST = _A + "test/plausible/stats/query/query_optimizer_test.exs@2f3ebdfe5852"
AUTHORIZE = _A + "lib/plausible_web/plugs/authorize_public_api.ex@181ac2cf05dc"
API_KEY = _A + "lib/plausible/auth/api_key.ex@b942081f3083"
PROPS = _A + "lib/plausible/props.ex@e00c1d264e76"
FEATURES = _A + "lib/plausible/billing/feature.ex@3afec60d98db"
PUBLIC_SCHEMA = _A + "priv/json-schemas/query-api-schema.json@676dce0e9d4c"
WHERE_BUILDER = _A + "lib/plausible/stats/sql/where_builder.ex@8f28b2837c6d"
EXPRESSION = _A + "lib/plausible/stats/sql/expression.ex@64c93e6a9cb3"
SPECIAL_METRICS = _A + "lib/plausible/stats/sql/special_metrics.ex@53581973d05e"
GOALS = _A + "lib/plausible/stats/goals.ex@8f28b2837c6d"
QUERY_RESULT = _A + "lib/plausible/stats/query_result.ex"
"""Cited as published: its stored versions differ on the scroll-depth warning."""
QUERY_RUNNER = _A + "lib/plausible/stats/query_runner.ex"
"""Cited as published: only its newer stored versions answer ``events`` with ``null`` for
scroll goals (``Goals.toplevel_scroll_goal_filters?``)."""
GOAL_SCHEMA = _A + "lib/plausible/goal.ex@a68e7a234262"
"""Goal kinds: a page path with a ``scroll_threshold`` from 0 to 100 makes a scroll goal."""
IMPORTED_BASE = _A + "lib/plausible/stats/imported/base.ex@aa6eeee91412"
IMPORTED_MERGE = _A + "lib/plausible/stats/imported/imported.ex@58e930fd9ce0"
IMPORTED_EXPRESSION = _A + "lib/plausible/stats/imported/sql/expression.ex@60bb6beaf7a5"
IMPORTED_WHERE = _A + "lib/plausible/stats/imported/sql/where_builder.ex@a38eacfed54a"
HOURLY_DST_TEST = _A + "test/plausible/stats/hourly_dst_test.exs@62386d9bf957"
QUERY_CONTROLLER = (
    _A + "lib/plausible_web/controllers/api/external_query_api_controller.ex@dda8392ed0ba"
)
ERROR_HANDLER = _A + "lib/plausible_web/plugs/error_handler.ex"
SAMPLING = _A + "extra/lib/plausible/stats/sampling.ex@31f1178f4523"
INGESTION_EVENT = _A + "lib/plausible/ingestion/event.ex@0163eb032ea3"
"""What is dropped before it is stored: bots (UAInspector), datacenter IPs, spam referrers."""
NON_INTERACTIVE_PR = _A + "pull/5295"
"""The change that lets custom events be sent with ``interactive: false``."""
STATS_API_DOCS = "plausible/docs:docs/stats-api.md"

# The dashboard, which the converter of dashboard URLs (``statsref.engine.migrate.dashboard``)
# reads the way the dashboard itself does.
DASHBOARD_URL = _A + "assets/js/dashboard/util/url-search-params.ts@1d9dd17b2909"
DASHBOARD_URL_TEST = _A + "assets/js/dashboard/util/url-search-params.test.ts@219d8f674bd6"
DASHBOARD_URL_V2_TEST = _A + "assets/js/dashboard/util/url-search-params-v2.test.ts@5be72ac6a9d9"
DASHBOARD_FILTERS = _A + "assets/js/dashboard/util/filters.js@00230a0bf3a2"
DASHBOARD_TOP_STATS = _A + "assets/js/dashboard/stats/graph/fetch-top-stats.ts@1272450f188e"
DASHBOARD_REPORTS = _A + "assets/js/dashboard/stats/reports/reports-config.ts@01c998516f0d"
QUERY_PERIOD = _A + "lib/plausible/stats/query_period.ex@afa084a5402a"
COMPARISONS = _A + "lib/plausible/stats/comparisons.ex@053c57f211bb"
COMPARISONS_TEST = _A + "test/plausible/stats/comparisons_test.exs@0ad8fa88ff0a"
COMPARE = _A + "lib/plausible/stats/compare.ex@2572c4bba806"

EVERY_SOURCE: tuple[str, ...] = tuple(
    value
    for name, value in sorted(globals().items())
    if name.isupper() and not name.startswith("_") and name != "EVERY_SOURCE"
)
"""Every file above, in the order of their names."""
