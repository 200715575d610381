"""The one exception type the engine raises internally; ``run_query`` turns it into a body."""

from __future__ import annotations


class QueryError(Exception):
    """A query the API would reject.

    ``message`` is the exact text the real API puts in ``{"error": ...}``; ``pointer`` is the
    JSON pointer of the offending part of the request when known (the playground marks it).
    ``hint`` is ours, never part of the API's answer: one plain sentence saying what to change,
    which the playground shows under the API's text. The schema stage gives none, since the
    playground words schema mistakes from the schema itself.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        pointer: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.pointer = pointer
        self.hint = hint

    def body(self) -> dict[str, str]:
        return {"error": self.message}
