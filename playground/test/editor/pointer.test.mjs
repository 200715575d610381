import assert from "node:assert/strict";
import { test } from "node:test";
import { EditorState } from "@codemirror/state";
import { json } from "@codemirror/lang-json";
import { pointerRanges } from "../../src/editor/pointer.js";

const parsed = (doc) => EditorState.create({ doc, extensions: [json()] });

const text = (state, { from, to }) => state.doc.sliceString(from, to);

test("each pointer gets its value, or its key, or the deepest container that exists", () => {
  const state = parsed('{"metrics": ["visitors", "pageviews"], "a/b": {"c": 1}, "filters": [["is", "event:page", ["/"]]]}');
  const ranges = pointerRanges(state, [
    { pointer: "/metrics/1" },
    { pointer: "/a~1b", key: true },
    { pointer: "/a~1b/c" },
    { pointer: "/filters/0/2/0" },
    { pointer: "/filters/3/0" },
    { pointer: "/metrics/0/x" },
    { pointer: "" },
    { pointer: "/nope" },
  ]);
  assert.deepEqual(ranges.map((r) => text(state, r)), ['"pageviews"', '"a/b"', "1", '"/"', "[", '"', state.doc.toString(), "{"]);
});

test("the first of duplicate keys is the one marked", () => {
  const state = parsed('{"date_range": "7d", "date_range": "30d"}');
  assert.equal(text(state, pointerRanges(state, [{ pointer: "/date_range" }])[0]), '"7d"');
});

test("20,000 pointers into a 20,000-item list are found in one walk", () => {
  const items = Array.from({ length: 20_000 }, (_, i) => `"m${i}"`);
  const state = parsed(`{"metrics": [${items.join(", ")}]}`);
  const ranges = pointerRanges(state, items.map((_, i) => ({ pointer: `/metrics/${i}` })));
  assert.equal(ranges.length, 20_000);
  assert.equal(text(state, ranges[0]), '"m0"');
  assert.equal(text(state, ranges[19_999]), '"m19999"');
});

test("text that is not JSON yet marks its start", () => {
  const state = parsed("");
  assert.deepEqual(pointerRanges(state, [{ pointer: "/metrics" }]), [{ from: 0, to: 0 }]);
});
