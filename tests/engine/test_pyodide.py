"""The engine runs unchanged in Pyodide (Python 3.14, SQLite 3.39), as the playground runs it.

Builds the playground's Python pack (cached after the first build), starts the pinned Pyodide
in Node on it as the worker does (the pack as the standard library, no lock file), and runs
every example of the corpus through ``bridge.py``: each body must equal the documented one,
which ``statsref examples check`` proves equal to the host's. Then loads a sites file naming a
zone the pack lacks and runs a query on its site, through a counting stand-in for the worker's
fetch of every zone; then imports standard library modules the pack lacks, through the fallback
finder and a counting stand-in for the worker's synchronous fetch of the full standard library.
Skipped when Node or the npm packages are missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from statsref.docsgen.examples import Example, load_examples
from statsref.docsgen.playground import PLAYGROUND_DIR, build_cache
from statsref.docsgen.python_runtime import PythonRuntime, install_python

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = PLAYGROUND_DIR / "node_modules" / "pyodide"
ACME = ROOT / "tests" / "fixtures" / "sites" / "acme.toml"  # its site is in Asia/Tokyo
TOKYO_QUERY = {"site_id": "acme.test", "metrics": ["visitors"], "date_range": "7d"}
BROKEN = '[[sites]]\ndomain = "b.test"\ntimezone = "Mars/Base"\n'

SCRIPT = """
import fs from "node:fs";
import { loadPyodide } from "%(pyodide)s/pyodide.mjs";
import {
  BRIDGE_MODULE, FALLBACK_MODULE, ZONES_MODULE, noPackages,
} from "%(src)s/runners/python-start.js";

const [pack, lockInfo, examples, zones, sites, query, broken] = %(inputs)s;
const py = await loadPyodide({
  indexURL: "%(pyodide)s/", stdLibURL: pack, lockFileContents: noPackages(lockInfo),
});
let fetches = 0;
py.pyimport(FALLBACK_MODULE).install(() => {
  fetches += 1;
  return new Uint8Array(fs.readFileSync("%(pyodide)s/python_stdlib.zip"));
});
let zoneFetches = 0;
py.pyimport(ZONES_MODULE).install(() => {
  zoneFetches += 1;
  return new Uint8Array(fs.readFileSync(zones));
});
const bridge = py.pyimport(BRIDGE_MODULE);
const bodies = examples.map(({ query, now }) => JSON.parse(bridge.run(query, now)).body);
const fetchesAfterCorpus = fetches;
const now = examples[0].now;
const loaded = JSON.parse(bridge.load_sites(sites, now, JSON.stringify(["visit:country"])));
const answer = JSON.parse(bridge.run(query, now, sites));
const brokenLoad = JSON.parse(bridge.load_sites(broken, now, "[]"));
const fetchesAfterSites = fetches;
const imports = {};
for (const name of ["no_such_module", "json.tool", "email", "xml.dom.minidom"]) {
  try {
    imports[name] = py.runPython(`import ${name}\\n${name}.__spec__.origin`);
  } catch (error) {
    imports[name] = error.message.trim().split("\\n").at(-1);
  }
}
console.log(JSON.stringify({
  bodies, fetchesAfterCorpus, fetchesAfterSites, fetches, imports,
  loaded, answer, brokenLoad, zoneFetches,
}));
"""

needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not (PYODIDE / "pyodide.mjs").exists(),
    reason="needs Node and the playground's npm packages (npm ci in playground/)",
)


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return load_examples(ROOT / "examples")


@pytest.fixture(scope="module")
def in_pyodide(tmp_path_factory: pytest.TempPathFactory, corpus: list[Example]) -> dict:
    out = tmp_path_factory.mktemp("playground")
    node = shutil.which("node")
    assert node is not None
    python: PythonRuntime = install_python(
        out, corpus, node=node, source=PLAYGROUND_DIR, cache=build_cache()
    )
    inputs = [
        str(out / python.pack),
        python.lock_info,
        [{"query": json.dumps(e.query), "now": e.now} for e in corpus],
        str(out / python.zones),
        json.dumps({"name": "acme.toml", "text": ACME.read_text(encoding="utf-8")}),
        json.dumps(TOKYO_QUERY),
        json.dumps({"name": "broken.toml", "text": BROKEN}),
    ]
    script = out / "run.mjs"
    script.write_text(
        SCRIPT
        % {
            "pyodide": PYODIDE.as_posix(),
            "src": (PLAYGROUND_DIR / "src").as_posix(),
            "inputs": json.dumps(inputs),
        },
        encoding="utf-8",
    )
    done = subprocess.run(
        [node, str(script)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@needs_node
def test_every_example_gives_its_documented_body(in_pyodide: dict, corpus: list[Example]) -> None:
    assert len(in_pyodide["bodies"]) == len(corpus)
    for example, body in zip(corpus, in_pyodide["bodies"], strict=True):
        assert body == example.response, example.slug


@needs_node
def test_the_corpus_needs_nothing_outside_the_pack(in_pyodide: dict) -> None:
    assert in_pyodide["fetchesAfterCorpus"] == 0


@needs_node
def test_a_sites_file_in_another_zone_answers_with_every_zone_fetched_once(
    in_pyodide: dict,
) -> None:
    """The pack holds the demo sites' zones only: ``Asia/Tokyo`` comes from the full set, in
    one fetch, and the sites file needs no module the pack lacks."""
    acme = in_pyodide["loaded"]["sites"]["acme.test"]
    assert acme["timezone"] == "Asia/Tokyo"
    assert "Signup" in acme["values"]["event:goal"] and acme["values"]["visit:country"]
    answer = in_pyodide["answer"]
    assert answer["status"] == 200 and answer["body"]["results"][0]["metrics"][0] > 0
    assert answer["body"]["query"]["date_range"][0].endswith("+09:00")
    assert in_pyodide["zoneFetches"] == 1
    assert in_pyodide["fetchesAfterSites"] == 0


@needs_node
def test_a_bad_sites_file_gets_the_loaders_message(in_pyodide: dict) -> None:
    """Even when its zone is missing from the full set too (which was fetched already)."""
    assert in_pyodide["brokenLoad"] == {
        "error": "broken.toml: sites[0].timezone: 'Mars/Base' is not an IANA time zone such as "
        "'Europe/Tallinn'"
    }


@needs_node
def test_modules_the_pack_lacks_come_from_the_full_standard_library(in_pyodide: dict) -> None:
    """One fetch serves every later miss: a top-level module, a submodule of a package the
    pack holds (``json``), a package of the full zip; other names fail as usual."""
    imports = in_pyodide["imports"]
    assert imports["no_such_module"] == "ModuleNotFoundError: No module named 'no_such_module'"
    full = "/lib/python_stdlib_full.zip/"
    assert imports["json.tool"] == full + "json/tool.py"
    assert imports["email"] == full + "email/__init__.py"
    assert imports["xml.dom.minidom"] == full + "xml/dom/minidom.py"
    assert in_pyodide["fetches"] == 1
