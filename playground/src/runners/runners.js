// The places a query can run: the in-browser mock, a local mock server (`statsref serve`) and
// a live API; the reader's choice of where queries go (targets.js) picks one. Each runner
// resolves to `{status, body, pointer, ms, where, clock}` (`clock`: the instant the answer was
// computed for, null for a live API's own); a request that never got an answer has status 0
// and a body `{error}` explaining why, in the reader's terms (CORS, wrong URL, server down).
// `probeServer` asks an origin whether it is `statsref serve`. A reader's key goes only to the
// origin it was typed for (`keyOrigin`); the local mock always gets its own demo key.
import { keyFor } from "../lib/settings.js";

export const QUERY_PATH = "/api/v2/query";
export const PROXY_PATH = "/api/proxy/v2/query";
const HEALTH_PATH = "/health";
/** The header asking `statsref serve` for a clock (statsref.server.clock), echoed in its answer. */
export const CLOCK_HEADER = "X-Statsref-Clock";
const SERVICE = "statsref"; // what `statsref serve` answers in /health's "service"

/** How long a probe waits: a server that stalls counts as down, so a way out offered is real. */
const PROBE_TIMEOUT_MS = 3_000;

/**
 * `{local, proxy}`: whether `origin` (the page's) is `statsref serve` (so the local runner can
 * post to it) and whether that server proxies to a live instance (`--upstream`). On a static
 * host the probe gets a 404 page, which is not this server.
 */
export async function probeServer(origin = window.location.origin) {
  try {
    const response = await fetch(new URL(HEALTH_PATH, origin), {
      credentials: "omit",
      cache: "no-store",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    const health = response.ok ? await response.json() : null;
    const local = health?.service === SERVICE && health.status === "ok";
    return { local, proxy: local && health.proxy === true };
  } catch {
    return { local: false, proxy: false };
  }
}

/** The JSON body; anything else (an HTML error page) is described rather than dumped. */
async function readBody(response, url) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    const type = response.headers.get("content-type") || "no content type";
    return { error: `${url} answered HTTP ${response.status} with ${type}, not JSON: it is not a Stats API endpoint.` };
  }
}

/** How long a server may take to answer, body included (the mock's proxy gives up after 30 s). */
export const ANSWER_TIMEOUT_MS = 35_000;

/**
 * POST the query; `{status: 0}` with `unreachable` when no answer came, or a deadline message
 * when none came within `timeoutMs`, so Run is never held by a server that stalls.
 */
async function post(url, key, query, unreachable, { headers = {}, timeoutMs = ANSWER_TIMEOUT_MS } = {}) {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}`, ...headers },
      body: JSON.stringify(query),
      credentials: "omit",
      signal,
    });
    const clock = response.headers.get(CLOCK_HEADER); // only a mock server names its clock
    return { status: response.status, body: await readBody(response, response.url || url), clock };
  } catch {
    const error = signal.aborted
      ? `No answer from ${url} within ${Math.round(timeoutMs / 1000)} s: try again, or run the query elsewhere.`
      : unreachable;
    return { status: 0, body: { error }, clock: null };
  }
}

export function liveEndpoint(url) {
  return `${url.trim().replace(/\/+$/, "")}${QUERY_PATH}`;
}

/** Check the live API's URL (`{url}`); returns the problem in words, or null. */
export function liveProblem({ url }) {
  if (!url.trim()) return "Enter your instance's base URL, e.g. https://plausible.example.com.";
  try {
    const parsed = new URL(url.trim());
    if (!/^https?:$/.test(parsed.protocol)) return `The endpoint URL must be http(s), not ${parsed.protocol}`;
  } catch {
    return `"${url}" is not a URL.`;
  }
  return null;
}

/**
 * Where a live query goes (`{url, viaProxy}`): this page's server's proxy, or the API's own
 * endpoint; null while the URL is not one. A key is bound to this URL's origin.
 */
export function liveDestination(live) {
  if (liveProblem(live)) return null;
  return new URL(live.viaProxy ? PROXY_PATH : liveEndpoint(live.url), window.location.origin).href;
}

/** The origin a live query goes to, the one its key must have been typed for; or null. */
export function keyOrigin(live) {
  const destination = liveDestination(live);
  return destination && new URL(destination).origin;
}

const run = {
  async browser(query, { python, now, sites }) {
    const { cold, ...result } = await python.run(query, now, sites);
    const where = cold ? "in-browser mock, Python and the dataset loaded first" : "in-browser mock";
    return { ...result, where, clock: now };
  },
  async local(query, { mock, now, timeoutMs }) {
    const url = liveEndpoint(mock.base);
    const elsewhere = mock.base !== window.location.origin;
    const message = `No mock server answered at ${url}. Start one with ` +
      (elsewhere ? `\`statsref serve --cors-origin ${window.location.origin}\`` : "`statsref serve`") +
      (elsewhere ? " (a page of another origin may only call it then)." : ", then Run again.");
    const headers = { [CLOCK_HEADER]: now };
    const result = await post(url, mock.key, query, message, { headers, timeoutMs });
    return { ...result, where: "local mock server" };
  },
  /** The key sent is the one typed for the origin the request goes to, looked up here. */
  async live(query, { live, keys = {}, timeoutMs }) {
    const url = liveDestination(live);
    const key = url && keyFor(keys, new URL(url).origin);
    if (!key) {
      const error = url ? `Enter a Stats API key for ${new URL(url).origin} (kept for this tab only).` : liveProblem(live);
      return { status: 0, body: { error }, where: "live API", clock: null };
    }
    if (live.viaProxy) {
      const message =
        `The proxy at ${url} did not answer. ` +
        "It exists when the site is served with `statsref serve --upstream <endpoint>`.";
      const result = await post(url, key, query, message, { timeoutMs });
      return { ...result, where: "live API, through this server's proxy", clock: null };
    }
    const message =
      `The request to ${url} failed before any answer: the host is unreachable, or it sent no ` +
      "CORS headers for this page (a Stats API does not, as a rule: call it from a server, or " +
      `serve this site with \`statsref serve --upstream ${live.url.trim()}\` and tick the proxy).`;
    const result = await post(url, key, query, message, { timeoutMs });
    return { ...result, where: "live API", clock: null }; // its own clock, whatever it echoes
  },
};

/**
 * Run `query` on `runnerId`; `context` holds the python client and the reader's sites file or
 * null (browser), the clock `now` both mock runners answer under, `mock: {base, key}` (local:
 * the mock's own key, always), `live: {url, viaProxy}` with `keys`, the reader's keys by the
 * origin each was typed for (live), and optionally `timeoutMs` for the servers' answers.
 */
export async function runQuery(runnerId, query, context) {
  const started = performance.now();
  const result = await run[runnerId](query, context);
  return { pointer: null, ...result, ms: performance.now() - started };
}
