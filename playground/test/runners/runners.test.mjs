import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { CLOCK_HEADER, liveEndpoint, liveProblem, probeServer, runQuery } from "../../src/runners/runners.js";

const realFetch = globalThis.fetch;
globalThis.window = { location: { origin: "http://127.0.0.1:8000" } };
afterEach(() => (globalThis.fetch = realFetch));

function answer(status, body, type) {
  globalThis.fetch = async (url, init) => {
    answer.last = { url, init };
    return new Response(body, { status, headers: { "content-type": type } });
  };
}

const MOCK = { base: "http://127.0.0.1:8000", key: "demo-key" };

test("the local runner posts to the mock with the demo key and the clock", async () => {
  const now = "2026-11-02T14:30:00+00:00";
  globalThis.fetch = async (url, init) => {
    answer.last = { url, init };
    return new Response('{"results": []}', { status: 200, headers: { "content-type": "application/json", [CLOCK_HEADER]: now } });
  };
  const result = await runQuery("local", { metrics: ["visitors"] }, { mock: MOCK, now });
  assert.equal(result.status, 200);
  assert.deepEqual(result.body, { results: [] });
  assert.equal(result.clock, now);
  assert.equal(answer.last.url, "http://127.0.0.1:8000/api/v2/query");
  assert.equal(answer.last.init.headers.Authorization, "Bearer demo-key");
  assert.equal(answer.last.init.headers[CLOCK_HEADER], now);
  assert.equal(answer.last.init.credentials, "omit");
});

test("an HTML page instead of JSON is described, not dumped", async () => {
  answer(404, "<html>Not found</html>", "text/html");
  const result = await runQuery("local", {}, { mock: MOCK });
  assert.equal(result.status, 404);
  assert.match(result.body.error, /HTTP 404 with text\/html, not JSON/);
});

test("a request that never got an answer explains why", async () => {
  globalThis.fetch = async () => {
    throw new TypeError("Failed to fetch");
  };
  const live = { url: "https://stats.example.com/", key: "k", viaProxy: false };
  const result = await runQuery("live", {}, { live });
  assert.equal(result.status, 0);
  assert.match(result.body.error, /https:\/\/stats\.example\.com\/api\/v2\/query/);
  assert.match(result.body.error, /CORS/);
});

test("the live runner sends the key to the endpoint, or to the proxy when asked", async () => {
  answer(200, "{}", "application/json");
  const result = await runQuery("live", {}, { now: "x", live: { url: "https://stats.example.com", key: "secret", viaProxy: false } });
  assert.equal(answer.last.url, "https://stats.example.com/api/v2/query");
  assert.equal(answer.last.init.headers.Authorization, "Bearer secret");
  assert.equal(answer.last.init.headers[CLOCK_HEADER], undefined, "a real API gets no mock header");
  assert.equal(result.clock, null);
  await runQuery("live", {}, { live: { url: "https://stats.example.com", key: "secret", viaProxy: true } });
  assert.equal(answer.last.url, "/api/proxy/v2/query");
});

test("live settings are checked before anything is sent", () => {
  assert.match(liveProblem({ url: "", key: "k" }), /base URL/);
  assert.match(liveProblem({ url: "ftp://x", key: "k" }), /http\(s\)/);
  assert.match(liveProblem({ url: "not a url", key: "k" }), /is not a URL/);
  assert.match(liveProblem({ url: "https://x.example", key: "" }), /API key/);
  assert.equal(liveProblem({ url: "https://x.example", key: "k" }), null);
  assert.equal(liveEndpoint(" https://x.example// "), "https://x.example/api/v2/query");
});

test("the probe recognises statsref serve, and its proxy, by /health", async () => {
  answer(200, '{"status": "ok", "service": "statsref", "proxy": true}', "application/json");
  assert.deepEqual(await probeServer("http://127.0.0.1:8000"), { local: true, proxy: true });
  assert.equal(String(answer.last.url), "http://127.0.0.1:8000/health");
  answer(200, '{"status": "ok", "service": "statsref", "proxy": false}', "application/json");
  assert.deepEqual(await probeServer("http://127.0.0.1:8000"), { local: true, proxy: false });
});

test("a static host's 404 page, another service or no answer is not the mock server", async () => {
  answer(404, "<html>Not found</html>", "text/html");
  assert.deepEqual(await probeServer("https://docs.example.org"), { local: false, proxy: false });
  answer(200, '{"status": "ok"}', "application/json");
  assert.deepEqual(await probeServer("https://docs.example.org"), { local: false, proxy: false });
  answer(200, "<html>index</html>", "text/html");
  assert.deepEqual(await probeServer("https://docs.example.org"), { local: false, proxy: false });
  globalThis.fetch = async () => {
    throw new TypeError("Failed to fetch");
  };
  assert.deepEqual(await probeServer("https://docs.example.org"), { local: false, proxy: false });
});

test("a server that never answers releases Run after the deadline", async () => {
  globalThis.fetch = (url, init) =>
    new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
  const awake = setInterval(() => {}, 10); // AbortSignal.timeout alone keeps no Node loop alive
  const live = { url: "https://stats.example.com", key: "k", viaProxy: false };
  const result = await runQuery("live", {}, { live, timeoutMs: 50 });
  assert.equal(result.status, 0);
  assert.match(result.body.error, /No answer from https:\/\/stats\.example\.com\/api\/v2\/query within 0 s/);
  const local = await runQuery("local", {}, { mock: MOCK, now: "2026-11-02T14:30:00Z", timeoutMs: 50 });
  clearInterval(awake);
  assert.match(local.body.error, /No answer from http:\/\/127\.0\.0\.1:8000\/api\/v2\/query/);
});

test("a mock server that is down is named, with the command that starts it for this page", async () => {
  globalThis.fetch = async () => {
    throw new TypeError("Failed to fetch");
  };
  const own = await runQuery("local", {}, { mock: MOCK, now: "x" });
  assert.equal(own.body.error, "No mock server answered at http://127.0.0.1:8000/api/v2/query. Start one with `statsref serve`, then Run again.");
  const other = await runQuery("local", {}, { mock: { ...MOCK, base: "http://127.0.0.1:9000" }, now: "x" });
  assert.match(other.body.error, /Start one with `statsref serve --cors-origin http:\/\/127\.0\.0\.1:8000` \(a page of another origin/);
});
