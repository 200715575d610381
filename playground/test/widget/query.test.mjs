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
