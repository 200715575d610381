"""Files the site serves next to its pages: the schemas, the typed definitions generated from
them, the example corpus and the editor's data (``statsref.docsgen.editor_data``) as JSON.

The playground fetches some at run time (editor schema, example picker, completion values),
readers download the others, so they are written next to the generated pages, from the same
sources, and the site generator copies them.
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


def write_outputs(
    site_dir: Path, examples: list[Example], editor: dict[str, Any], site_url: str | None = None
) -> list[Path]:
    """Write ``schema/*``, ``assets/examples.json`` and ``assets/editor.json`` under
    ``site_dir``; return the paths. The type files name the schemas at ``site_url`` (the
    address the site is published at), or by file name without one."""
    written = [
        _write_json(site_dir / "schema" / name, load()) for name, load in SCHEMA_FILES.items()
    ]
    schema_base = f"{site_url.rstrip('/')}/schema/" if site_url else None
    for lang, name in typegen.FILES.items():
        text = typegen.definitions(lang, schema_base)
        written.append(write_text(site_dir / "schema" / name, text))
    written.append(_write_json(site_dir / EXAMPLES_JSON, [e.as_json() for e in examples]))
    written.append(_write_json(site_dir / EDITOR_JSON, editor))
    return written


def _write_json(path: Path, data: object) -> Path:
    return write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` as UTF-8, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
