"""Code samples that send a query to the endpoint: curl, Python (httpx) and JavaScript (fetch).

Each sample is generated from the query body so it cannot drift from the example it belongs to.
A page shows each sample for every ``Target`` (the real API first); the page script shows the
one the reader picked. The real API's samples read the key from ``$PLAUSIBLE_API_KEY``; the
local mock's use the demo key and ask for the example's clock (``X-Statsref-Clock``), so they
return the response the page shows whenever they run. Each sample starts with what it needs
(httpx, Node.js 18+, the mock running or a key), and a test runs every one of them against the
mock server.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from statsref.defaults import DEFAULT_ENDPOINT, DEMO_KEY
from statsref.server.clock import CLOCK_HEADER

QUERY_PATH = "/api/v2/query"
KEY_VARIABLE = "PLAUSIBLE_API_KEY"
WIDTH = 88
"""Longest line the Python formatter keeps a list or object on (black's default)."""


@dataclass(frozen=True)
class Target:
    """Where a sample sends its query. ``key`` is written into the sample; ``None`` means the
    sample reads it from the environment variable ``KEY_VARIABLE``."""

    id: str
    label: str
    base: str
    key: str | None = None

    @property
    def url(self) -> str:
        return endpoint_url(self.base)


INSTANCE_PLACEHOLDER = "https://plausible.example.com"
"""The base URL of the "your instance" samples; the page script writes the reader's in its place."""

TARGETS = (
    Target("plausible", "Plausible (plausible.io)", "https://plausible.io"),
    Target("instance", "Your instance", INSTANCE_PLACEHOLDER),
    Target("mock", "Local mock server", DEFAULT_ENDPOINT, DEMO_KEY),
)
PLAUSIBLE, INSTANCE, MOCK = TARGETS


@dataclass(frozen=True)
class Sample:
    """One language's snippet for each target, in ``TARGETS`` order."""

    label: str
    language: str
    variants: list[tuple[Target, str]]


def endpoint_url(base: str = DEFAULT_ENDPOINT) -> str:
    return base.rstrip("/") + QUERY_PATH


PYTHON_NEEDS = "httpx: pip install httpx"
JAVASCRIPT_NEEDS = "Node.js 18+ (fetch built in), as an ES module: save it as query.mjs"


def needs(target: Target, clock: str | None, first: str | None = None) -> list[str]:
    """What a sample needs, as comment lines (without the comment sign): ``first`` (the
    language's own), then the mock running or a key, and why a mock sample sends a clock."""
    lines = [f"Needs {first}."] if first else []
    if target.key:
        lines.append("Needs the local mock server running: statsref serve")
    else:
        lines.append(f"Needs a Stats API key in ${KEY_VARIABLE} (account Settings, API Keys).")
    if target.key and clock:
        lines.append(f"{CLOCK_HEADER}: the mock answers as of {clock}, as on this page;")
        lines.append("without it, as of now, with other numbers.")
    return lines


def _commented(lines: list[str], sign: str) -> str:
    return "".join(f"{sign} {line}\n" for line in lines)


def _clock_header(target: Target, clock: str | None) -> dict[str, str]:
    """The header asking the mock for ``clock``; a real API has its own clock."""
    return {CLOCK_HEADER: clock} if target.key and clock else {}


def curl(query: dict[str, Any], target: Target, clock: str | None = None) -> str:
    """A curl command; the body goes through a quoted heredoc so no character needs escaping."""
    header = (
        f"-H 'Authorization: Bearer {target.key}'"
        if target.key
        else f'-H "Authorization: Bearer ${KEY_VARIABLE}"'
    )
    extra = "".join(f"  -H '{k}: {v}' \\\n" for k, v in _clock_header(target, clock).items())
    return (
        _commented(needs(target, clock), "#") + f"curl -sS {target.url} \\\n"
        f"  {header} \\\n"
        "  -H 'Content-Type: application/json' \\\n"
        f"{extra}"
        "  --data-binary @- <<'JSON'\n"
        f"{json_text(query)}\n"
        "JSON"
    )


def python(query: dict[str, Any], target: Target, clock: str | None = None) -> str:
    """An httpx script that prints the response body as JSON (and fails loudly on an error)."""
    imports = "import json\n\n" if target.key else "import json\nimport os\n\n"
    key = (
        f'"Bearer {target.key}"' if target.key else f"f\"Bearer {{os.environ['{KEY_VARIABLE}']}}\""
    )
    headers = "".join(f'        "{k}": "{v}",\n' for k, v in _clock_header(target, clock).items())
    return (
        _commented(needs(target, clock, PYTHON_NEEDS), "#") + f"{imports}"
        "import httpx\n\n"
        f"query = {python_literal(query, taken=len('query = '))}\n\n"
        "response = httpx.post(\n"
        f'    "{target.url}",\n'
        f'    headers={{\n        "Authorization": {key},\n{headers}    }},\n'
        "    json=query,\n"
        ")\n"
        "response.raise_for_status()\n"
        "print(json.dumps(response.json(), indent=2))\n"
    )


def javascript(query: dict[str, Any], target: Target, clock: str | None = None) -> str:
    """A fetch call for an ES module with top-level await (Node 18+, Deno): the key stays on
    the server side, where a real key belongs."""
    key = f'"Bearer {target.key}"' if target.key else f"`Bearer ${{process.env.{KEY_VARIABLE}}}`"
    headers = "".join(f'    "{k}": "{v}",\n' for k, v in _clock_header(target, clock).items())
    return (
        _commented(needs(target, clock, JAVASCRIPT_NEEDS), "//")
        + f"const query = {json_text(query, taken=len('const query = '))};\n\n"
        f'const response = await fetch("{target.url}", {{\n'
        '  method: "POST",\n'
        "  headers: {\n"
        f"    Authorization: {key},\n"
        '    "Content-Type": "application/json",\n'
        f"{headers}"
        "  },\n"
        "  body: JSON.stringify(query),\n"
        "});\n"
        "if (!response.ok) throw new Error(`HTTP ${response.status}`);\n"
        "console.log(JSON.stringify(await response.json(), null, 2));\n"
    )


Render = Callable[[dict[str, Any], Target, str | None], str]
LANGUAGES: tuple[tuple[str, str, Render], ...] = (
    ("curl", "sh", curl),
    ("Python", "python", python),
    ("JavaScript", "js", javascript),
)


def targets_attribute() -> str:
    """The targets for the page script, as the ``data-targets`` attribute of sample and widget
    containers (HTML-escaped JSON): the page script keeps no list of its own."""
    data = {
        "targets": [{"id": t.id, "label": t.label, "base": t.base, "key": t.key} for t in TARGETS],
        "key_variable": KEY_VARIABLE,
        "instance_placeholder": INSTANCE_PLACEHOLDER,
    }
    return html.escape(json.dumps(data), quote=True)


def samples(query: dict[str, Any], clock: str | None = None) -> list[Sample]:
    """The code tabs of a page, in display order, each with a variant per target; the mock's
    ask for ``clock`` (the example's)."""
    return [
        Sample(label, language, [(target, render(query, target, clock)) for target in TARGETS])
        for label, language, render in LANGUAGES
    ]


def python_literal(value: Any, indent: int = 0, taken: int = 0) -> str:
    """``value`` (decoded JSON) as Python source, laid out like black would lay it out.

    JSON string escapes are valid Python string escapes, so strings reuse ``json.dumps``.
    """
    return _layout(value, _python_flat, indent, taken, trailing_comma=True)


def json_text(value: Any, indent: int = 0, taken: int = 0) -> str:
    """``value`` as JSON that keeps short lists and objects on one line (unlike ``indent=2``)."""
    return _layout(value, json_inline, indent, taken, trailing_comma=False)


def _layout(
    value: Any, flat: Callable[[Any], str], indent: int, taken: int, *, trailing_comma: bool
) -> str:
    """One line when the line (``indent`` spaces, ``taken`` characters of key and comma, the
    value) fits in ``WIDTH``; otherwise one item per line, each laid out the same way."""
    one_line = flat(value)
    if not isinstance(value, dict | list) or not value or indent + taken + len(one_line) <= WIDTH:
        return one_line
    inner = indent + 4 if trailing_comma else indent + 2
    if isinstance(value, dict):
        opening, closing = "{", "}"
        keys = [f"{json_inline(k)}: " for k in value]
        items = [
            key + _layout(v, flat, inner, len(key) + 1, trailing_comma=trailing_comma)
            for key, v in zip(keys, value.values(), strict=True)
        ]
    else:
        opening, closing = "[", "]"
        items = [_layout(v, flat, inner, 1, trailing_comma=trailing_comma) for v in value]
    separator = ",\n" + " " * inner
    end = "," if trailing_comma else ""
    return f"{opening}\n{' ' * inner}{separator.join(items)}{end}\n{' ' * indent}{closing}"


def json_inline(value: Any) -> str:
    """``value`` as JSON on one line, non-ASCII characters kept as they are."""
    return json.dumps(value, ensure_ascii=False)


def _python_flat(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, dict):
        pairs = (f"{json_inline(k)}: {_python_flat(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_python_flat(v) for v in value) + "]"
    return json_inline(value)
