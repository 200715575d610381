"""The TypeScript definitions under the real ``tsc --strict`` (the playground's pinned one):
every example's query and response type-check, the invalid queries types can catch do not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statsref.typegen import FILES

from .cases import type_check

TSC = Path(__file__).resolve().parents[2] / "playground" / "node_modules" / ".bin" / "tsc"
TSC_OPTIONS = [str(TSC), "--strict", "--noEmit", "--target", "es2022", "--module", "esnext"]
TSC_OPTIONS += ["--moduleResolution", "bundler"]

pytestmark = pytest.mark.skipif(
    not TSC.exists(), reason="needs the playground's npm packages (npm ci in playground/)"
)


def _source(query: object, response: object) -> str:
    lines = ['import type { Query, QueryResponse } from "./stats_api";']
    lines.append(f"export const query: Query = {json.dumps(query, indent=2)};")
    if response is not None:
        lines.append(f"export const response: QueryResponse = {json.dumps(response, indent=2)};")
    return "\n".join(lines) + "\n"


def test_examples_type_check_and_invalid_queries_do_not(tmp_path: Path) -> None:
    rejected, expected, output = type_check(tmp_path, "ts", _source, TSC_OPTIONS)
    assert rejected == expected, output[-3000:]
    assert FILES["ts"] not in output  # the definitions themselves compile
