"""Code samples: their shape, and that every example's samples return the stored response."""

from __future__ import annotations

import ast
import html
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statsref.defaults import DEMO_KEY
from statsref.docsgen import snippets
from statsref.docsgen.examples import Example, load_examples

from .conftest import ROOT, serve_mock

CLOCK = "2026-11-02T14:30:00+00:00"
QUERY = {
    "site_id": "dummy.site",
    "metrics": ["visitors", "bounce_rate"],
    "date_range": "7d",
    "filters": [["matches", "event:page", ["^/blog/it's"]], ["is", "visit:city", [2950159]]],
    "include": {"total_rows": True, "imports": False},
    "pagination": {"limit": 10, "offset": 0},
}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_python_literal_evaluates_to_the_value(value: object) -> None:
    assert ast.literal_eval(snippets.python_literal(value)) == value


@given(json_values)
def test_json_text_parses_back_to_the_value(value: object) -> None:
    assert json.loads(snippets.json_text(value)) == value


def test_json_text_keeps_short_lists_on_one_line() -> None:
    text = snippets.json_text(QUERY)
    assert '\n  "metrics": ["visitors", "bounce_rate"],\n' in text
    assert all(len(line) <= snippets.WIDTH for line in text.splitlines())


def test_python_literal_breaks_long_containers_one_item_per_line() -> None:
    source = snippets.python_literal(QUERY)
    assert source.startswith('{\n    "site_id": "dummy.site",\n')
    assert all(len(line) <= snippets.WIDTH for line in source.splitlines())
    assert '"include": {"total_rows": True, "imports": False},' in source


@pytest.mark.parametrize("target", snippets.TARGETS, ids=lambda t: t.id)
def test_python_snippet_is_valid_python_posting_the_query(target: snippets.Target) -> None:
    code = snippets.python(QUERY, target, CLOCK)
    tree = ast.parse(code)
    assignment = next(n for n in tree.body if isinstance(n, ast.Assign))
    assert ast.literal_eval(assignment.value) == QUERY
    assert f'"{target.url}"' in code


def test_curl_snippet_sends_the_query_verbatim_through_a_heredoc() -> None:
    command = snippets.curl(QUERY, snippets.MOCK, CLOCK)
    comments = [line for line in command.split("\n") if line.startswith("# ")]
    first, *rest = command.split("\n")[len(comments) :]
    assert first == "curl -sS http://127.0.0.1:8000/api/v2/query \\"
    body = command.split("<<'JSON'\n", 1)[1].rsplit("\nJSON", 1)[0]
    assert json.loads(body) == QUERY
    assert "-H 'Authorization: Bearer demo-key'" in rest[0]
    assert f"  -H 'X-Statsref-Clock: {CLOCK}' \\" in rest


@pytest.mark.parametrize("target", snippets.TARGETS, ids=lambda t: t.id)
def test_every_sample_says_what_it_needs_first(target: snippets.Target) -> None:
    python, javascript = snippets.python(QUERY, target), snippets.javascript(QUERY, target)
    assert python.startswith("# Needs httpx: pip install httpx.\n")
    assert javascript.startswith("// Needs Node.js 18+ (fetch built in)")
    need = "statsref serve" if target.key else "$PLAUSIBLE_API_KEY"
    for code in (python, javascript, snippets.curl(QUERY, target)):
        lines = code.splitlines()
        assert lines[0].startswith(("# ", "// ")) and need in "\n".join(lines[:2]), code


def test_only_mock_samples_ask_for_a_clock_and_say_why() -> None:
    mock = snippets.python(QUERY, snippets.MOCK, CLOCK)
    assert f'"X-Statsref-Clock": "{CLOCK}",' in mock
    assert f"# X-Statsref-Clock: the mock answers as of {CLOCK}" in mock
    for render in (snippets.curl, snippets.python, snippets.javascript):
        assert "X-Statsref-Clock" not in render(QUERY, snippets.PLAUSIBLE, CLOCK)


