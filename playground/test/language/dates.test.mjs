import assert from "node:assert/strict";
import { test } from "node:test";
import { rangeText, resolveRange } from "../../src/language/dates.js";

const at = (range, timezone = "UTC", clock = "2026-11-02T14:30:00+00:00") =>
  resolveRange(range, { clock, timezone, nativeDays: 200, limits: { max_days: 5000, max_months: 100 } });

test("relative ranges resolve as the engine does", () => {
  // Expected values: statsref.engine.language.dates.resolve for shop.dummy.site (America/New_York).
  const expected = {
    day: ["2026-11-02", "2026-11-02"],
    "24h": ["2026-11-01 09:30", "2026-11-02 09:30"],
    "7d": ["2026-10-26", "2026-11-01"],
    "14d": ["2026-10-19", "2026-11-01"],
    month: ["2026-11-01", "2026-11-30"],
    "6mo": ["2026-05-01", "2026-10-31"],
    "12mo": ["2025-11-01", "2026-10-31"],
    year: ["2026-01-01", "2026-12-31"],
    all: ["2026-04-16", "2026-11-02"],
  };
  for (const [range, [first, last]] of Object.entries(expected)) {
    assert.deepEqual(at(range, "America/New_York"), { first, last }, range);
  }
});

test("today is the site's date, not the clock's", () => {
  assert.deepEqual(at("day", "America/New_York", "2026-11-03T02:00:00Z"), { first: "2026-11-02", last: "2026-11-02" });
  assert.deepEqual(at("day", "UTC", "2026-11-03T02:00:00Z"), { first: "2026-11-03", last: "2026-11-03" });
});

test("months roll over years", () => {
  assert.deepEqual(at("3mo", "UTC", "2026-01-15T00:00:00Z"), { first: "2025-10-01", last: "2025-12-31" });
});

test("anything else is not resolved", () => {
  for (const range of ["0d", "6000d", "101mo", "8 days", "", ["2026-01-01", "2026-01-02"]]) assert.equal(at(range), null);
  assert.equal(resolveRange("7d", { clock: "" }), null);
});

test("range text", () => {
  assert.equal(rangeText({ first: "2026-11-02", last: "2026-11-02" }), "2026-11-02");
  assert.equal(rangeText({ first: "a", last: "b" }), "a to b");
});
