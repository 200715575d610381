import assert from "node:assert/strict";
import { test } from "node:test";
import { clockNote } from "../../src/views/diff.js";

const PINNED = "2026-11-02T14:30:00+00:00";
const documented = { results: [{ metrics: [5], dimensions: [] }], query: { date_range: ["2026-10-26T00:00:00Z", "2026-11-01T23:59:59Z"] } };

test("a difference that is only the clock is said to be", () => {
  const received = { ...documented, query: { date_range: ["2026-11-21T00:00:00Z", "2026-11-27T23:59:59Z"] } };
  const note = clockNote(documented, received, { documentedClock: PINNED, receivedClock: "2026-11-28T06:01:02+00:00" });
  assert.match(note, /^Only the clock differs: this response was computed for 2026-11-28 06:01 UTC, the documented one for 2026-11-02 14:30 UTC/);
});

test("other differences under another clock", () => {
  const received = { ...documented, results: [{ metrics: [6], dimensions: [] }] };
  assert.match(clockNote(documented, received, { documentedClock: PINNED, receivedClock: "2026-11-28T06:01:02+00:00" }), /^The clocks differ/);
});

test("the same clock needs no note; a live API has its own", () => {
  assert.equal(clockNote(documented, documented, { documentedClock: PINNED, receivedClock: PINNED }), null);
  assert.match(clockNote(documented, documented, { documentedClock: PINNED, receivedClock: null }), /live API, under its own clock/);
});
