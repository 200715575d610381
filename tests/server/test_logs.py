"""Escaped log text and one warning per cause and interval."""

from __future__ import annotations

import logging

import pytest

from statsref.server.logs import MAX_CAUSES, OncePerCause, configure, printable


@pytest.mark.parametrize(
    ("text", "logged"),
    [
        ("/guide/", "/guide/"),
        ("/zürich", "/zürich"),
        ("/x\n2026-11-28 INFO forged", "/x\\n2026-11-28 INFO forged"),
        ("/\x1b[31mred\r", "/\\x1b[31mred\\r"),
        ("/a\u2028b", "/a\\u2028b"),
    ],
)
def test_printable(text, logged):
    assert printable(text) == logged


def record(msg: str, *args: str, level: int = logging.ERROR) -> logging.LogRecord:
    return logging.LogRecord("asyncio", level, __file__, 1, msg, args, None)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_one_line_per_cause_and_interval_with_a_count():
    clock = Clock()
    once = OncePerCause(interval=60, clock=clock)
    assert once.filter(record("socket.accept() out of system resource"))
    assert not any(
        once.filter(record("socket.accept() out of system resource")) for _ in range(999)
    )
    assert once.filter(record("another failure"))
    clock.now = 61
    later = record("socket.accept() out of system resource")
    assert once.filter(later)
    assert later.getMessage() == (
        "socket.accept() out of system resource (999 more like it in the last 60 s were not logged)"
    )


def test_arguments_do_not_make_a_new_cause():
    once = OncePerCause(clock=Clock())
    assert once.filter(record("unhandled error on %s %s", "GET", "/a"))
    assert not once.filter(record("unhandled error on %s %s", "GET", "/b"))


def test_info_lines_always_pass():
    once = OncePerCause(clock=Clock())
    assert all(once.filter(record("request", level=logging.INFO)) for _ in range(10))


def test_causes_are_bounded():
    once = OncePerCause(clock=Clock())
    for n in range(MAX_CAUSES + 5):
        assert once.filter(record(f"message built without a template {n}"))
    assert len(once._seen) <= MAX_CAUSES


def test_configure_sets_up_one_deduplicating_handler_once(monkeypatch):
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", root.level)
    configure()
    configure()
    [handler] = root.handlers
    assert [type(f) for f in handler.filters] == [OncePerCause]
