"""Code samples that send a query to the endpoint: curl, Python (httpx) and JavaScript (fetch).

Each sample is generated from the query body so it cannot drift from the example it belongs to,
and each runs as shown against the local mock server with the demo key (a test executes them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from statsref.cli import DEFAULT_ENDPOINT, DEMO_KEY

QUERY_PATH = "/api/v2/query"
WIDTH = 88
"""Longest line the Python formatter keeps a list or object on (black's default)."""


@dataclass(frozen=True)
class Snippet:
    label: str
    language: str
    code: str


def endpoint_url(base: str = DEFAULT_ENDPOINT) -> str:
    return base.rstrip("/") + QUERY_PATH


def curl(query: dict[str, Any], *, base: str = DEFAULT_ENDPOINT, key: str = DEMO_KEY) -> str:
    """A curl command; the body goes through a quoted heredoc so no character needs escaping."""
    return (
        f"curl -sS {endpoint_url(base)} \\\n"
        f"  -H 'Authorization: Bearer {key}' \\\n"
        "  -H 'Content-Type: application/json' \\\n"
        "  --data-binary @- <<'JSON'\n"
        f"{json_text(query)}\n"
        "JSON"
    )


def python(query: dict[str, Any], *, base: str = DEFAULT_ENDPOINT, key: str = DEMO_KEY) -> str:
    """An httpx script that prints the response body as JSON (and fails loudly on an error)."""
    return (
        "import json\n\n"
        "import httpx\n\n"
        f"query = {python_literal(query, taken=len('query = '))}\n\n"
        "response = httpx.post(\n"
        f'    "{endpoint_url(base)}",\n'
        f'    headers={{"Authorization": "Bearer {key}"}},\n'
        "    json=query,\n"
        ")\n"
        "response.raise_for_status()\n"
        "print(json.dumps(response.json(), indent=2))\n"
    )


def javascript(query: dict[str, Any], *, base: str = DEFAULT_ENDPOINT, key: str = DEMO_KEY) -> str:
    """A fetch call for a module context (top-level await): browsers, Node 18+ and Deno."""
    return (
        f"const query = {json_text(query, taken=len('const query = '))};\n\n"
        f'const response = await fetch("{endpoint_url(base)}", {{\n'
        '  method: "POST",\n'
        "  headers: {\n"
        f'    Authorization: "Bearer {key}",\n'
        '    "Content-Type": "application/json",\n'
        "  },\n"
        "  body: JSON.stringify(query),\n"
        "});\n"
        "if (!response.ok) throw new Error(`HTTP ${response.status}`);\n"
        "console.log(JSON.stringify(await response.json(), null, 2));\n"
    )


def snippets(query: dict[str, Any]) -> list[Snippet]:
    """The tabs of an example page, in display order."""
    return [
        Snippet("curl", "sh", curl(query)),
        Snippet("Python", "python", python(query)),
        Snippet("JavaScript", "js", javascript(query)),
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
