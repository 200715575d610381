"""The one exception type the engine raises internally; ``run_query`` turns it into a body."""

from __future__ import annotations


class QueryError(Exception):
    """A query the API would reject.

    ``message`` is the exact text the real API puts in ``{"error": ...}``; ``pointer`` is the
    JSON pointer of the offending part of the request when known (the playground marks it).
    """

    def __init__(self, message: str, *, status: int = 400, pointer: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.pointer = pointer

    def body(self) -> dict[str, str]:
        return {"error": self.message}
