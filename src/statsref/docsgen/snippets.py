"""Code samples that send a query to the endpoint: curl, Python (httpx) and JavaScript (fetch).

Each sample is generated from the query body so it cannot drift from the example it belongs to,
and each runs as shown against the local mock server with the demo key (a test executes them).
"""

from __future__ import annotations

import json
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
        f"{json.dumps(query, indent=2, ensure_ascii=False)}\n"
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
    body = json.dumps(query, indent=2, ensure_ascii=False)
    return (
        f"const query = {body};\n\n"
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
    A container stays on one line when that line (``indent`` spaces, ``taken`` characters of
    key and comma, the value) fits in ``WIDTH``; otherwise it gets one item per line.
    """
    flat = _python_flat(value)
    if not isinstance(value, dict | list) or not value or indent + taken + len(flat) <= WIDTH:
        return flat
    inner = indent + 4
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            key = f"{_string(k)}: "
            items.append(f"{key}{python_literal(v, inner, len(key) + 1)},")
    else:
        items = [f"{python_literal(v, inner, 1)}," for v in value]
    lines = "".join(f"{' ' * inner}{item}\n" for item in items)
    return f"{opening}\n{lines}{' ' * indent}{closing}"


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _python_flat(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, dict):
        pairs = (f"{_string(k)}: {_python_flat(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_python_flat(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
