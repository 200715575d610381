// The reader's sites file, on the page's side. A sites file (TOML, docs/guides/sites-file.md)
// replaces the demo sites of the in-browser mock only: the worker's engine reads it
// (pyclient.js `loadSites`), and every call names it. A link made while one is active carries
// its name and a hash of its text (lib/permalink.js), never the file: opened where that file is
// not active, the link says which file it needs instead of answering for other sites.

/** The largest sites file read, as the engine's loader (statsref.engine.sites). */
export const MAX_SITES_BYTES = 1024 * 1024;
const HASH_DIGITS = 12;

/**
 * The first hex digits of the SHA-256 of `text`; null where the page is not a secure context,
 * which has no Web Crypto (a link then names the file only).
 */
export async function textHash(text) {
  if (!globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("").slice(0, HASH_DIGITS);
}

/** What a link says of the sites file `file`: `{name, hash}`, null for the demo sites. */
export function sitesMarker(file) {
  return file ? { name: file.name, hash: file.hash ?? null } : null;
}

/**
 * Why a link made with the sites `wanted` cannot run on the sites `active` (both markers, null
 * for the demo sites), or null when they are the same: the same name and, where both have a
 * hash, the same hash.
 */
export function sitesMismatch(wanted, active) {
  if (!wanted && !active) return null;
  if (!wanted) return `This link was made with the demo sites, not the sites file ${active.name}: use the demo sites to run the query.`;
  const load = `This link was made with the sites file ${wanted.name}`;
  if (!active) return `${load}: load it to run the query.`;
  if (wanted.name !== active.name) return `${load}, not ${active.name}: load it to run the query.`;
  if (wanted.hash && active.hash && wanted.hash !== active.hash) {
    return `${load} as it was then (${wanted.hash}); the one loaded differs (${active.hash}): load that version to run the query.`;
  }
  return null;
}
