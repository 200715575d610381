"""The OpenAPI 3.1 document, generated from the two JSON Schemas at startup.

OpenAPI 3.1 schema objects are JSON Schema 2020-12, so the schemas go in unchanged except for
one mechanical step: each schema's ``$defs`` become components of their own (``Query.<name>``,
``Response.<name>``) and every ``$ref`` is rewritten to point at them. Tools that resolve
references from the document root (validators, fuzzers, code generators) then need nothing
but this one document.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urldefrag, urljoin

from statsref import __version__

from .clock import CLOCK_HEADER
from .proxy import MAX_UPSTREAM_BYTES, PROXY_CALLS

COMPONENTS = "#/components/schemas/"

STATUS_DESCRIPTIONS = {
    "200": "The query ran: results, meta and the echoed query.",
    "400": "Invalid query, missing `site_id`, or a body that is not JSON; `error` says which.",
    "401": "Missing or unknown API key, or a `site_id` the key has no access to.",
    "402": "The site is locked, or its owner's plan does not include the Stats API.",
    "413": "The request body is larger than the server accepts.",
    "415": "The body was sent with a Content-Type other than `application/json`.",
    "429": "The key used up its hourly request limit; see the `X-RateLimit-*` headers.",
}
PROXY_STATUS_DESCRIPTIONS = {
    "502": (
        "The upstream could not be reached, or answered something other than JSON, more than "
        f"{MAX_UPSTREAM_BYTES // 2**20} MB, or an invalid HTTP status."
    ),
    "503": f"The proxy has {PROXY_CALLS} calls in flight; retry after `Retry-After` seconds.",
    "504": "The upstream did not answer in time (one deadline for the whole call).",
}
CLOCK_PARAMETER = {
    "name": CLOCK_HEADER,
    "in": "header",
    "required": False,
    "description": (
        "Mock only: answer as if it were this instant (ISO 8601 with an offset), instead of the "
        "server's clock. The response's header of the same name says which clock answered."
    ),
    "schema": {"type": "string", "format": "date-time"},
}
RATE_LIMIT_HEADERS = {
    "X-RateLimit-Limit": "Requests allowed per key per hour.",
    "X-RateLimit-Remaining": "Requests left in the current hour.",
    "X-RateLimit-Reset": "Unix time at which the current window ends.",
}


def build_openapi(
    query_schema: dict[str, Any], response_schema: dict[str, Any], *, proxy: bool = False
) -> dict[str, Any]:
    """The whole document; ``proxy`` adds ``POST /api/proxy/v2/query``."""
    prefixes = {query_schema.get("$id", ""): "Query", response_schema.get("$id", ""): "Response"}
    schemas = {
        **_components(query_schema, "Query", prefixes),
        **_components(response_schema, "Response", prefixes),
    }
    mock_query = _query_operation("query", STATUS_DESCRIPTIONS, query_schema)
    mock_query["parameters"] = [CLOCK_PARAMETER]
    paths: dict[str, Any] = {
        "/api/v2/query": {"post": mock_query},
        "/health": {"get": _health_operation()},
    }
    if proxy:
        statuses = {**STATUS_DESCRIPTIONS, **PROXY_STATUS_DESCRIPTIONS}
        operation = _query_operation("proxyQuery", statuses, query_schema)
        operation["summary"] = "Forward a query to the live upstream instance"
        paths["/api/proxy/v2/query"] = {"post": operation}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Stats API v2 (statsref mock server)",
            "version": __version__,
            "description": (
                "A local mock of the Stats API v2 query endpoint. Request and response bodies "
                "are described by `/schema/query.schema.json` and `/schema/response.schema.json`."
            ),
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API key; the mock server accepts `demo-key` by default.",
                }
            },
        },
        "security": [{"bearerAuth": []}],
    }


def _query_operation(
    operation_id: str, statuses: dict[str, str], query_schema: dict[str, Any]
) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "summary": query_schema.get("title", "Run a Stats API v2 query"),
        "description": query_schema.get("description", ""),
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": COMPONENTS + "Query"}}},
        },
        "responses": {
            status: _json_response(description, rate_limited=status != "401")
            for status, description in statuses.items()
        },
    }


def _json_response(description: str, *, rate_limited: bool) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": COMPONENTS + "Response"}}},
    }
    if rate_limited:
        response["headers"] = {
            name: {"description": text, "schema": {"type": "integer"}}
            for name, text in RATE_LIMIT_HEADERS.items()
        }
    return response


def _health_operation() -> dict[str, Any]:
    return {
        "operationId": "health",
        "summary": "Liveness check",
        "security": [],
        "responses": {
            "200": {
                "description": "The server is up.",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "status": {"const": "ok"},
                                "service": {
                                    "const": "statsref",
                                    "description": "Names this mock server, so a page can tell "
                                    "it from any other origin.",
                                },
                                "proxy": {
                                    "type": "boolean",
                                    "description": "Whether POST /api/proxy/v2/query forwards "
                                    "to a live instance (--upstream).",
                                },
                            },
                            "required": ["status", "service"],
                        }
                    }
                },
            }
        },
    }


def _components(schema: dict[str, Any], prefix: str, prefixes: dict[str, str]) -> dict[str, Any]:
    """``schema`` as component ``prefix`` plus one component per ``$defs`` entry."""
    base = schema.get("$id", "")
    top = {k: v for k, v in schema.items() if k not in ("$id", "$schema", "$defs")}
    components = {prefix: _rewrite(top, base, prefixes)}
    for name, definition in schema.get("$defs", {}).items():
        components[f"{prefix}.{_component_name(name)}"] = _rewrite(definition, base, prefixes)
    return components


def _component_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def _rewrite(node: Any, base: str, prefixes: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: _ref(value, base, prefixes) if key == "$ref" else _rewrite(value, base, prefixes)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(item, base, prefixes) for item in node]
    return node


def _ref(ref: str, base: str, prefixes: dict[str, str]) -> str:
    """Map a JSON Schema reference to the component that now holds its target."""
    document, fragment = urldefrag(urljoin(base, ref))
    prefix = prefixes.get(document)
    if prefix is None:
        return ref
    parts = fragment.split("/")[1:] if fragment.startswith("/") else []
    if parts[:1] == ["$defs"] and len(parts) >= 2:
        target = [f"{prefix}.{_component_name(parts[1])}", *parts[2:]]
    else:
        target = [prefix, *parts]
    return COMPONENTS + "/".join(target)
