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
