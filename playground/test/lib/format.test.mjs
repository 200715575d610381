import assert from "node:assert/strict";
import { test } from "node:test";
import { formatJson, jsonKey, sameJson } from "../../src/lib/format.js";

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

test("sameJson ignores key order, not values, types or array order", () => {
  assert.ok(sameJson({ a: [1, { b: null }], c: "x" }, { c: "x", a: [1, { b: null }] }));
  assert.ok(!sameJson({ a: [1, 2] }, { a: [2, 1] }));
  assert.ok(!sameJson({ a: 1 }, { a: "1" }));
  assert.ok(!sameJson({ a: 1 }, { a: 1, b: undefined }));
  assert.ok(!sameJson([], {}));
});

test("jsonKey is equal exactly when sameJson holds", () => {
  const values = [{ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 }, { a: 1, b: [1, { c: "y" }] }, [1, 2], [2, 1], "1", 1, null, { a: null }, {}];
  for (const a of values) {
    for (const b of values) assert.equal(jsonKey(a) === jsonKey(b), sameJson(a, b), `${JSON.stringify(a)} / ${JSON.stringify(b)}`);
  }
});
