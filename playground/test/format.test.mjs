import assert from "node:assert/strict";
import { test } from "node:test";
import { formatJson } from "../src/format.js";

test("short arrays stay on one line, the top level gets one key per line", () => {
  const text = formatJson({ site_id: "dummy.site", metrics: ["visitors", "pageviews"] });
  assert.equal(text, '{\n  "site_id": "dummy.site",\n  "metrics": ["visitors", "pageviews"]\n}');
});

test("long values break across lines and still parse back", () => {
  const value = { results: Array.from({ length: 20 }, (_, i) => ({ dimensions: [`page-${i}`], metrics: [i] })) };
  const text = formatJson(value);
  assert.ok(text.split("\n").length > 20);
  assert.deepEqual(JSON.parse(text), value);
});

test("empty containers and scalars", () => {
  assert.equal(formatJson({}), "{}");
  assert.equal(formatJson([]), "[]");
  assert.equal(formatJson("x"), '"x"');
});
