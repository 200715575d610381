// What the playground remembers. Where queries go (the reader's one choice for Run, samples
// and Copy as, with an instance's base URL) survives in localStorage; the live API key and the
// proxy choice live in sessionStorage only (gone when the tab closes) and are never written to
// a URL, a permalink or localStorage. So does the reader's sites file, with what the editor
// offers for its sites (a permalink carries its name and hash only).

const TARGET_KEY = "statsref.target";
const LIVE_KEY = "statsref.playground.live";
const SITES_KEY = "statsref.playground.sites";

function read(storage, key) {
  try {
    return storage.getItem(key);
  } catch {
    return null; // storage disabled (private mode, sandboxed frame)
  }
}

function write(storage, key, value) {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // storage disabled or full: the choice just is not remembered
  }
}

function readJson(storage, key, fallback) {
  try {
    const value = JSON.parse(read(storage, key) ?? "null");
    return value && typeof value === "object" ? { ...fallback, ...value } : { ...fallback };
  } catch {
    return { ...fallback };
  }
}

/** `{id, instanceUrl}`: where the reader sends queries; `id` is null until they choose. */
export function loadTarget() {
  return readJson(localStorage, TARGET_KEY, { id: null, instanceUrl: "" });
}

export function saveTarget({ id, instanceUrl }) {
  write(localStorage, TARGET_KEY, JSON.stringify({ id, instanceUrl }));
}

/** `{key, viaProxy}` for live runs, from this tab's session. */
export function loadLive() {
  const { key, viaProxy } = readJson(sessionStorage, LIVE_KEY, { key: "", viaProxy: false });
  return { key: String(key), viaProxy: Boolean(viaProxy) };
}

export function saveLive({ key, viaProxy }) {
  write(sessionStorage, LIVE_KEY, JSON.stringify({ key, viaProxy }));
}

/** `{name, text, hash, sites}`: the sites file loaded in this tab, or null (the demo sites). */
export function loadSitesFile() {
  const file = readJson(sessionStorage, SITES_KEY, {});
  return typeof file.name === "string" && typeof file.text === "string" && file.sites ? file : null;
}

/** Remember `file` for this tab, or forget it (null). */
export function saveSitesFile(file) {
  write(sessionStorage, SITES_KEY, file && JSON.stringify(file));
}