def test_the_real_api_comes_first_and_its_samples_read_the_key_from_the_environment() -> None:
    assert snippets.TARGETS[0].url == "https://plausible.io/api/v2/query"
    for render in (snippets.curl, snippets.python, snippets.javascript):
        code = render(QUERY, snippets.PLAUSIBLE)
        assert snippets.KEY_VARIABLE in code and DEMO_KEY not in code
        assert "https://plausible.io/api/v2/query" in code
    assert '-H "Authorization: Bearer $PLAUSIBLE_API_KEY"' in snippets.curl(
        QUERY, snippets.PLAUSIBLE
    )


def test_only_the_mock_writes_out_a_key() -> None:
    assert [t.key for t in snippets.TARGETS] == [None, None, DEMO_KEY]
    code = snippets.python(QUERY, snippets.MOCK)
    assert f'"Bearer {DEMO_KEY}"' in code and "import os" not in code


def test_javascript_snippet_holds_the_query_as_a_literal() -> None:
    code = snippets.javascript(QUERY, snippets.PLAUSIBLE)
    literal = code.split("const query = ", 1)[1].split(";\n", 1)[0]
    assert json.loads(literal) == QUERY
    assert "body: JSON.stringify(query)" in code


def test_samples_come_in_display_order_with_a_variant_per_target() -> None:
    samples = snippets.samples(QUERY)
    assert [s.label for s in samples] == ["curl", "Python", "JavaScript"]
    for sample in samples:
        assert [target for target, _ in sample.variants] == list(snippets.TARGETS)


def test_targets_attribute_hands_the_page_script_every_target() -> None:
    data = json.loads(html.unescape(snippets.targets_attribute()))
    assert [t["id"] for t in data["targets"]] == [t.id for t in snippets.TARGETS]
    assert data["key_variable"] == "PLAUSIBLE_API_KEY"
    assert data["instance_placeholder"] == snippets.INSTANCE.base
    assert '"' not in snippets.targets_attribute()  # safe inside a double-quoted attribute


def test_endpoint_url_accepts_a_trailing_slash() -> None:
    assert snippets.endpoint_url("http://h:1/") == "http://h:1/api/v2/query"


# --- every example's snippets against the mock server -------------------------------------

VALID_EXAMPLES = [e for e in load_examples(ROOT / "examples") if e.valid]


@pytest.fixture(scope="module")
def mock_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One ``statsref serve --now <clock>`` per distinct example clock: clock to base URL."""
    with ExitStack() as stack:
        yield {
            now: stack.enter_context(serve_mock(tmp_path_factory.mktemp("no-site"), now))
            for now in sorted({e.now for e in VALID_EXAMPLES})
        }


COMMANDS = {
    "curl": ("bash", "-c"),
    "Python": (sys.executable, "-c"),
    "JavaScript": ("node", "--input-type=module", "-e"),
}


def _run(code: str, target: snippets.Target, example: Example, base: str, command: tuple) -> dict:
    """Run a snippet as shown, pointed at the mock at ``base`` instead of ``target``, with the
    demo key in the environment variable the real API's samples read."""
    code = code.replace(target.url, snippets.endpoint_url(base))
    env = {**os.environ, snippets.KEY_VARIABLE: DEMO_KEY}
    result = subprocess.run([*command, code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, f"{example.slug}: {result.stderr}"
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def mock_on_the_real_clock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_mock(tmp_path_factory.mktemp("no-site")) as base:
        yield base


@pytest.mark.parametrize("example", VALID_EXAMPLES, ids=lambda e: e.slug)
def test_each_mock_sample_returns_the_stored_response(
    example: Example, mock_on_the_real_clock: str
) -> None:
    """Whatever the mock's own clock: each mock sample asks for the example's."""
    for sample in snippets.samples(example.query, example.now):
        code = dict(sample.variants)[snippets.MOCK]
        command = COMMANDS[sample.label]
        got = _run(code, snippets.MOCK, example, mock_on_the_real_clock, command)
        assert got == example.response, sample.label


@pytest.mark.parametrize("target", [snippets.PLAUSIBLE, snippets.INSTANCE], ids=lambda t: t.id)
def test_real_api_samples_run_with_the_key_from_the_environment(
    target: snippets.Target, mock_servers
) -> None:
    example = VALID_EXAMPLES[0]
    for sample in snippets.samples(example.query, example.now):
        code = dict(sample.variants)[target]
        got = _run(code, target, example, mock_servers[example.now], COMMANDS[sample.label])
        assert got == example.response, sample.label
