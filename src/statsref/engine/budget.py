"""The work budget of one query.

Queries share one SQLite connection, so one expensive query makes every other wait (on the
server) or freezes the tab (in the playground). The numbers are documented on the
quirks-and-limits page (``docs/guides/quirks.md``).
"""

from __future__ import annotations

MAX_REGEX_STATES = 1_000
"""NFA states the distinct ``matches`` patterns of a query compile to, together. A state is
about one character, class or anchor; a counted repeat counts its body once per repetition.
Searching a value costs at most its length times this."""
