import assert from "node:assert/strict";
import { test } from "node:test";
import { FILTER_DEPTH, Shapes, countExample, firstSentence, problemAt, rangeKindOf, rangeKinds } from "../../src/builder/model.js";
import { paths, validator } from "../helpers.mjs";

const shapes = new Shapes(paths);
const titleOf = (value) => shapes.shapeOf(value)?.title ?? null;

test("each top-level key gets the section its schema calls for", () => {
  const kinds = Object.keys(validator.root.properties).map((key) => [key, shapes.sectionKind(key)]);
  assert.deepEqual(Object.fromEntries(kinds), {
    site_id: "text",
    metrics: "checkboxes",
    date_range: "range",
    dimensions: "names",
    filters: "filters",
    order_by: "tuples",
    include: "object",
    pagination: "object",
  });
});

test("a filter is drawn in the shape of the schema's alternative it has", () => {
  assert.equal(titleOf(["is", "visit:country", ["DE"]]), "Simple filter");
  assert.equal(titleOf(["is", "visit:city", [2950159]]), "City filter");
  assert.equal(titleOf(["is", "segment", [101]]), "Segment");
  assert.equal(titleOf(["has_done", ["is", "event:goal", ["Signup"]]]), "has_done / has_not_done");
  // Nested filters are judged on their own: a group draws whatever its children are.
  assert.equal(titleOf(["or", [["is", "visit:countyr", ["DE"]], 7]]), "and / or");
  assert.equal(titleOf(["not", "nothing"]), "not");
  // A part still missing is no reason not to draw it.
  assert.equal(titleOf(["or", []]), "and / or");
  assert.equal(titleOf(["is", "segment", []]), "Segment");
});

test("a filter with a mistake of its own has no shape: the builder shows it read-only", () => {
  assert.equal(titleOf(["is", "visit:countyr", ["DE"]]), null);
  assert.equal(titleOf(["is_not", "event:goal", ["Signup"]]), null); // goals take is or contains
  assert.equal(titleOf(["matches", "event:page", ["^/"], { case_sensitive: false }]), null);
  assert.equal(titleOf(["not", ["is", "event:page", ["/"]], "extra"]), null);
  assert.equal(titleOf("is"), null);
});

test("the items of a tuple get a control by what the schema says they hold", () => {
  const kinds = Object.fromEntries(shapes.alternatives.map((a) => [a.title, shapes.kindsOf(a)]));
  assert.deepEqual(kinds["Simple filter"], ["name", "name", "clauses", "object"]);
  assert.deepEqual(kinds["and / or"], ["name", "filters"]);
  assert.deepEqual(kinds.not, ["fixed", "filter"]);
  assert.deepEqual(kinds.Segment, ["fixed", "fixed", "clauses"]);
  const sortKey = paths.nodesAt(["order_by", 0], undefined).find((n) => n.prefixItems);
  assert.deepEqual(shapes.kindsOf(sortKey), ["name", "name"]);
});

test("new filters start from the operators' documented examples, emptied", () => {
  assert.deepEqual(shapes.skeletons(), [
    { title: "Simple filter", value: ["is", "visit:country", []] },
    { title: "and / or", value: ["and", [["is", "visit:device", []]]] },
    { title: "not", value: ["not", ["contains", "event:page", []]] },
    { title: "has_done / has_not_done", value: ["has_done", ["is", "event:goal", []]] },
    { title: "Segment", value: ["is", "segment", []] },
  ]);
});

test("the kinds of date range, and which one a value is", () => {
  const kinds = rangeKinds(paths);
  const kindOf = (value) => rangeKindOf(kinds, value, validator);
  assert.deepEqual(kinds.filter((k) => k.kind === "name").map((k) => k.value).slice(0, 3), ["day", "24h", "7d"]);
  assert.equal(kindOf("7d").kind, "name"); // a named period before the pattern it matches too
  assert.equal(kindOf("14d").suffix, "d");
  assert.equal(kindOf("3mo").suffix, "mo");
  assert.equal(kindOf(["2026-10-01", "2026-10-31"]).node.title, "Date pair");
  assert.equal(kindOf(["2026-11-02T08:00:00Z", "2026-11-02T11:59:59Z"]).node.title, "Datetime pair");
  assert.equal(kindOf("8 days"), null);
  assert.equal(kindOf(["2026-10-01"]), null);
  assert.deepEqual(kinds.filter((k) => k.kind === "count").map(countExample), [14, 3]);
});

test("the parts the builder shows read-only: mistakes, not parts still missing", () => {
  const errors = validator.check({ metrics: ["visitors", "visitor"], filters: [["or", []]], pagination: { limit: 0 } });
  assert.deepEqual(problemAt(errors, ["metrics"]).path, ["metrics", 1]);
  assert.equal(problemAt(errors, ["metrics"], { exact: true }), null);
  assert.equal(problemAt(errors, ["filters"]), null); // an empty group is unfinished
  assert.equal(problemAt(errors, []).path[0], "metrics");
  assert.deepEqual(problemAt(errors, ["pagination"]).path, ["pagination", "limit"]);
  assert.ok(FILTER_DEPTH >= 2);
});

test("a description's first sentence", () => {
  assert.equal(firstSentence("Groups by hour. A session counts in every hour."), "Groups by hour.");
  assert.equal(firstSentence("Rounded to 2 decimals (for example `2.37`).\n\nMore."), "Rounded to 2 decimals (for example `2.37`).");
  assert.equal(firstSentence("No full stop"), "No full stop");
});
