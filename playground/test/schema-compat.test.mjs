import assert from "node:assert/strict";
import { test } from "node:test";
import { editorSchema } from "../src/schema-compat.js";

test("prefixItems become draft-07 tuple items", () => {
  const out = editorSchema({ type: "array", prefixItems: [{ const: "is" }, { type: "string" }], items: false });
  assert.deepEqual(out.items, [{ const: "is" }, { type: "string" }]);
  assert.equal(out.additionalItems, false);
  assert.equal(out.prefixItems, undefined);
});

test("a $ref with other assertions becomes allOf, annotations stay outside", () => {
  const out = editorSchema({ $defs: { d: { title: "T", description: "D", $ref: "#/$defs/x", not: { pattern: "^time" } } } });
  assert.deepEqual(out.$defs.d, { title: "T", description: "D", allOf: [{ $ref: "#/$defs/x" }, { not: { pattern: "^time" } }] });
});

test("a plain $ref is left alone and the draft is declared", () => {
  const out = editorSchema({ $schema: "https://json-schema.org/draft/2020-12/schema", properties: { a: { $ref: "#/x" } } });
  assert.deepEqual(out.properties.a, { $ref: "#/x" });
  assert.equal(out.$schema, "http://json-schema.org/draft-07/schema#");
});
