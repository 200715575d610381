"""Evidence marks: sources written owner/repo:path@commit, links to them, and the two marks."""

from __future__ import annotations

import pytest

from statsref.engine.language.evidence import Evidence, Source, cites, evidence_of, mock_own


def test_a_source_names_the_file_at_the_version_read() -> None:
    source = Source.parse("plausible/analytics:lib/plausible/stats/query_builder.ex@031b6f946a4c")
    assert (source.repo, source.path, source.commit) == (
        "plausible/analytics",
        "lib/plausible/stats/query_builder.ex",
        "031b6f946a4c",
    )
    assert source.url == (
        "https://github.com/plausible/analytics/blob/031b6f946a4c/"
        "lib/plausible/stats/query_builder.ex"
    )
    assert source.label == "query_builder.ex" and not source.is_test
    assert str(source) == "plausible/analytics:lib/plausible/stats/query_builder.ex@031b6f946a4c"


def test_a_page_as_published_and_a_pull_request() -> None:
    page = Source.parse("plausible/docs:docs/stats-api.md")
    assert page.url == "https://github.com/plausible/docs/blob/HEAD/docs/stats-api.md"
    pull = Source.parse("plausible/analytics:pull/5295")
    assert (pull.url, pull.label) == (
        "https://github.com/plausible/analytics/pull/5295",
        "pull request #5295",
    )
    assert Source.parse("plausible/analytics:test/plausible/x_test.exs@abcdef0").is_test


@pytest.mark.parametrize(
    "text", ["query_builder.ex", "plausible:lib/x.ex", "a/b:lib/x.ex@XYZ1234", "a/b:@abcdef0"]
)
def test_malformed_sources_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="owner/repo:path"):
        Source.parse(text)


def test_the_marks() -> None:
    @cites("a/b:lib/x.ex@abcdef0")
    def api_rule() -> None: ...

    @mock_own("Keeps the mock fast.")
    def own_rule() -> None: ...

    def unmarked() -> None: ...

    assert evidence_of(api_rule) == Evidence(sources=(Source("a/b", "lib/x.ex", "abcdef0"),))
    assert evidence_of(own_rule) == Evidence(own="Keeps the mock fast.")
    assert evidence_of(unmarked) is None
