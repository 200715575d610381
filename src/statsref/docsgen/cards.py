"""Tables that read on a phone: every body cell carries its column's heading as ``data-label``.

Below about 600 px the stylesheet (``docs/stylesheets/reference.css``) stacks each row into a
card, and each cell shows its label above its content instead of a header row far away. Done
once at build time on the rendered page, so it needs no script and covers every table.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEADING = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>.*?</tr>", re.S)
_CELL = re.compile(r"<td(\s[^>]*)?>")
_TAG = re.compile(r"<[^>]+>")


def label_cells(page: str) -> str:
    """``page`` (HTML) with a ``data-label`` on each ``<td>`` of every table with a header."""
    return _TABLE.sub(_label_table, page)


def _label_table(match: re.Match[str]) -> str:
    inner = match.group(1)
    head_end = inner.find("</thead>")
    if head_end < 0:
        return match.group(0)
    labels = [
        html.escape(html.unescape(_TAG.sub("", cell)).strip())
        for cell in _HEADING.findall(inner[:head_end])
    ]

    def row(found: re.Match[str]) -> str:
        column = iter(labels)
        return _CELL.sub(
            lambda cell: f'<td{cell.group(1) or ""} data-label="{next(column, "")}">',
            found.group(0),
        )

    return f"<table>{inner[:head_end]}{_ROW.sub(row, inner[head_end:])}</table>"
