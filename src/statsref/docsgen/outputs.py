"""Files the site serves next to its pages: the schemas, the typed definitions generated from
them, the example corpus and the editor's data (``statsref.docsgen.editor_data``) as JSON.

The playground fetches some at run time (editor schema, example picker, completion values),
readers download the others, so they are written after the pages, into the built site, from the
same sources the pages were rendered from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from statsref import schema, typegen
from statsref.docsgen.examples import Example

SCHEMA_FILES = {
    schema.QUERY_SCHEMA_FILE: schema.query_schema,
    schema.RESPONSE_SCHEMA_FILE: schema.response_schema,
    schema.QUERY_FILE_SCHEMA_FILE: schema.query_file_schema,
    schema.SITES_SCHEMA_FILE: schema.sites_schema,
}
EXAMPLES_JSON = Path("assets") / "examples.json"
EDITOR_JSON = Path("assets") / "editor.json"


def write_outputs(site_dir: Path, examples: list[Example], editor: dict[str, Any]) -> list[Path]:
    """Write ``schema/*``, ``assets/examples.json`` and ``assets/editor.json`` under
    ``site_dir``; return the paths."""
    written = [
        _write_json(site_dir / "schema" / name, load()) for name, load in SCHEMA_FILES.items()
    ]
    for lang, name in typegen.FILES.items():
        written.append(_write(site_dir / "schema" / name, typegen.definitions(lang)))
    written.append(_write_json(site_dir / EXAMPLES_JSON, [e.as_json() for e in examples]))
    written.append(_write_json(site_dir / EDITOR_JSON, editor))
    return written


def _write_json(path: Path, data: object) -> Path:
    return _write(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
