"""The demo's well-known values, shared by the command line, the server, the client and the docs.

A low module on purpose: everything may import it, it imports nothing of ours.
"""

from __future__ import annotations

DEMO_KEY = "demo-key"
"""The API key the mock accepts out of the box (``statsref serve --keys`` replaces it)."""
DEFAULT_ENDPOINT = "http://127.0.0.1:8000"
"""Where ``statsref serve`` listens by default, and where ``statsref query`` sends queries."""
MAX_QUERY_BYTES = 64 * 1024
"""The largest query the mock server accepts as a request body, and ``statsref query`` reads.
Real queries are a few hundred bytes; this leaves room for long filter lists."""
QUERIES_PER_CLIENT = 2
"""Queries one client may have in flight on the mock server at once (``statsref serve
--queries-per-client``; ``statsref.server.fairness``)."""
