"""The sites a mock serves: a sites file read into a ``SiteSet``, and the demo sites.

Sites are data. The demo sites are one sites file shipped with the package (``demo.toml``);
a user's own file goes through the same loader (``load``) and the same generator. What a site
is to the query language is ``language.site``; what its traffic looks like, ``traffic``.
"""

from __future__ import annotations

import os
import stat
from functools import cache
from importlib.resources import files

from .load import parse_sites
from .siteset import SiteSet, SiteSpec
from .tables import SitesFileError

MAX_FILE_BYTES = 1024 * 1024
"""The largest sites file read: a file describing a few sites is a few kilobytes."""


@cache
def demo_sites() -> SiteSet:
    """The demo sites (``dummy.site`` and its neighbours), read once."""
    return parse_sites(files(__name__).joinpath("demo.toml").read_text("utf-8"), "demo sites")


def read_sites_file(path: str | os.PathLike[str]) -> SiteSet:
    """The sites of the file at ``path``, or ``SitesFileError`` naming the file and the
    problem: not a regular file, too large, not UTF-8, not valid TOML, or a bad key."""
    name = os.fspath(path)
    try:  # non-blocking, so a FIFO is refused instead of waiting for a writer
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise SitesFileError(f"{name}: not a regular file")
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise SitesFileError(f"{name}: cannot read it: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise SitesFileError(f"{name}: larger than {MAX_FILE_BYTES // 1024} KB, the limit")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SitesFileError(f"{name}: not UTF-8 text (byte {error.start})") from None
    return parse_sites(text, name)


__all__ = ["SiteSet", "SiteSpec", "SitesFileError", "demo_sites", "parse_sites", "read_sites_file"]
