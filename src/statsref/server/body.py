"""Reading a JSON request body the way a careful endpoint does: size first, then media type,
then syntax, each with a message that says what was wrong and where.

Integer literals longer than any 64-bit number are refused while decoding: Python would
convert one of 4,300 digits or more only to fail with a hint about its own settings.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import ClientDisconnect, Request

from .errors import ApiError

MAX_INTEGER_DIGITS = 19
"""Digits of the largest 64-bit integer (9223372036854775807)."""


class _LongInteger(Exception):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


async def read_json_body(request: Request, max_bytes: int) -> tuple[bytes, Any]:
    """The raw bytes and the decoded JSON value of ``request``'s body.

    Raises ``ApiError`` 413 (too large), 415 (not JSON) or 400 (empty, not UTF-8, bad syntax).
    A request without ``Content-Type`` is read as JSON, as the real endpoint does for clients
    that forget the header.
    """
    raw = await _read_limited(request, max_bytes)
    _check_content_type(request.headers.get("content-type"))
    return raw, parse_json(raw)


async def _read_limited(request: Request, max_bytes: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(int(declared), max_bytes)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(size, max_bytes)
            chunks.append(chunk)
    except ClientDisconnect:
        # The client left (or the connection guard closed a body that was too slow): the
        # answer goes nowhere, but it must not be logged as a server failure either.
        raise ApiError(400, "The connection closed before the request body arrived.") from None
    return b"".join(chunks)


def _too_large(size: int, max_bytes: int) -> ApiError:
    return ApiError(413, f"Request body too large: {size} bytes; the limit is {max_bytes} bytes.")


def _check_content_type(header: str | None) -> None:
    if header is None:
        return
    media_type = header.split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise ApiError(
            415,
            f"Unsupported Content-Type {header!r}: send the query as application/json.",
        )


def parse_json(raw: bytes) -> Any:
    """Decode ``raw`` as UTF-8 JSON; errors name the line and column of the problem."""
    if not raw.strip():
        raise ApiError(400, "Empty request body: send the query as a JSON object.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, f"Request body is not valid UTF-8 (byte {exc.start}): send UTF-8 JSON."
        ) from None
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int)
    except _LongInteger as exc:
        raise ApiError(
            400,
            f"Request body holds an integer of {exc.digits} digits; integers in a query fit "
            "in 64 bits.",
        ) from None
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            f"Malformed JSON in request body: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
        ) from None
    except ValueError as exc:  # NaN or Infinity
        raise ApiError(400, f"Malformed JSON in request body: {exc}.") from None
    except RecursionError:
        raise ApiError(400, "Malformed JSON in request body: nested too deeply.") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _parse_int(literal: str) -> int:
    digits = len(literal.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        raise _LongInteger(digits)
    return int(literal)
