"""The one exception of the converter."""

from __future__ import annotations


class MigrationError(ValueError):
    """Input the converter cannot read; the message is one line for people."""
