import assert from "node:assert/strict";
import { test } from "node:test";
import { valueAtPath, withValueAt } from "../../src/language/schema-paths.js";
import { paths, validator } from "../helpers.mjs";

test("values at paths, and copies with a value set or removed", () => {
  const doc = { a: [1, { b: 2 }] };
  assert.equal(valueAtPath(doc, ["a", 1, "b"]), 2);
  assert.equal(valueAtPath(doc, ["a", 5]), undefined);
  assert.deepEqual(withValueAt(doc, ["a", 1, "b"], 3), { a: [1, { b: 3 }] });
  assert.deepEqual(withValueAt(doc, ["a", 1], undefined), { a: [1] });
  assert.equal(valueAtPath(withValueAt({}, ["f", 0, 1], "x"), ["f", 0, 1]), "x");
  assert.deepEqual(doc, { a: [1, { b: 2 }] }, "the original is untouched");
});

test("the nodes at a path follow the alternatives the query leaves open", () => {
  const titles = (path, doc) => paths.nodesAt(path, doc).map((n) => n.title).filter(Boolean);
  assert.ok(titles(["filters", 0, 1], { filters: [["is", "x"]] }).includes("Filterable dimension"));
  assert.ok(!titles(["filters", 0, 1], { filters: [["and", []]] }).includes("Filterable dimension"));
});

test("entries keep only what fits", () => {
  const values = (path, doc) => paths.entriesAt(path, doc).map((e) => e.value ?? e.pattern);
  assert.ok(!values(["metrics", 1], { metrics: ["visitors", ""] }).includes("visitors"), "no repeats");
  assert.deepEqual(values(["order_by", 0, 1], { order_by: [["visitors", ""]] }), ["asc", "desc"]);
});

test("an if/then about an item not there yet does not apply", () => {
  assert.deepEqual(validator.errors(["matches"], validator.target("#/$defs/simple_filter")).map((e) => e.kind), ["minItems"]);
});
