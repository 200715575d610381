import assert from "node:assert/strict";
import { test } from "node:test";
import { readJson, slotAt } from "../../src/language/json-scan.js";

/** The slot at the `|` of `marked`. */
function at(marked) {
  const pos = marked.indexOf("|");
  return slotAt(marked.replace("|", ""), pos);
}

test("valid JSON reads as JSON.parse does", () => {
  const text = '{"a": [1, "x", true, null, {"b": -2.5}], "c": "\\u00e9"}';
  assert.deepEqual(readJson(text).value, JSON.parse(text));
});

test("unfinished text reads as far as it goes", () => {
  assert.deepEqual(readJson('{"metrics": ["visitors", "pa').value, { metrics: ["visitors", "pa"] });
  assert.deepEqual(readJson('{"filters": [["is", ').value, { filters: [["is"]] });
  assert.deepEqual(readJson('{"a": tru, "b": 1}').value, { b: 1 });
  assert.deepEqual(readJson('{"a": [x, "y"]}').value, { a: [null, "y"] }); // indices kept
});

test("inside a key", () => {
  const slot = at('{"si|"}');
  assert.equal(slot.role, "key");
  assert.deepEqual(slot.path, []);
  assert.equal(slot.typed, "si");
  assert.deepEqual([slot.from, slot.to], [1, 5]);
});

test("an empty key slot knows the commas it needs", () => {
  const slot = at('{"a": 1 | "b": 2}');
  assert.equal(slot.role, "key");
  assert.equal(slot.commaBefore, true);
  assert.equal(slot.commaAfter, true);
  assert.deepEqual(at('{"a": 1, |}').commaBefore, false);
});

test("a value after a colon", () => {
  const slot = at('{"date_range": |}');
  assert.equal(slot.role, "value");
  assert.deepEqual(slot.path, ["date_range"]);
  assert.equal(slot.node, null);
});

test("inside a string value", () => {
  const slot = at('{"metrics": ["vis|"]}');
  assert.deepEqual(slot.path, ["metrics", 0]);
  assert.equal(slot.typed, "vis");
  assert.deepEqual(slot.value, { metrics: ["vis"] });
});

test("positions inside filters", () => {
  assert.deepEqual(at('{"filters": [["|"]]}').path, ["filters", 0, 0]);
  assert.deepEqual(at('{"filters": [["is", "|"]]}').path, ["filters", 0, 1]);
  assert.deepEqual(at('{"filters": [["is", "visit:country", [|]]]}').path, ["filters", 0, 2, 0]);
  assert.deepEqual(at('{"filters": [["is", "event:page", ["/"], {"|"}]]}').path, ["filters", 0, 3]);
  assert.deepEqual(at('{"filters": [|]}').path, ["filters", 0]);
  assert.deepEqual(at('{"filters": [["has_done", ["is", "|"]]]}').path, ["filters", 0, 1, 1]);
});

test("an unclosed string at the end of the text", () => {
  const slot = at('{"filters": [["|');
  assert.deepEqual(slot.path, ["filters", 0, 0]);
  assert.equal(slot.typed, "");
});

test("a bare word is a value being typed", () => {
  const slot = at('{"metrics": [vis|]}');
  assert.equal(slot.node.kind, "word");
  assert.equal(slot.typed, "vis");
});

test("an array slot between items", () => {
  const slot = at('{"metrics": ["visitors" |]}');
  assert.deepEqual(slot.path, ["metrics", 1]);
  assert.equal(slot.commaBefore, true);
  assert.equal(at('{"metrics": ["visitors", |]}').commaBefore, false);
});

test("an empty document is the top value", () => {
  assert.deepEqual(at("|").path, []);
  assert.equal(at("{|}").role, "key");
});

test("text nested deeper than the engine reads is read flat there, whatever its depth", () => {
  const levels = 300_000;
  const text = `{"filters": [${'["not", '.repeat(levels)}["is", "event:page", ["/]"]]${"]".repeat(levels)}], "metrics": ["visitors"]}`;
  const { value } = readJson(text);
  assert.deepEqual(value.metrics, ["visitors"], "the rest of the query is read on");
  let node = value.filters[0]; // inside two containers
  for (let depth = 2; depth < 31; depth++) node = node[1];
  assert.deepEqual(node, ["not", []]); // inside 32: opaque, its brackets (one in a string) matched
  assert.equal(slotAt(text, text.indexOf("event:page")), null);
  assert.deepEqual(slotAt(text, text.indexOf('"visitors"') + 1).path, ["metrics", 0]);
});
