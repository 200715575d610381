import assert from "node:assert/strict";
import { test } from "node:test";
import { formatValue, numeric, valueTypes } from "../../src/views/values.js";

test("value types are read from the schema's annotated entries", () => {
  const schema = { $defs: { metric: { oneOf: [{ const: "visitors", "x-value-type": "integer" }, { const: "bounce_rate", "x-value-type": "percentage" }] } } };
  assert.deepEqual(valueTypes(schema), { visitors: "integer", bounce_rate: "percentage" });
});

test("numbers read by their type", () => {
  assert.equal(formatValue(12345, "integer"), "12,345");
  assert.equal(formatValue(41.5, "percentage"), "41.5%");
  assert.equal(formatValue(125, "seconds"), "2m 5s");
  assert.equal(formatValue(3725, "seconds"), "1h 2m");
  assert.equal(formatValue(2.345, "float"), "2.35");
  assert.equal(formatValue(null, "integer"), "—");
});

test("revenue objects show their long form and chart as their amount", () => {
  const revenue = { short: "$1.2K", long: "$1,234.50", value: 1234.5, currency: "USD" };
  assert.equal(formatValue(revenue, "revenue"), "$1,234.50");
  assert.equal(formatValue({ value: 10, currency: "EUR" }, "revenue"), "€10.00");
  assert.equal(numeric(revenue), 1234.5);
  assert.equal(numeric("x"), null);
});
