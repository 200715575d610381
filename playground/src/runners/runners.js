// The places a query can run: the in-browser mock, a local mock server (`statsref serve`) and
// a live API; the reader's choice of where queries go (targets.js) picks one. Each runner
// resolves to `{status, body, pointer, ms, where, clock}` (`clock`: the instant the answer was
// computed for, null for a live API's own); a request that never got an answer has status 0
// and a body `{error}` explaining why, in the reader's terms (CORS, wrong URL, server down).
// `probeServer` asks an origin whether it is `statsref serve`.

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

/** Check the live settings (`{url, key}`); returns the problem in words, or null. */
export function liveProblem({ url, key }) {
  if (!url.trim()) return "Enter your instance's base URL, e.g. https://plausible.example.com.";
  try {
    const parsed = new URL(url.trim());
    if (!/^https?:$/.test(parsed.protocol)) return `The endpoint URL must be http(s), not ${parsed.protocol}`;
  } catch {
    return `"${url}" is not a URL.`;
  }
  if (!key) return "Enter a Stats API key (kept for this tab only).";
  return null;
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
  async live(query, { live, timeoutMs }) {
    const problem = liveProblem(live);
    if (problem) return { status: 0, body: { error: problem }, where: "live API", clock: null };
    if (live.viaProxy) {
      const message =
        `The proxy at ${window.location.origin}${PROXY_PATH} did not answer. ` +
        "It exists when the site is served with `statsref serve --upstream <endpoint>`.";
      const result = await post(PROXY_PATH, live.key, query, message, { timeoutMs });
      return { ...result, where: "live API, through this server's proxy", clock: null };
    }
    const url = liveEndpoint(live.url);
    const message =
      `The request to ${url} failed before any answer: the host is unreachable, or it sent no ` +
      "CORS headers for this page (a Stats API does not, as a rule: call it from a server, or " +
      `serve this site with \`statsref serve --upstream ${live.url.trim()}\` and tick the proxy).`;
    const result = await post(url, live.key, query, message, { timeoutMs });
    return { ...result, where: "live API", clock: null }; // its own clock, whatever it echoes
  },
};

/**
 * Run `query` on `runnerId`; `context` holds the python client and the reader's sites file or
 * null (browser), the clock `now` both mock runners answer under, `mock: {base, key}` (local),
 * `live: {url, key, viaProxy}` and optionally `timeoutMs` for the servers' answers.
 */
export async function runQuery(runnerId, query, context) {
  const started = performance.now();
  const result = await run[runnerId](query, context);
  return { pointer: null, ...result, ms: performance.now() - started };
}
