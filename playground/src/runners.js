// The three places a query can run. Each runner resolves to
// `{status, body, pointer, ms, where}`; a request that never got an answer has status 0 and a
// body `{error}` explaining why, in the reader's terms (CORS, wrong URL, server down).

export const DEMO_KEY = "demo-key";
export const QUERY_PATH = "/api/v2/query";
export const PROXY_PATH = "/api/proxy/v2/query";

export const RUNNERS = [
  { id: "browser", label: "In-browser mock" },
  { id: "local", label: "Local mock server" },
  { id: "live", label: "Live endpoint" },
];

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

async function post(url, key, query, unreachable) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` },
      body: JSON.stringify(query),
      credentials: "omit",
    });
  } catch {
    return { status: 0, body: { error: unreachable } };
  }
  return { status: response.status, body: await readBody(response, response.url || url) };
}

export function liveEndpoint(url) {
  return `${url.trim().replace(/\/+$/, "")}${QUERY_PATH}`;
}

/** Check the live settings; returns the problem in words, or null. */
export function liveProblem({ url, key }) {
  if (!url.trim()) return "Enter the live endpoint's base URL, e.g. https://plausible.example.com.";
  try {
    const parsed = new URL(url.trim());
    if (!/^https?:$/.test(parsed.protocol)) return `The endpoint URL must be http(s), not ${parsed.protocol}`;
  } catch {
    return `"${url}" is not a URL.`;
  }
  if (!key) return "Enter an API key for the live endpoint (kept for this tab only).";
  return null;
}

const run = {
  async browser(query, { python, now }) {
    const { cold, ...result } = await python.run(query, now);
    const where = cold ? "in-browser mock, Python and the dataset loaded first" : "in-browser mock";
    return { ...result, where };
  },
  async local(query) {
    const message =
      `No mock server answered at ${window.location.origin}${QUERY_PATH}. ` +
      "Serve the site with `statsref serve` to use this runner.";
    const result = await post(QUERY_PATH, DEMO_KEY, query, message);
    return { ...result, where: "local mock server" };
  },
  async live(query, { live }) {
    const problem = liveProblem(live);
    if (problem) return { status: 0, body: { error: problem }, where: "live endpoint" };
    if (live.viaProxy) {
      const message =
        `The proxy at ${window.location.origin}${PROXY_PATH} did not answer. ` +
        "It exists when the site is served with `statsref serve --upstream <endpoint>`.";
      const result = await post(PROXY_PATH, live.key, query, message);
      return { ...result, where: "live endpoint, through this server's proxy" };
    }
    const url = liveEndpoint(live.url);
    const message =
      `The request to ${url} failed before any answer: the host is unreachable, or it sent no ` +
      "CORS headers for this page. Tick \"through this server's proxy\" when the site is served " +
      `with \`statsref serve --upstream ${live.url.trim()}\`.`;
    const result = await post(url, live.key, query, message);
    return { ...result, where: "live endpoint" };
  },
};

/** Run `query` on `runnerId`; `context` holds the python client, pinned clock and live settings. */
export async function runQuery(runnerId, query, context) {
  const started = performance.now();
  const result = await run[runnerId](query, context);
  return { pointer: null, ...result, ms: performance.now() - started };
}
