import assert from "node:assert/strict";
import { test } from "node:test";
import { snippet } from "../../src/lib/snippets.js";

const REAL = { url: "https://plausible.io/api/v2/query", keyVariable: "PLAUSIBLE_API_KEY" };
const MOCK = { url: "http://127.0.0.1:8000/api/v2/query", key: "demo-key" };
const query = { site_id: "it's.site", metrics: ["visitors"] };

test("curl quotes the body for the shell and reads the key from the environment", () => {
  const text = snippet("curl", REAL, query);
  assert.match(text, /Bearer \$PLAUSIBLE_API_KEY/);
  assert.match(text, /it'\\''s\.site/);
});

test("a real API's snippets hold the variable, never a key", () => {
  for (const kind of ["curl", "python", "javascript"]) {
    const text = snippet(kind, REAL, query);
    assert.ok(text.includes("PLAUSIBLE_API_KEY"), kind);
    assert.ok(text.includes(REAL.url), kind);
  }
});

test("the mock's snippets write out the demo key and need no variable", () => {
  for (const kind of ["curl", "python", "javascript"]) {
    const text = snippet(kind, MOCK, query);
    assert.ok(text.includes("Bearer demo-key"), kind);
    assert.ok(!text.includes("API_KEY") && !text.includes("import os"), kind);
  }
});

test("the JavaScript snippet embeds the query as an object literal", () => {
  const text = snippet("javascript", REAL, query);
  const literal = text.slice(text.indexOf("JSON.stringify(") + 15, text.lastIndexOf("),"));
  assert.deepEqual(JSON.parse(literal), query);
});

test("every snippet says first what it needs: its tool, then the mock running or a key", () => {
  const first = (kind, to) => snippet(kind, to, query).split("\n").slice(0, 2).join("\n");
  assert.match(first("python", MOCK), /^# Needs httpx: pip install httpx\.\n# Needs the local mock server running: statsref serve$/);
  assert.match(first("javascript", REAL), /^\/\/ Needs Node\.js 18\+ .*\n\/\/ Needs a Stats API key in \$PLAUSIBLE_API_KEY/);
  assert.match(first("curl", MOCK), /^# Needs the local mock server running: statsref serve\ncurl /);
});

test("a snippet for the mock asks for the clock of the answer shown, and says why", () => {
  const clock = "2026-11-02T14:30:00+00:00";
  const expected = { curl: `-H "X-Statsref-Clock: ${clock}"`, python: `"X-Statsref-Clock": "${clock}",`, javascript: `"X-Statsref-Clock": "${clock}",` };
  for (const [kind, header] of Object.entries(expected)) {
    const text = snippet(kind, { ...MOCK, clock }, query);
    assert.ok(text.includes(header), kind);
    assert.ok(text.includes(`the mock answers as of ${clock}`), kind);
    assert.ok(!snippet(kind, { ...REAL, clock }, query).includes("X-Statsref-Clock"), kind);
  }
});
