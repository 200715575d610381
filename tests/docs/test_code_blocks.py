"""The code of the docs works: every TypeScript and Python snippet compiles, as the examples
do (under the real ``tsc --strict`` and ``mypy --strict``, next to the published type files),
and every curl command to the mock gets an answer from a real ``statsref serve``. The snippets
come from the hand-written pages (with their markers filled), the generated pages and the
README."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from statsref.defaults import DEFAULT_ENDPOINT
from statsref.docsgen.build import DocsBuild
from statsref.typegen import FILES, definitions

from .conftest import ROOT, serve_mock

TSC = ROOT / "playground" / "node_modules" / ".bin" / "tsc"  # the playground's pinned one
TSC_OPTIONS = [str(TSC), "--strict", "--noEmit", "--target", "es2022", "--module", "esnext"]

FENCE = re.compile(r"^(?P<indent>[ ]*)```(?:\{\.(?P<attr>[\w-]+)[^}]*\}|(?P<lang>[\w-]+))[ ]*$")
LANGUAGES = {"ts": "ts", "typescript": "ts", "python": "python", "py": "python"}
EXTENSIONS = {"ts": ".ts", "python": ".py"}


def code_blocks(markdown: str) -> list[tuple[str, str]]:
    """``(language, code)`` of each fenced block, indented ones (inside tabs) included."""
    blocks: list[tuple[str, str]] = []
    lines = iter(markdown.splitlines())
    for line in lines:
        opening = FENCE.match(line)
        if not opening:
            continue
        indent, language = opening["indent"], opening["attr"] or opening["lang"]
        body: list[str] = []
        for inner in lines:
            if inner.strip() == "```" and inner.startswith(indent):
                break
            body.append(inner.removeprefix(indent))
        blocks.append((language, "\n".join(body) + "\n"))
    return blocks


def documentation() -> dict[str, str]:
    """Every page's markdown as the site renders it, and the README: name to markdown."""
    build = DocsBuild(ROOT)
    pages = {
        str(path.relative_to(ROOT)): build.renderer.fill_markers(
            path.read_text(encoding="utf-8"), str(path.relative_to(ROOT / "docs"))
        )
        for path in sorted((ROOT / "docs").rglob("*.md"))
    }
    pages.update({f"docs/{uri}": markdown for uri, markdown in build.pages.items()})
    pages["README.md"] = (ROOT / "README.md").read_text(encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def snippets() -> dict[str, list[tuple[str, str]]]:
    """Language (``ts``, ``python`` or ``sh``) to ``(where, code)`` of each of its snippets."""
    found: dict[str, list[tuple[str, str]]] = {"ts": [], "python": [], "sh": []}
    for name, markdown in documentation().items():
        for language, code in code_blocks(markdown):
            kind = LANGUAGES.get(language, language)
            if kind in found:
                found[kind].append((name, code))
    return found


@pytest.fixture(scope="module")
def mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_mock(tmp_path_factory.mktemp("no-site")) as base:
        yield base


def _check(folder: Path, lang: str, blocks: list[tuple[str, str]], command: list[str]) -> str:
    """Write the type file and one file per snippet into ``folder``, run ``command`` on the
    snippets there and return what it printed about them, each file named by its page."""
    (folder / FILES[lang]).write_text(definitions(lang), encoding="utf-8")
    names = {}
    for index, (where, code) in enumerate(blocks):
        name = f"snippet_{index}{EXTENSIONS[lang]}"
        names[name] = where
        (folder / name).write_text(code, encoding="utf-8")
    done = subprocess.run(
        [*command, *names], cwd=folder, capture_output=True, text=True, timeout=300, check=False
    )
    output = done.stdout + done.stderr
    for name, where in names.items():
        output = output.replace(name, f"{name} ({where})")
    return output if done.returncode else ""


def test_code_blocks_are_read_with_their_language_inside_tabs_too() -> None:
    markdown = '=== "Python"\n\n    ```{.python .sr-sample data-target="mock"}\n'
    markdown += "    x = 1\n    ```\n"
    markdown += "\n```ts\nconst y: number = 2;\n```\n"
    assert code_blocks(markdown) == [("python", "x = 1\n"), ("ts", "const y: number = 2;\n")]


def test_every_python_snippet_type_checks(snippets, tmp_path: Path) -> None:
    blocks = snippets["python"]
    assert any(where == "docs/guides/editor-and-code.md" for where, _ in blocks)
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
    assert _check(tmp_path, "python", blocks, command) == ""


@pytest.mark.skipif(not TSC.exists(), reason="needs the playground's npm packages")
def test_every_typescript_snippet_compiles(snippets, tmp_path: Path) -> None:
    blocks = snippets["ts"]
    assert any(where == "docs/guides/editor-and-code.md" for where, _ in blocks)
    assert _check(tmp_path, "ts", blocks, TSC_OPTIONS) == ""


def test_every_curl_to_the_mock_gets_an_answer(snippets, mock: str, tmp_path: Path) -> None:
    """Each shell snippet that is a curl command to the mock's default address, run as printed
    against a real mock (curl told to fail on an error status): a command without
    ``Content-Type: application/json`` would get the API's ``415``."""
    (tmp_path / ".curlrc").write_text("silent\nshow-error\nfail-with-body\n")
    curls = [
        (where, code)
        for where, code in snippets["sh"]
        if code.startswith("curl ") and f"{DEFAULT_ENDPOINT}/api/" in code
    ]
    assert any(where == "docs/guides/mock-server.md" for where, _ in curls)
    for where, code in curls:
        command = code.replace(DEFAULT_ENDPOINT, mock)
        done = subprocess.run(
            ["bash", "-c", command],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "CURL_HOME": str(tmp_path)},
        )
        assert done.returncode == 0, f"{where}: {command}\n{done.stdout}{done.stderr}"
        assert "results" in json.loads(done.stdout), where
