import assert from "node:assert/strict";
import { test } from "node:test";
import { wordsSource } from "../../src/widget/words.js";

const NOW = "2026-11-02T14:30:00+00:00";
const QUERY = { site_id: "dummy.site", metrics: ["visitors"], date_range: "7d" };
const KNOWN = [{ query: QUERY, now: NOW, words: "Visitors of dummy.site ...", valid: true }];
const IDLE = { engineReady: false, started: false, failure: null };
const text = JSON.stringify(QUERY, null, 2);

test("the build's words serve the same query, however it is formatted, under their clock", () => {
  const reordered = '{"date_range": "7d", "metrics": ["visitors"], "site_id": "dummy.site"}';
  for (const t of [text, reordered]) {
    assert.deepEqual(wordsSource(t, NOW, KNOWN, IDLE), { state: "ready", words: { text: KNOWN[0].words, valid: true } });
  }
});

test("another clock or another query needs the engine", () => {
  const ready = { ...IDLE, engineReady: true };
  assert.deepEqual(wordsSource(text, "2026-11-03T00:00:00+00:00", KNOWN, ready), { state: "engine" });
  assert.deepEqual(wordsSource("{", NOW, KNOWN, ready), { state: "engine" });
});

test("before the engine: offered, loading, or failed", () => {
  const edited = '{"site_id": "dummy.site"}';
  assert.deepEqual(wordsSource(edited, NOW, KNOWN, IDLE), { state: "offer" });
  assert.deepEqual(wordsSource(edited, NOW, KNOWN, { ...IDLE, started: true }), { state: "pending" });
  assert.deepEqual(wordsSource(edited, NOW, KNOWN, { ...IDLE, failure: new Error("x") }), { state: "failed" });
  const retrying = { ...IDLE, started: true, failure: new Error("x") };
  assert.deepEqual(wordsSource(edited, NOW, KNOWN, retrying), { state: "pending" });
});
