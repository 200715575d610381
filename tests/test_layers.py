"""The import graph of ``statsref`` has no cycle and no arrow up.

Rooms are listed from the bottom up: a module may import its own room and the rooms below,
never one above. The engine's rooms follow the road a query travels (the language it is written
in, the sites it may name, read from a sites file and checked with the language, the data
generated for them, the run that answers it); its package face (``statsref.engine``:
``run_query`` and the rule catalogue) sits on top of them.

Nothing a command or ``statsref.testing`` reaches imports the site build's packages, at any
depth (imports inside functions count), so they run on the base install.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import statsref

SRC = Path(statsref.__file__).parent
PACKAGE_LAYERS = (
    {"", "engine", "defaults", "schema", "files"},  # "": the package's own __init__
    {"corpus", "typegen", "client", "migrate", "explain"},
    {"server", "docsgen", "validate"},
    {"cli", "__main__", "testing"},
)
ENGINE_LAYERS = ({"language"}, {"sites", "migrate"}, {"data"}, {"run"}, {"."})


def _module(path: Path) -> str:
    parts = ["statsref", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[str]:
    """The modules ``path`` imports, at any depth (a name imported from a ``statsref`` package
    counts as its submodule when there is one)."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            here = package.split(".")[: len(package.split(".")) - node.level + 1]
            named = [node.module] if node.module else []
            target = ".".join([*here, *named] if node.level else named)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield sub if sub in MODULES else target


MODULES = {_module(path): path for path in SRC.rglob("*.py")}
IMPORTS = {name: set(_imports(path)) for name, path in MODULES.items()}
GRAPH = {name: imports & MODULES.keys() for name, imports in IMPORTS.items()}


def _layer(module: str) -> tuple[int, int]:
    """(package layer, engine layer): the engine's package face counts as its top room."""
    parts = module.split(".")
    room = parts[1] if len(parts) > 1 else ""
    outer = next(i for i, rooms in enumerate(PACKAGE_LAYERS) if room in rooms)
    if room != "engine":
        return outer, 0
    inner = parts[2] if len(parts) > 3 or (len(parts) == 3 and _is_package(module)) else "."
    return outer, next(i for i, rooms in enumerate(ENGINE_LAYERS) if inner in rooms)


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_room_above_its_own(module: str) -> None:
    above = sorted(t for t in GRAPH[module] if _layer(t) > _layer(module))
    assert not above, f"{module} imports {above}, above its room"


def test_the_module_graph_has_no_cycle() -> None:
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                pytest.fail("import cycle: " + " -> ".join([*path, name, target]))
            if target not in state:
                visit(target, [*path, name])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [])


def test_every_room_is_placed() -> None:
    """A new package or engine room has to be given its layer here."""
    for module in MODULES:
        _layer(module)


SITE_BUILD = {"mkdocs", "material", "pymdownx", "brotli", "jinja2"}
"""The ``docs`` extra's packages (and Material's Markdown extensions): only the site build may
import them, so ``pip install statsref`` leaves them out."""


def _lean_roots() -> set[str]:
    """Every command's handler module (``cli`` names them as strings, to import them lazily)
    but the site build's own (``statsref docs``, which needs the extra), the command line
    itself and ``statsref.testing``."""
    cli = (SRC / "cli.py").read_text(encoding="utf-8")
    named = re.findall(r'_handler\("([\w.]+):\w+"\)', cli)
    handlers = {f"statsref.{name}" for name in named if not name.startswith("docsgen.")}
    return {*handlers, "statsref.cli", *(m for m in MODULES if m.startswith("statsref.testing"))}


def test_the_commands_and_statsref_testing_import_nothing_of_the_site_build() -> None:
    roots = _lean_roots()
    assert {"statsref.server.commands", "statsref.testing.plugin"} <= roots
    reached, todo = set(), list(roots)
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(GRAPH[module])
    found = {m: sorted(n for n in IMPORTS[m] if n.split(".")[0] in SITE_BUILD) for m in reached}
    assert not {module: names for module, names in found.items() if names}
    assert "jinja2" in IMPORTS["statsref.docsgen.render"]  # the check sees them
