import assert from "node:assert/strict";
import { test } from "node:test";
import { parse, sameQuery } from "../../src/widget/query.js";

test("parse gives the query, or the JSON mistake in words", () => {
  assert.deepEqual(parse('{"metrics": ["visitors"]}'), { query: { metrics: ["visitors"] } });
  const { query, problem } = parse('{"metrics": [}');
  assert.equal(query, undefined);
  assert.match(problem, /^The query is not valid JSON: /);
});

test("sameQuery ignores formatting and key order, not content", () => {
  const query = { site_id: "dummy.site", metrics: ["visitors"] };
  assert.ok(sameQuery('{"metrics":["visitors"],\n  "site_id": "dummy.site"}', query));
  assert.ok(!sameQuery('{"metrics": ["pageviews"], "site_id": "dummy.site"}', query));
  assert.ok(!sameQuery('{"metrics": [', query));
});

test("JSON nested deeper than the engine reads is a problem, not a query to write out", () => {
  const levels = 300_000; // JSON.stringify, formatting or a worker's message would exhaust the stack
  const { query, problem } = parse(`{"filters": [${'["not",'.repeat(levels)}[]${"]".repeat(levels)}]}`);
  assert.equal(query, undefined);
  assert.match(problem, /^The query is nested too deep at #\/filters\/0(\/1){30}: Nest lists and objects at most 32 levels deep\.$/);
  assert.ok(parse(`{"a": ${"[".repeat(31)}${"]".repeat(31)}}`).query, "as deep as the engine reads");
});
