// The URL fragment that reproduces a query: `#q=<base64url of the compact JSON>` (of the text
// itself while it is not valid JSON), plus `&ex=<slug>` while the query is an example's own,
// unedited (it then opens under that example's name, and Compare has something to compare
// with), `&clock=now` when it runs under the reader's now rather than the examples' clock, and
// `&sites=<name>&sites_hash=<hash>` when the in-browser mock answered it for a sites file the
// reader loaded: the file's name and a hash of its text, never the file itself, so the link can
// say which file it needs. Never carries a key or an endpoint. A query too long for a link is refused: browsers, chat
// tools and servers cut long URLs, and a link that silently loses half a query is worse.

export const MAX_FRAGMENT = 8192;

function toBase64Url(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(encoded) {
  const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function compact(text) {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * The fragment for `text`, or null when it would be longer than MAX_FRAGMENT characters.
 * `sites`: the `{name, hash}` of the sites file the query is answered for, null for the demo's.
 */
export function encodeFragment(text, { example = null, clock = "pinned", sites = null } = {}) {
  const params = new URLSearchParams();
  params.set("q", toBase64Url(compact(text)));
  if (example) params.set("ex", example);
  if (clock === "now") params.set("clock", "now");
  if (sites) params.set("sites", sites.name);
  if (sites?.hash) params.set("sites_hash", sites.hash);
  const fragment = `#${params}`;
  return fragment.length > MAX_FRAGMENT ? null : fragment;
}

/** `{text, example, clock, sites}` from a fragment, or null when it holds no decodable query. */
export function decodeFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const encoded = params.get("q");
  if (!encoded) return null;
  try {
    const clock = params.get("clock") === "now" ? "now" : "pinned";
    const name = params.get("sites");
    const sites = name ? { name, hash: params.get("sites_hash") || null } : null;
    return { text: fromBase64Url(encoded), example: params.get("ex") || null, clock, sites };
  } catch {
    return null;
  }
}

/** The page's URL with `fragment`. */
export function permalink(fragment) {
  const url = new URL(window.location.href);
  url.hash = fragment;
  return url.href;
}

/** "12.3 KB": how long a query's link would be, for the message that refuses it. */
export function linkSize(text) {
  return `${(toBase64Url(compact(text)).length / 1024).toFixed(1)} KB`;
}
