// The page side of the Pyodide worker: starts it on demand or when the page is idle (once per
// page), numbers requests, and relays loading progress to whoever listens.

const STAGES = 4; // runtime, engine, dataset, query: see worker.js

export class PythonClient {
  constructor(workerUrl) {
    this.workerUrl = workerUrl;
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.progress = null;
    this.engineReady = false; // Python and the engine are loaded
    this.warming = 0; // warm requests still building
  }

  get stages() {
    return STAGES;
  }

  /** Start the worker (idempotent): Pyodide and the engine load in the background. */
  start() {
    if (this.worker) return;
    this.worker = new Worker(this.workerUrl, { type: "module" });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => this.failAll(event.message || "the Python worker failed to start");
    // A failed start surfaces on the next lint or run; nothing to do with it here.
    this.call("start", {}).then(() => (this.engineReady = true), () => {});
  }

  onProgress(listener) {
    this.listeners.add(listener);
    if (this.progress) listener(this.progress);
    return () => this.listeners.delete(listener);
  }

  receive(data) {
    if (data.type === "progress") {
      this.progress = data;
      for (const listener of this.listeners) listener(data);
      return;
    }
    const request = this.pending.get(data.id);
    if (!request) return;
    this.pending.delete(data.id);
    if (data.ok) request.resolve(data.result);
    else request.reject(new Error(data.error));
  }

  failAll(message) {
    for (const request of this.pending.values()) request.reject(new Error(message));
    this.pending.clear();
  }

  call(op, args) {
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, ...args });
    });
  }

  /** The engine's verdict on `query` at `now`: `{message, pointer}` or null. */
  lint(query, now) {
    return this.call("lint", { query: JSON.stringify(query), now });
  }

  /**
   * Build (or reuse) the dataset rows the query text reads, at `now`, so the first Run does not
   * pay for them. The text may be unfinished or invalid: then only Python loads.
   */
  warm(text, now) {
    this.warming += 1;
    const done = () => (this.warming -= 1);
    return this.call("warm", { query: text, now }).finally(done);
  }

  /**
   * `{status, body, pointer, cold}` of `query` run on the in-browser engine; `cold` when the
   * reader waited for Python to load or for rows of the dataset to be built.
   */
  async run(query, now) {
    const waited = !this.engineReady || this.warming > 0;
    const { built, ...result } = await this.call("run", { query: JSON.stringify(query), now });
    return { ...result, cold: waited || Boolean(built) };
  }
}
