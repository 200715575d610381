import assert from "node:assert/strict";
import { test } from "node:test";
import { toCsv } from "../../src/views/table.js";

test("CSV has dimension and metric columns, quoting and revenue currency", () => {
  const query = { dimensions: ["event:page"], metrics: ["visitors", "total_revenue"] };
  const body = {
    results: [
      { dimensions: ["/a,b"], metrics: [3, { value: 9.5, currency: "USD", short: "$9.5", long: "$9.50" }] },
      { dimensions: ['/"q"'], metrics: [1, null] },
    ],
  };
  assert.equal(
    toCsv(query, body),
    'event:page,visitors,total_revenue,total_revenue_currency\n"/a,b",3,9.5,USD\n"/""q""",1,,\n',
  );
});

test("the echoed query's columns win over the request's", () => {
  const body = { query: { dimensions: ["time:day"], metrics: ["visitors"] }, results: [{ dimensions: ["2026-11-01"], metrics: [4] }] };
  assert.equal(toCsv({ dimensions: ["time"], metrics: ["visitors"] }, body), "time:day,visitors\n2026-11-01,4\n");
});
