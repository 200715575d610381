"""Every error leaves the server as ``{"error": "<message>"}``, like the real API, never as HTML
or a traceback. Handlers raise ``ApiError``; the exception handlers here turn it and Starlette's
own ``HTTPException`` (404, 405) into that body, and ``LastResortMiddleware`` anything
unexpected.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import Message, Receive, Scope, Send

from .asgi import HttpMiddleware
from .logs import printable

log = logging.getLogger("statsref.server")

INTERNAL_ERROR = "Internal server error. The mock server logged the details."


class ApiError(Exception):
    """An error response: status, the message for the body, and extra headers."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})

    def response(self) -> JSONResponse:
        return error_response(self.status, self.message, self.headers)


def error_response(
    status: int, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=dict(headers or {}))


async def on_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return exc.response()


async def on_http_exception(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's routing errors (unknown path, wrong method) as JSON, keeping ``Allow``."""
    assert isinstance(exc, HTTPException)
    return error_response(exc.status_code, _http_message(request, exc), exc.headers)


class LastResortMiddleware(HttpMiddleware):
    """Anything a handler lets out: the traceback is logged, the answer is a 500 without any
    detail of the failure. A middleware rather than Starlette's ``Exception`` handler, which
    answers outside every middleware: this way the 500 gets the security headers and its
    access-log line like any other answer."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception as exc:
            log.error(
                "unhandled error on %s %s",
                scope["method"],
                printable(scope["path"]),
                exc_info=exc,
            )
            if started:
                raise
            await error_response(500, INTERNAL_ERROR)(scope, receive, send)


def _http_message(request: Request, exc: HTTPException) -> str:
    if exc.status_code == 404:
        return f"Not found: {request.url.path}"
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        return f"Method {request.method} is not allowed on {request.url.path}; use {allowed}."
    return exc.detail


EXCEPTION_HANDLERS = {
    ApiError: on_api_error,
    HTTPException: on_http_exception,
}
