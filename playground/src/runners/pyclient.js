// The page side of the Pyodide worker. Nothing starts it but a reader's action (see
// playground.js); it numbers requests and relays loading progress. It never leaves a caller
// waiting: each stage has a deadline, and a worker that failed to load, died or missed a
// deadline is dropped, so the next request starts a fresh one. A load that fails is told
// apart from a server that no longer answers (the page's server stopped, the network is
// down), which is said as such at once, not as a worker that "stopped".

const STAGES = 4; // runtime, engine, dataset, query: see worker.js

/**
 * Deadlines in ms. Loading covers downloading the runtime (a few MB compressed) on a slow line;
 * a run covers building the rows a query reads plus the query itself.
 */
export const TIMEOUTS = { start: 90_000, lint: 20_000, explain: 20_000, warm: 60_000, run: 60_000, migrate: 20_000, boot: 10_000, sites: 60_000 };
/** How long the server the worker comes from may take to answer a probe before it counts as down. */
const PROBE_MS = 3_000;

/** Pyodide's words for a runtime that cannot be used any more (a fatal error in WebAssembly). */
const FATAL = /fatal(ly)? (error|failed)/i;

/** Why the in-browser engine could not answer, at which stage, and whether it is because the
 * server its files come from does not answer (`offline`: nothing but that server coming back
 * can help). */
export class EngineError extends Error {
  constructor(message, stage, { offline = false } = {}) {
    super(message);
    this.name = "EngineError";
    this.stage = stage;
    this.offline = offline;
  }
}

/** Whether the server at `url`'s origin gives no answer at all (refused, reset, or silent). */
export async function unreachable(url) {
  try {
    await fetch(url, { method: "HEAD", cache: "no-store", credentials: "omit", signal: AbortSignal.timeout(PROBE_MS) });
    return false;
  } catch {
    return true;
  }
}

export class PythonClient {
  constructor(workerUrl, { timeouts = TIMEOUTS } = {}) {
    this.workerUrl = workerUrl;
    this.timeouts = { ...timeouts };
    this.worker = null;
    this.ready = null; // resolves once Python and the engine are loaded in the current worker
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.statusListeners = new Set();
    this.progress = null;
    this.engineReady = false;
    this.failure = null; // the EngineError that stopped the last worker, until a new one loads
    this.warming = 0; // warm requests still building
  }

  get stages() {
    return STAGES;
  }

  /** Whether a reader's action has started the runtime (it may still be loading). */
  get started() {
    return this.worker !== null || this.engineReady;
  }

