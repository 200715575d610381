// The in-browser mock: Pyodide plus statsref.engine in a module Web Worker, so the page never
// freezes while Python loads or a query runs. Messages: {id, op, ...args} in, {id, ok,
// result | error} out, and {type: "progress", stage, label} while loading.
import { loadPyodide } from "./pyodide/pyodide.mjs";
import BRIDGE from "./bridge.py";

const ENGINE_ARCHIVE = "statsref_engine.zip";
const ENGINE_DIR = "/home/pyodide/statsref-engine";

const here = (path) => new URL(path, import.meta.url).href;

/** Report a stage, then yield so the message leaves before the next synchronous Python call. */
function progress(stage, label) {
  self.postMessage({ type: "progress", stage, label });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function fetchArchive() {
  const response = await fetch(here(`./${ENGINE_ARCHIVE}`));
  if (!response.ok) throw new Error(`${ENGINE_ARCHIVE}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

async function loadEngine() {
  await progress(1, "Loading the Python runtime");
  const archive = fetchArchive(); // downloads while the runtime starts
  const py = await loadPyodide({ indexURL: here("./pyodide/") });
  await progress(2, "Loading the engine");
  py.unpackArchive(await archive, "zip", { extractDir: ENGINE_DIR });
  py.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(ENGINE_DIR)})`);
  const namespace = py.globals.get("dict")();
  py.runPython(BRIDGE, { globals: namespace });
  await progress(2, "Engine ready");
  // The entry points of bridge.py, looked up once (each lookup makes a new proxy).
  const names = ["lint", "migrate", "pending_site", "prepare", "run"];
  return Object.fromEntries(names.map((name) => [name, namespace.get(name)]));
}

let bridge = null;

function engine() {
  bridge ??= loadEngine();
  return bridge;
}

/**
 * Build the rows `query` (JSON text) reads unless they are built: the days of its range on its
 * site only, so a first answer does not wait for the whole dataset. Resolves to the site whose
 * rows were built, or null.
 */
async function prepare(py, query, now) {
  const site = py.pending_site(query, now);
  if (!site) return null;
  await progress(3, `Building the ${site} dataset`);
  py.prepare(query, now);
  return site;
}

const OPS = {
  start: async () => (await engine(), null),
  lint: async ({ query, now }) => JSON.parse((await engine()).lint(query, now)),
  migrate: async ({ text, today }) => JSON.parse((await engine()).migrate(text, today)),
  warm: async ({ query, now }) => {
    await prepare(await engine(), query, now);
    await progress(4, "Ready");
    return null;
  },
  run: async ({ query, now }) => {
    const py = await engine();
    const built = await prepare(py, query, now);
    await progress(4, "Running the query");
    const result = JSON.parse(py.run(query, now));
    await progress(4, "Ready");
    return { ...result, built };
  },
};

// One request at a time, in arrival order: Python is single-threaded anyway, and a lint must
// never interleave with a dataset build.
let queue = Promise.resolve();

self.onmessage = ({ data }) => {
  const { id, op, ...args } = data;
  queue = queue.then(async () => {
    try {
      self.postMessage({ id, ok: true, result: await OPS[op](args) });
    } catch (error) {
      self.postMessage({ id, ok: false, error: String(error?.message ?? error) });
    }
  });
};
