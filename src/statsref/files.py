"""Reading the files and streams the commands are given, within bounds.

A path on the command line may name anything: ``/dev/zero`` (read until memory runs out), a
FIFO (which blocks for ever before it is opened for writing), a folder, or a symlink to any of
them. Only regular files are read, and at most ``limit`` bytes of them: a larger file is
refused, never loaded. Standard input is read up to the same kind of limit. Every refusal is a
``FileError`` whose message says what is wrong in one line; the caller names the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .defaults import MAX_QUERY_BYTES

QUERY_BYTES = MAX_QUERY_BYTES
"""A query file or a query on standard input: as much as the mock server accepts."""
EXAMPLE_BYTES = 8 * 1024 * 1024
"""An example's file: a response page of 10,000 rows of the widest query, pretty-printed,
is about 3 MB."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileError(Exception):
    """A file or stream that cannot be read as asked; the message is one line."""


class MissingFile(FileError):
    """There is no file at the path."""


def read_file(path: Path | str, limit: int) -> str:
    """The UTF-8 text of the regular file at ``path`` (symlinks followed), at most ``limit``
    bytes. Opened without blocking, so a FIFO is refused rather than waited on."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise MissingFile("no such file") from None
    except OSError as exc:
        raise FileError(f"cannot open it: {exc.strerror or exc}") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise FileError(f"{kind}, not a regular file")
    with os.fdopen(descriptor, "rb") as handle:
        return read_stream(handle, limit)


def read_stream(stream: BinaryIO, limit: int) -> str:
    """The UTF-8 text of ``stream`` (such as ``sys.stdin.buffer``), at most ``limit`` bytes."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise FileError(f"cannot read it: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise FileError(f"more than {limit:,} bytes, the limit")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileError(f"not UTF-8 text (byte {exc.start})") from None