  /** Start a worker unless one is running; resolves when Python and the engine are loaded. */
  start() {
    if (this.worker) return this.ready;
    this.progress = null;
    this.worker = new Worker(this.workerUrl, { type: "module" });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.failLoading(event.message || "the Python worker stopped");
    };
    const worker = this.worker;
    // No sign of life soon: a server that stopped answering would only show at the deadline.
    this.bootTimer = setTimeout(() => this.failIfOffline(worker), this.timeouts.boot);
    this.ready = this.request("start", {}, this.timeouts.start).then(
      () => {
        clearTimeout(this.bootTimer);
        this.engineReady = true;
        this.failure = null;
        this.notify();
      },
      async (error) => {
        clearTimeout(this.bootTimer);
        if (this.worker === worker) await this.failLoading(error.message); // start afresh next time
        throw this.failure ?? error;
      },
    );
    this.ready.catch(() => {}); // reported to whoever waits on it, and through onStatus
    this.notify();
    return this.ready;
  }

  onProgress(listener) {
    this.listeners.add(listener);
    if (this.progress) listener(this.progress);
    return () => this.listeners.delete(listener);
  }

  /** `listener()` runs when the engine becomes ready or fails. */
  onStatus(listener) {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  notify() {
    for (const listener of this.statusListeners) listener();
  }

  stageLabel() {
    return this.progress?.label ?? "Starting the Python worker";
  }

  /** The load failed: because the worker's server does not answer, or for `reason`. */
  async failLoading(reason) {
    const worker = this.worker;
    const offline = await unreachable(this.workerUrl);
    if (this.worker !== worker || !worker) return; // dropped or replaced meanwhile
    if (offline) this.fail(this.offlineReason(), null, { offline });
    else this.fail(reason);
  }

  /** Still loading with no word from the worker: fail now if its server has stopped answering. */
  async failIfOffline(worker) {
    if (this.worker === worker && !this.progress && (await unreachable(this.workerUrl))) {
      if (this.worker === worker) this.fail(this.offlineReason(), null, { offline: true });
    }
  }

  offlineReason() {
    const { origin } = new URL(this.workerUrl);
    return `${origin} does not answer (the server of this page has stopped, or the network is down), so the engine's files cannot be downloaded`;
  }

  receive(data) {
    if (data.type === "progress") {
      clearTimeout(this.bootTimer);
      this.progress = data;
      for (const listener of this.listeners) listener(data);
      return;
    }
    const request = this.pending.get(data.id);
    if (!request) return;
    this.pending.delete(data.id);
    clearTimeout(request.timer);
    if (data.ok) request.resolve(data.result);
    else if (FATAL.test(data.error)) this.fail(data.error, request);
    else request.reject(new EngineError(data.error, this.stageLabel()));
  }

  /** Drop the worker: every waiting request (and `extra`) fails with `reason`. */
  fail(reason, extra = null, { offline = false } = {}) {
    clearTimeout(this.bootTimer);
    const error = new EngineError(reason, this.stageLabel(), { offline });
    this.worker?.terminate();
    this.worker = null;
    this.engineReady = false;
    this.failure = error;
    const waiting = [...this.pending.values(), ...(extra ? [extra] : [])];
    this.pending.clear();
    for (const request of waiting) {
      clearTimeout(request.timer);
      request.reject(error);
    }
    this.notify();
  }

  request(op, args, timeout) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(`no answer within ${Math.round(timeout / 1000)} s (the worker was stopped)`);
      }, timeout);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, op, ...args });
    });
  }

  /** `op` once the engine is loaded (starting a worker if none runs). */
  async call(op, args) {
    await this.start();
    if (!this.worker) throw this.failure; // it failed between loading and this call
    return this.request(op, args, this.timeouts[op]);
  }

  // Every call on the engine takes `sites`: the reader's sites file `{name, text}` whose sites
  // it serves, or null for the demo sites.

  /** The engine's verdict on `query` at `now`: `{message, pointer}` or null. */
  lint(query, now, sites = null) {
    return this.call("lint", { query: JSON.stringify(query), now, sites: sitesJson(sites) });
  }

  /** The query text read in words at `now`: `{text, valid}` (the text may not be JSON yet). */
  explain(text, now, sites = null) {
    return this.call("explain", { query: text, now, sites: sitesJson(sites) });
  }

  /**
   * Build (or reuse) the dataset rows the query text reads, at `now`, so the next Run does not
   * pay for them. The text may be unfinished or invalid: then nothing is built.
   */
  warm(text, now, sites = null) {
    this.warming += 1;
    const done = () => (this.warming -= 1);
    return this.call("warm", { query: text, now, sites: sitesJson(sites) }).finally(done);
  }

  /**
   * `{status, body, pointer, cold}` of `query` run on the in-browser engine; `cold` when the
   * reader waited for Python to load or for rows of the dataset to be built.
   */
  async run(query, now, sites = null) {
    const waited = !this.engineReady || this.warming > 0;
    const { built, ...result } = await this.call("run", { query: JSON.stringify(query), now, sites: sitesJson(sites) });
    return { ...result, cold: waited || Boolean(built) };
  }

  /**
   * Read the sites file `sites` (`{name, text}`): `{sites}`, what the editor offers for each of
   * its sites at `now` given the schema's filterable `dimensions`, or `{error}`, the loader's
   * message naming the file and the key path.
   */
  loadSites(sites, now, dimensions) {
    return this.call("sites", { sites: sitesJson(sites), now, dimensions: JSON.stringify(dimensions) });
  }
}

/** The sites file as the worker passes it to Python, or null for the demo sites. */
function sitesJson(sites) {
  return sites ? JSON.stringify({ name: sites.name, text: sites.text }) : null;
}
