import assert from "node:assert/strict";
import { test } from "node:test";
import { snippet } from "../src/snippets.js";

const URL = "http://127.0.0.1:8000/api/v2/query";
const query = { site_id: "it's.site", metrics: ["visitors"] };

test("curl quotes the body for the shell and reads the key from the environment", () => {
  const text = snippet("curl", URL, query);
  assert.match(text, /\$STATS_API_KEY/);
  assert.match(text, /it'\\''s\.site/);
});

test("no snippet ever contains a key, only the variable", () => {
  for (const kind of ["curl", "python", "javascript"]) {
    const text = snippet(kind, URL, query);
    assert.ok(text.includes("STATS_API_KEY"), kind);
    assert.ok(text.includes(URL), kind);
  }
});

test("the JavaScript snippet embeds the query as an object literal", () => {
  const text = snippet("javascript", URL, query);
  const literal = text.slice(text.indexOf("JSON.stringify(") + 15, text.lastIndexOf("),"));
  assert.deepEqual(JSON.parse(literal), query);
});
