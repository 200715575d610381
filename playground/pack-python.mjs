// Builds the Python pack the playground's worker starts Pyodide on (its `stdLibURL`):
//
//   node pack-python.mjs --app APP.zip --workload WORKLOAD.json --out PACK.zip
//
// APP.zip (written by statsref.docsgen.pythonpack) holds the sources the worker adds to the
// standard library: statsref/engine, the tzdata zones, bridge.py and stdlib_fallback.py.
// WORKLOAD.json is a list of {query, now} (the corpus). This script starts Pyodide's own Python
// here in Node as the worker starts it in the browser, with the full standard library and
// APP.zip on the path; installs the fallback and imports the bridge as the worker does; runs
// every query through explain, lint, pending_site, prepare and run; takes the error path of a
// malformed query (an exception crossing into JS makes Pyodide import its traceback
// machinery); and then writes the modules that were imported, compiled (pack_python.py).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { loadPyodide } from "pyodide";
import { BRIDGE_MODULE, FALLBACK_MODULE, noPackages } from "./src/runners/python-start.js";

const APP = "/lib/statsref-app.zip";
const OUT = "/tmp/pack.zip";

const { values: args } = parseArgs({
  options: { app: { type: "string" }, workload: { type: "string" }, out: { type: "string" } },
});
if (!args.app || !args.workload || !args.out) {
  throw new Error("usage: node pack-python.mjs --app APP.zip --workload WORKLOAD.json --out PACK.zip");
}

const lock = JSON.parse(fs.readFileSync(new URL("./node_modules/pyodide/pyodide-lock.json", import.meta.url)));
const py = await loadPyodide({
  // No column positions in the bytecode: about a fifth smaller, tracebacks keep line numbers.
  env: { PYTHONNODEBUGRANGES: "1" },
  lockFileContents: noPackages(lock.info),
});
py.FS.writeFile(APP, fs.readFileSync(args.app));
py.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(APP)})`);

py.pyimport(FALLBACK_MODULE).install(() => {
  throw new Error("the recording run has the full standard library: nothing should be missing");
});
const bridge = py.pyimport(BRIDGE_MODULE);
const workload = JSON.parse(fs.readFileSync(args.workload, "utf8"));
for (const { query, now } of workload) {
  bridge.explain(query, now);
  bridge.lint(query, now);
  bridge.pending_site(query, now);
  bridge.prepare(query, now);
  bridge.run(query, now);
}
bridge.explain("{", "2026-01-01T00:00:00+00:00"); // the words of text that is not JSON yet
for (const op of ["lint", "run"]) {
  try {
    bridge[op]("{", "2026-01-01T00:00:00+00:00");
    throw new Error(`${op} accepted a malformed query`);
  } catch (error) {
    if (!(error instanceof py.ffi.PythonError)) throw error;
  }
}

const namespace = py.globals.get("dict")();
py.runPython(fs.readFileSync(new URL("./pack_python.py", import.meta.url), "utf8"), { globals: namespace });
const modules = namespace.get("pack")(APP, OUT);
fs.writeFileSync(args.out, py.FS.readFile(OUT));
console.log(`${args.out}: ${modules} standard library modules, ${workload.length} queries recorded`);
