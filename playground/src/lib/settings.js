// What the playground remembers. Where queries go (the reader's one choice for Run, samples
// and Copy as, with an instance's base URL) survives in localStorage; the live API keys, each
// bound to the origin it was typed for, and the proxy choice live in sessionStorage only (gone
// when the tab closes) and are never written to a URL, a permalink or localStorage. So does the reader's sites file, with what the editor
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

const KEY_BOUND = "statsref:key";

/**
 * `{keys, viaProxy}` for live runs, from this tab's session: `keys` maps an origin to the key
 * the reader typed for it, so a key is only ever looked up by the origin a request goes to.
 * (A key stored before keys were bound has no origin: it is dropped.)
 */
export function loadLive() {
  const { keys, viaProxy } = readJson(sessionStorage, LIVE_KEY, { keys: {}, viaProxy: false });
  const bound = keys && typeof keys === "object" ? keys : {};
  return {
    keys: Object.fromEntries(Object.entries(bound).filter(([, key]) => typeof key === "string" && key)),
    viaProxy: Boolean(viaProxy),
  };
}

function saveLive(live) {
  write(sessionStorage, LIVE_KEY, JSON.stringify(live));
}

/** The key typed for `origin` in this tab, "" when none was (or `origin` is null). */
export function keyFor(keys, origin) {
  return origin && Object.hasOwn(keys, origin) ? keys[origin] : "";
}

/** Bind `key` to `origin` for this tab ("" forgets it); every key field follows. */
export function bindKey(origin, key) {
  const live = loadLive();
  if (key) live.keys[origin] = key;
  else delete live.keys[origin];
  saveLive(live);
  window.dispatchEvent(new CustomEvent(KEY_BOUND));
}

export function saveViaProxy(viaProxy) {
  saveLive({ ...loadLive(), viaProxy });
  window.dispatchEvent(new CustomEvent(KEY_BOUND));
}

/** Call `listener` when a key is bound or the proxy choice changes in this tab. */
export function onKeyChange(listener) {
  window.addEventListener(KEY_BOUND, listener);
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
