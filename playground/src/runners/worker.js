// The in-browser mock: Pyodide plus statsref.engine in a module Web Worker, so the page never
// freezes while Python loads or a query runs. Messages: {id, op, ...args} in, {id, ok,
// result | error} out, and {type: "progress", stage, label} while loading.
//
// Python starts on the build's pack (statsref.docsgen.python_runtime) instead of Pyodide's full
// standard library: the modules this worker needs, compiled to bytecode, with the engine, the
// time zones and bridge.py. The build names the pack, Pyodide's folder and the full set of time
// zones (fetched only for a sites file naming a zone the pack lacks) in STATSREF_PYTHON.
/* global STATSREF_PYTHON */ // JSON text, see build.mjs
import { BRIDGE_MODULE, FALLBACK_MODULE, ZONES_MODULE, noPackages } from "./python-start.js";

const PYTHON = JSON.parse(STATSREF_PYTHON);
const here = (path) => new URL(path, import.meta.url).href;
const RUNTIME = here(`./${PYTHON.pyodide}`);

/** Report a stage, then yield so the message leaves before the next synchronous Python call. */
function progress(stage, label) {
  self.postMessage({ type: "progress", stage, label });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The bytes at `url`, for Python code that needs them in the middle of its work, which cannot
 * wait for a promise: a synchronous request, which workers may make. Used for Pyodide's full
 * standard library, when Python imports a module the pack lacks (stdlib_fallback.py), and for
 * every time zone, when a sites file names one the pack lacks (zones.py).
 */
function fetchNow(url) {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(`${url.slice(url.lastIndexOf("/") + 1)}: HTTP ${request.status}`);
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
  py.pyimport(FALLBACK_MODULE).install(() => fetchNow(`${RUNTIME}python_stdlib.zip`));
  py.pyimport(ZONES_MODULE).install(() => fetchNow(here(`./${PYTHON.zones}`)));
  await progress(2, "Loading the engine");
  const module = py.pyimport(BRIDGE_MODULE);
  await progress(2, "Engine ready");
  // The entry points of bridge.py, looked up once (each lookup makes a new proxy).
  const names = ["explain", "lint", "load_sites", "migrate", "pending_site", "prepare", "run"];
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
 * rows were built, or null. `sites`: the reader's sites file as JSON text, or null (the demo).
 */
async function prepare(py, query, now, sites) {
  const site = py.pending_site(query, now, sites);
  if (!site) return null;
  await progress(3, `Building the ${site} dataset`);
  py.prepare(query, now, sites);
  return site;
}

const OPS = {
  start: async () => (await engine(), null),
  lint: async ({ query, now, sites }) => JSON.parse((await engine()).lint(query, now, sites)),
  explain: async ({ query, now, sites }) => JSON.parse((await engine()).explain(query, now, sites)),
  migrate: async ({ text, now, panel }) => JSON.parse((await engine()).migrate(text, now, panel ?? null)),
  sites: async ({ sites, now, dimensions }) => {
    const py = await engine();
    await progress(3, "Reading the sites file");
    const result = JSON.parse(py.load_sites(sites, now, dimensions));
    await progress(4, "Ready");
    return result;
  },
  warm: async ({ query, now, sites }) => {
    await prepare(await engine(), query, now, sites);
    await progress(4, "Ready");
    return null;
  },
  run: async ({ query, now, sites }) => {
    const py = await engine();
    const built = await prepare(py, query, now, sites);
    await progress(4, "Running the query");
    const result = JSON.parse(py.run(query, now, sites));
    await progress(4, "Ready");
    return { ...result, built };
  },
};

// One request at a time, in arrival order: Python is single-threaded anyway, and a lint must
// never interleave with a dataset build.
let queue = Promise.resolve();

self.onmessage = ({ data }) => {
  const { id, op, ...args } = data;
  args.sites ??= undefined; // the demo sites: Python gets None for undefined, but jsnull for null
  queue = queue.then(async () => {
    try {
      self.postMessage({ id, ok: true, result: await OPS[op](args) });
    } catch (error) {
      self.postMessage({ id, ok: false, error: String(error?.message ?? error) });
    }
  });
};
