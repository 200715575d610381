// What the playground remembers. The runner choice survives in localStorage; the live
// endpoint and its API key live in sessionStorage only (gone when the tab closes) and are
// never written to a URL, a permalink or localStorage.

const RUNNER_KEY = "statsref.playground.runner";
const LIVE_KEY = "statsref.playground.live";

function read(storage, key) {
  try {
    return storage.getItem(key);
  } catch {
    return null; // storage disabled (private mode, sandboxed frame)
  }
}

function write(storage, key, value) {
  try {
    storage.setItem(key, value);
  } catch {
    // storage disabled: the choice just is not remembered
  }
}

export function loadRunner(fallback) {
  return read(localStorage, RUNNER_KEY) ?? fallback;
}

export function saveRunner(runner) {
  write(localStorage, RUNNER_KEY, runner);
}

/** `{url, key, viaProxy}` of the live endpoint, from this tab's session. */
export function loadLive() {
  try {
    return { url: "", key: "", viaProxy: false, ...JSON.parse(read(sessionStorage, LIVE_KEY) ?? "{}") };
  } catch {
    return { url: "", key: "", viaProxy: false };
  }
}

export function saveLive(live) {
  write(sessionStorage, LIVE_KEY, JSON.stringify(live));
}
