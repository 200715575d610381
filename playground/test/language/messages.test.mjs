import assert from "node:assert/strict";
import { test } from "node:test";
import { closest } from "../../src/language/messages.js";
import { messagesFor } from "../helpers.mjs";

const query = (extra) => ({ site_id: "dummy.site", metrics: ["visitors"], date_range: "7d", ...extra });

/** The one message the schema gives for `extra`. */
function only(extra) {
  const found = messagesFor(query(extra));
  assert.equal(found.length, 1, JSON.stringify(found));
  return found[0];
}

test("a valid query has no message", () => {
  assert.deepEqual(messagesFor(query({ filters: [["is", "visit:city", [2950159]], ["is", "segment", [101]]] })), []);
});

test("one plain message per mistake, never the schema's internals", () => {
  const cases = {
    "`visitorz` is not a metric. Did you mean `visitors`?": { metrics: ["visitorz"] },
    "`8 days` is not a date range: use a relative period such as `7d`, a date pair such as `[\"2026-10-01\", \"2026-10-31\"]` or a datetime pair.": { date_range: "8 days" },
    "`iss` is not a filter operator. Did you mean `is`?": { filters: [["iss", "visit:country", ["DE"]]] },
    "`visit:countri` is not a dimension. Did you mean `visit:country`?": { filters: [["is", "visit:countri", ["DE"]]] },
    "Goals can only be filtered with `is` and `contains`.": { filters: [["matches", "event:goal", ["Sign.*"]]] },
    "The `case_sensitive` modifier cannot be used with `matches` or `matches_not`.": { filters: [["matches", "event:page", ["/"], { case_sensitive: false }]] },
    "`time` is not a filterable dimension: any dimension except the time dimensions.": { filters: [["is", "time", ["x"]]] },
    "Clauses must be a list of texts, not a text.": { filters: [["is", "visit:country", "DE"]] },
    "This simple filter has 2 items; it needs 3: `[operator, dimension, clauses]`.": { filters: [["is", "visit:country"]] },
    "`down` is not a direction: use `asc` or `desc`.": { order_by: [["visitors", "down"]] },
    "`import` is not a key of `include`. Did you mean `imports`?": { include: { import: true } },
    "`limit` must be at least 1.": { pagination: { limit: 0 } },
    "Metrics needs at least one metric.": { metrics: [] },
    "`visitors` is listed twice: list each one once.": { metrics: ["visitors", "visitors"] },
    "`2026-13-01` is not a date: a calendar day written `YYYY-MM-DD`, such as `2026-10-01`.": { date_range: ["2026-01-01", "2026-13-01"] },
  };
  for (const [message, extra] of Object.entries(cases)) {
    const found = only(extra);
    assert.equal(found, message);
    assert.doesNotMatch(found, /\$defs|\$ref|oneOf|anyOf|schema/);
  }
});

test("missing keys are named", () => {
  assert.deepEqual(messagesFor({ metrics: ["visitors"] }), [
    "`site_id` and `date_range` are missing: a query needs `site_id`, `metrics` and `date_range`.",
  ]);
});

test("a value cannot break out of its code span", () => {
  assert.match(only({ metrics: ["`x`**b**"] }), /^`ˋxˋ\*\*b\*\*` is not a metric/);
});

test("long lists are summarised", () => {
  assert.match(only({ foo: 1 }), /use one of the 8 listed by Ctrl\+Space, such as `site_id`, `metrics` or `date_range`/);
});

test("closest only guesses near misses", () => {
  assert.equal(closest("bouncerate", ["bounce_rate", "visitors"]), "bounce_rate");
  assert.equal(closest("VISITORS", ["visitors"]), "visitors");
  assert.equal(closest("8 days", ["day", "7d"]), null);
});
