// The URL fragment that reproduces a query: `#q=<base64url of the compact JSON>` (of the text
// itself while it is not valid JSON), plus
// `&ex=<slug>` when it belongs to an example (whose pinned clock it then runs under).
// Never carries a key or an endpoint.

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

export function encodeFragment(text, example) {
  const params = new URLSearchParams();
  params.set("q", toBase64Url(compact(text)));
  if (example) params.set("ex", example);
  return `#${params}`;
}

/** `{text, example}` from a fragment, or null when it holds no decodable query. */
export function decodeFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const encoded = params.get("q");
  if (!encoded) return null;
  try {
    return { text: fromBase64Url(encoded), example: params.get("ex") || null };
  } catch {
    return null;
  }
}

export function permalink(text, example) {
  const url = new URL(window.location.href);
  url.hash = encodeFragment(text, example);
  return url.href;
}
