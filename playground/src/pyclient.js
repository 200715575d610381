// The page side of the Pyodide worker: starts it on demand (once per page), numbers requests,
// and relays loading progress to whoever listens.

const STAGES = 4; // runtime, engine, dataset, query: see worker.js

export class PythonClient {
  constructor(workerUrl) {
    this.workerUrl = workerUrl;
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.progress = null;
    this.warmClock = null; // the clock whose dataset is built
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
    this.call("start", {}).catch(() => {});
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

  /** Build (or reuse) the dataset for `now` so the first Run does not pay for it. */
  warm(now) {
    return this.call("warm", { now }).then(() => (this.warmClock = now));
  }

  /** Whether a run at `now` will answer without loading Python or building a dataset. */
  isWarm(now) {
    return this.warmClock === now;
  }

  /** `{status, body, pointer}` of `query` run on the in-browser engine. */
  async run(query, now) {
    const result = await this.call("run", { query: JSON.stringify(query), now });
    this.warmClock = now;
    return result;
  }
}
