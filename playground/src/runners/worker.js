// The in-browser mock: Pyodide plus statsref.engine in a module Web Worker, so the page never
// freezes while Python loads or a query runs. Messages: {id, op, ...args} in, {id, ok,
// result | error} out, and {type: "progress", stage, label} while loading.
//
// Python starts on the build's pack (statsref.docsgen.python_runtime) instead of Pyodide's full
// standard library: the modules this worker needs, compiled to bytecode, with the engine, the
// time zones and bridge.py. The build names the pack and Pyodide's folder in STATSREF_PYTHON.
/* global STATSREF_PYTHON */ // JSON text, see build.mjs
import { BRIDGE_MODULE, FALLBACK_MODULE, noPackages } from "./python-start.js";

const PYTHON = JSON.parse(STATSREF_PYTHON);
const here = (path) => new URL(path, import.meta.url).href;
const RUNTIME = here(`./${PYTHON.pyodide}`);

/** Report a stage, then yield so the message leaves before the next synchronous Python call. */
function progress(stage, label) {
  self.postMessage({ type: "progress", stage, label });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Pyodide's full standard library, for a module the pack lacks (stdlib_fallback.py). Python
 * asks for it in the middle of an import, which cannot wait for a promise: a synchronous
 * request, which workers may make.
 */
function fetchFullStdlib() {
  const request = new XMLHttpRequest();
  request.open("GET", `${RUNTIME}python_stdlib.zip`, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(`python_stdlib.zip: HTTP ${request.status}`);
  return new Uint8Array(request.response);
}

/**
 * A promise that rejects as soon as one of this worker's downloads fails. Pyodide only logs a
 * failed download of its WebAssembly and then waits forever; with this, the failure (and which
 * file it was) becomes the load's answer at once.
 */
function downloadFailure() {
  let fail;
  const failure = new Promise((_, reject) => (fail = reject));
  const fetchFile = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const url = String(input?.url ?? input);
    const name = url.slice(url.lastIndexOf("/") + 1);
    try {
      const response = await fetchFile(input, init);
      if (!response.ok) fail(new Error(`could not download ${name}: HTTP ${response.status}`));
      return response;
    } catch (error) {
      fail(new Error(`could not download ${name}: ${error.message}`));
      throw error;
    }
  };
  return failure;
}

async function loadEngine() {
  await progress(1, "Loading the Python runtime");
  const failed = downloadFailure();
  const { loadPyodide } = await import(`${RUNTIME}pyodide.mjs`);
  const loading = loadPyodide({
    indexURL: RUNTIME,
    stdLibURL: here(`./${PYTHON.pack}`),
    lockFileContents: noPackages(PYTHON.lockInfo),
  });
  const py = await Promise.race([loading, failed]);
  py.pyimport(FALLBACK_MODULE).install(fetchFullStdlib);
  await progress(2, "Loading the engine");
  const module = py.pyimport(BRIDGE_MODULE);
  await progress(2, "Engine ready");
  // The entry points of bridge.py, looked up once (each lookup makes a new proxy).
  const names = ["explain", "lint", "migrate", "pending_site", "prepare", "run"];
  return Object.fromEntries(names.map((name) => [name, module[name]]));
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
  explain: async ({ query, now }) => JSON.parse((await engine()).explain(query, now)),
  migrate: async ({ text, now, panel }) => JSON.parse((await engine()).migrate(text, now, panel ?? null)),
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
