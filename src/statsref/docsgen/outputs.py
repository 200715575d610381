"""Files the site serves next to its pages: the schemas, the example corpus and the editor's
data (``statsref.docsgen.editor_data``) as JSON.

The playground fetches them at run time (editor schema, example picker, completion values), so
they are written after the pages, into the built site, from the same sources the pages were
rendered from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from statsref import schema
from statsref.docsgen.examples import Example

SCHEMA_FILES = {
    schema.QUERY_SCHEMA_FILE: schema.query_schema,
    schema.RESPONSE_SCHEMA_FILE: schema.response_schema,
}
EXAMPLES_JSON = Path("assets") / "examples.json"
EDITOR_JSON = Path("assets") / "editor.json"


def write_outputs(site_dir: Path, examples: list[Example], editor: dict[str, Any]) -> list[Path]:
    """Write ``schema/*.json``, ``assets/examples.json`` and ``assets/editor.json`` under
    ``site_dir``; return the paths."""
    written = [
        _write_json(site_dir / "schema" / name, load()) for name, load in SCHEMA_FILES.items()
    ]
    written.append(_write_json(site_dir / EXAMPLES_JSON, [e.as_json() for e in examples]))
    written.append(_write_json(site_dir / EDITOR_JSON, editor))
    return written


def _write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
