import assert from "node:assert/strict";
import { test } from "node:test";
import { LIMITS } from "../../src/language/limits.js";
import { MAX_PROBLEMS, lintProblems, schemaProblems } from "../../src/language/lint.js";
import { messages, validator } from "../helpers.mjs";

const language = { validator, messages };
const BASE = { site_id: "dummy.site", metrics: ["visitors"], date_range: "7d" };
const names = (count) => Array.from({ length: count }, (_, i) => `m${String(i).padStart(6, "0")}`);

/** `levels` filters, each wrapping the next, around one condition. */
function nestedFilter(levels) {
  let node = ["is", "event:page", ["/"]];
  for (let i = 0; i < levels; i++) node = i % 2 ? ["not", node] : ["and", [node]];
  return node;
}

test("a permalink's 50,000 metrics get the engine's one problem, not one per metric", () => {
  const { problems, hidden } = lintProblems(language, { ...BASE, metrics: names(50_000) }, []);
  assert.deepEqual(problems, [{
    pointer: "/metrics",
    message: `Expected a maximum of ${LIMITS.listItems} items but got 50000.`,
    hint: `Put at most ${LIMITS.listItems} items in this list.`,
    source: "limits",
    key: false,
  }]);
  assert.equal(hidden, 0);
});

test("300,000 nested filters are refused at the engine's depth, without exhausting the stack", () => {
  const levels = 300_000; // JSON.stringify itself could not write it: 2.7 MB of text
  const filter = `${'["not",'.repeat(levels)}["is","event:page",["/"]]${"]".repeat(levels)}`;
  const text = `{"site_id":"dummy.site","metrics":["visitors"],"date_range":"7d","filters":[${filter}]}`;
  const { problems } = lintProblems(language, JSON.parse(text), []);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].message, `Nested more than ${LIMITS.nesting} levels deep.`);
  assert.equal(problems[0].pointer.split("/").length - 1, LIMITS.nesting);
});

test("filters nested past the engine's filter depth get its message", () => {
  const [problem] = schemaProblems(language, { ...BASE, filters: [nestedFilter(LIMITS.filterDepth + 1)] });
  assert.equal(problem.message, `Filters are nested more than ${LIMITS.filterDepth} levels deep.`);
});

test("within the limits, at most MAX_PROBLEMS are reported, and the rest counted", () => {
  const { problems, hidden } = lintProblems(language, { ...BASE, metrics: names(LIMITS.listItems) }, []);
  assert.equal(problems.length, MAX_PROBLEMS);
  assert.ok(problems.every((p) => p.source === "schema" && p.pointer.startsWith("/metrics/")));
  assert.deepEqual(problems.slice(0, 2).map((p) => p.pointer), ["/metrics/0", "/metrics/1"]);
  assert.equal(hidden, 0, "the schema's are cut to MAX_PROBLEMS before they are worded");
});

test("the engine's and a Run's problems are kept before the schema's", () => {
  const engine = Array.from({ length: 3 }, (_, i) => ({ pointer: `/filters/${i}`, message: "Engine says no.", source: "engine", hint: null }));
  const { problems, hidden } = lintProblems(language, { ...BASE, metrics: names(LIMITS.listItems) }, engine);
  assert.equal(problems.length, MAX_PROBLEMS);
  assert.deepEqual(problems.slice(0, 3).map((p) => p.pointer), ["/filters/0", "/filters/1", "/filters/2"]);
  assert.equal(hidden, 3);
});

test("a repeated item is found in one pass, at its second place", () => {
  const metrics = [...names(999), "m000500"];
  const repeated = validator.check({ ...BASE, metrics }).filter((e) => e.kind === "uniqueItems");
  assert.deepEqual(repeated.map((e) => e.path), [["metrics", 999]]);
  const dimensions = validator.check({ ...BASE, dimensions: ["event:page", "visit:country", "event:page"] });
  assert.deepEqual(dimensions.filter((e) => e.kind === "uniqueItems").map((e) => e.path), [["dimensions", 2]]);
});
