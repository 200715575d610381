"""``statsref types --lang ts|python``: print the typed definitions."""

from __future__ import annotations

import argparse

from statsref.typegen import definitions


def types_command(args: argparse.Namespace) -> int:
    print(definitions(args.lang), end="")
    return 0
