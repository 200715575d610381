import assert from "node:assert/strict";
import { test } from "node:test";
import { Clock, clockText, isoSeconds } from "../../src/runners/clock.js";

const PINNED = "2026-11-02T14:30:00+00:00";
const today = () => new Date("2026-11-28T06:01:02.345Z");

test("the examples' clock by default, now frozen at the switch", () => {
  const clock = new Clock(PINNED, "pinned", today);
  assert.equal(clock.iso(), PINNED);
  assert.equal(clock.describe(clock.iso()), "clock 2026-11-02 14:30 UTC (the examples' clock)");
  assert.equal(clock.switchLabel(), "Use now");
  assert.equal(clock.name(), "examples' clock");
  clock.toggle();
  assert.equal(clock.name(), "current time");
  assert.equal(clock.mode, "now");
  assert.equal(clock.iso(), "2026-11-28T06:01:02+00:00");
  assert.equal(clock.describe(clock.iso()), "clock 2026-11-28 06:01 UTC (now)");
  assert.equal(clock.switchLabel(), "Use the examples' clock");
  clock.toggle();
  assert.equal(clock.iso(), PINNED);
});

test("a live API's clock is its own", () => {
  assert.equal(new Clock(PINNED).describe(null), "the live API's own clock");
});

test("formats", () => {
  assert.equal(isoSeconds(today()), "2026-11-28T06:01:02+00:00");
  assert.equal(clockText("2026-11-02T09:30:00-05:00"), "2026-11-02 14:30 UTC");
  assert.equal(new Clock(PINNED, "now", today).iso(), "2026-11-28T06:01:02+00:00");
});
