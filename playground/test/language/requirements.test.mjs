import assert from "node:assert/strict";
import { test } from "node:test";
import { Requirements } from "../../src/language/requirements.js";
import { paths } from "../helpers.mjs";

const requirements = new Requirements(paths);
const unmet = (metric, parts) => {
  const query = { site_id: "dummy.site", metrics: ["visitors"], date_range: "7d", ...parts };
  return requirements.verdicts(query).find((v) => v.name === metric).unmet;
};
const PAGE = ["is", "event:page", ["/"]];
const GOAL = ["is", "event:goal", ["Signup"]];
const PROP = ["is", "event:props:author", ["Uku"]];

test("every metric of the schema, in its order", () => {
  const names = requirements.verdicts({}).map((v) => v.name);
  assert.deepEqual(names.slice(0, 3), ["visitors", "visits", "pageviews"]);
  assert.equal(names.length, 14);
});

test("a conversion rate needs a goal, as a dimension or a filter outside has_done", () => {
  assert.deepEqual(unmet("conversion_rate", {}), ["an `event:goal` filter or an `event:goal` dimension"]);
  assert.deepEqual(unmet("conversion_rate", { dimensions: ["event:goal"] }), []);
  assert.deepEqual(unmet("conversion_rate", { filters: [["not", GOAL]] }), []);
  assert.equal(unmet("conversion_rate", { filters: [["has_done", GOAL]] }).length, 1);
});

test("custom property filters only at the top level with a conversion rate", () => {
  assert.deepEqual(unmet("group_conversion_rate", { filters: [GOAL, PROP] }), []);
  assert.deepEqual(unmet("group_conversion_rate", { filters: [GOAL, ["or", [PROP]]] }), [
    "custom property filters only at the top level of `filters`",
  ]);
});

test("page metrics: scroll depth wants its page filter at the top level, time on page anywhere", () => {
  assert.equal(unmet("scroll_depth", { filters: [["or", [PAGE]]] }).length, 1);
  assert.deepEqual(unmet("time_on_page", { filters: [["or", [PAGE]]] }), []);
  assert.deepEqual(unmet("scroll_depth", { filters: [PAGE] }), []);
});

test("views per visit refuses dimensions and page filters", () => {
  assert.deepEqual(unmet("views_per_visit", { dimensions: ["time:day"], filters: [["not", PAGE]] }), [
    "no `dimensions` at all, not even a time dimension",
    "no filter on `event:page`",
  ]);
});

test("the scope rules: session metrics and event dimensions, event metrics and session-only ones", () => {
  assert.match(unmet("bounce_rate", { dimensions: ["event:name"] })[0], /no event dimension/);
  assert.deepEqual(unmet("bounce_rate", { dimensions: ["event:page"] }), []);
  assert.equal(unmet("bounce_rate", { dimensions: ["event:page", "event:name"] }).length, 1);
  assert.match(unmet("pageviews", { dimensions: ["visit:entry_page"] })[0], /session-only/);
  assert.deepEqual(unmet("visitors", { dimensions: ["visit:entry_page", "event:name"] }), []);
});
