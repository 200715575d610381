import assert from "node:assert/strict";
import { test } from "node:test";
import { guessPointer } from "../../src/language/locate.js";

const query = { site_id: "dummy.site", metrics: ["visitors", "bounce_rate"], dimensions: ["event:page"] };

test("the first quoted name the query holds is located", () => {
  assert.equal(guessPointer(query, "Metric `bounce_rate` cannot be queried with `event:page`"), "/metrics/1");
  assert.equal(guessPointer(query, "Invalid value 'event:page'"), "/dimensions/0");
});

test("keys are located too, with pointer escaping", () => {
  assert.equal(guessPointer({ "a/b": 1 }, 'Unknown key "a/b"'), "/a~1b");
});

test("a message naming nothing in the query gives null", () => {
  assert.equal(guessPointer(query, "Rate limit exceeded"), null);
});
