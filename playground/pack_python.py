"""Writes the playground's Python pack, inside Pyodide (run by ``pack-python.mjs``).

After the recording run, ``sys.modules`` holds every module Pyodide's start, the worker's
modules and the engine imported. ``pack`` writes the ones that came from the standard library
zip, plus every file of the app archive (the engine, the ``tzdata`` zones, the worker's
modules), into one uncompressed zip: the ``.py`` files as bytecode compiled by this Python,
the one the browser runs, so no module is compiled there.

The bytecode is unchecked hash-based (PEP 552: no source to compare it with, none shipped),
compiled with ``optimize=2`` (no docstrings, no asserts: the engine has none, the standard
library is tested that way), as ``PYTHONNODEBUGRANGES`` asks without column positions, and
without line numbers (each code object's ``co_linetable`` emptied: a sixth of the pack once
compressed). With no source shipped a traceback has no lines to show anyway; frames report
``None`` for a line, and the worker reports errors by their message.
The zip is stored, not deflated: the HTTP layer compresses it whole, better than file by file.
"""

import importlib.util
import marshal
import sys
import zipfile

STDLIB = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
UNCHECKED_HASH = (1).to_bytes(4, "little")  # PEP 552 flags: hash-based, source not checked


def recorded_stdlib():
    """The standard library files of the modules imported so far, as names in its zip."""
    prefix = STDLIB + "/"
    specs = (getattr(module, "__spec__", None) for module in list(sys.modules.values()))
    origins = (getattr(spec, "origin", None) for spec in specs)
    return sorted({origin[len(prefix) :] for origin in origins if (origin or "").startswith(prefix)})


def without_lines(code):
    """``code`` and the code objects it holds, with no line number table."""
    consts = tuple(without_lines(c) if isinstance(c, type(code)) else c for c in code.co_consts)
    return code.replace(co_linetable=b"", co_consts=consts)


def bytecode(name, source):
    code = compile(source, f"{STDLIB}/{name}", "exec", dont_inherit=True, optimize=2)
    header = importlib.util.MAGIC_NUMBER + UNCHECKED_HASH + importlib.util.source_hash(source)
    return header + marshal.dumps(without_lines(code))


def pack(app_path, out_path):
    """Write the pack to ``out_path``; return how many standard library modules it holds."""
    stdlib_files = recorded_stdlib()
    with zipfile.ZipFile(STDLIB) as stdlib, zipfile.ZipFile(app_path) as app:
        members = {name: stdlib.read(name) for name in stdlib_files}
        members.update((name, app.read(name)) for name in app.namelist())
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_STORED) as out:
        for name in sorted(members):
            data = members[name]
            if name.endswith(".py"):
                name, data = name + "c", bytecode(name, data)
            out.writestr(zipfile.ZipInfo(name, ZIP_DATE), data)
    return len(stdlib_files)
