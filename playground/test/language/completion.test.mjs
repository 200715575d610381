import assert from "node:assert/strict";
import { test } from "node:test";
import { Completer, patternPrefix } from "../../src/language/completion.js";
import { slotAt } from "../../src/language/json-scan.js";
import { BASE, CLOCK, data, marked, paths } from "../helpers.mjs";

function complete(text, { live = false, offered = data } = {}) {
  const [source, pos] = marked(text);
  return new Completer({ paths, data: offered, clock: CLOCK, live }).completionsAt(slotAt(source, pos));
}

const labels = (text, options) => complete(text, options)?.options.map((o) => o.label) ?? [];
const option = (text, label) => complete(text).options.find((o) => o.label === label);

test("keys of the query, required first, with a value to fill in", () => {
  assert.deepEqual(labels("{|}"), ["site_id", "metrics", "date_range", "dimensions", "filters", "order_by", "include", "pagination"]);
  assert.equal(option("{|}", "metrics").insert, '"metrics": [${}]');
  assert.equal(option("{|}", "metrics").detail, "required");
  assert.equal(option('{"site_id": "x" |}', "metrics").insert, ', "metrics": [${}]');
  assert.deepEqual(labels('{"site_id": "x", "si|"}').includes("site_id"), false);
});

test("an empty editor offers a minimal query", () => {
  assert.equal(complete("|").options[0].insert, '{"site_id": "${}", "metrics": [${}], "date_range": "${}"}');
});

test("the demo sites for site_id", () => {
  assert.deepEqual(labels('{"site_id": "|"}'), ["dummy.site", "shop.dummy.site"]);
  assert.match(complete('{"site_id": "|"}', { live: true }).options[0].section.name, /not your API/);
});

test("a sites file's sites, goals and values, named by the file", () => {
  const acme = {
    timezone: "Asia/Tokyo",
    native_days: 519,
    values: { "event:goal": ["Signup", "Read a blog post"], "event:page": ["/pricing", "/"] },
    labels: { segment: {} },
  };
  const offered = { ...data, sites: { "acme.test": acme }, sitesFile: "acme.toml" };
  const [site] = complete('{"site_id": "|"}', { offered }).options;
  assert.deepEqual([site.label, site.detail, site.section.name], ["acme.test", "site of acme.toml, Asia/Tokyo", "Sites of acme.toml"]);
  assert.match(site.info, /^A site of acme\.toml, the sites file the in-browser mock serves/);
  const base = '"site_id": "acme.test", "metrics": ["visitors"], "date_range": "7d"';
  const goals = complete(`{${base}, "filters": [["is", "event:goal", ["|"]]]}`, { offered }).options;
  assert.deepEqual(goals.map((o) => o.label), ["Signup", "Read a blog post"]);
  assert.deepEqual([goals[0].detail, goals[0].section.name], ["value", "Values of acme.test (acme.toml)"]);
  assert.match(goals[0].info, /the data the mock makes of acme\.toml for acme\.test/);
});

test("metrics not yet listed", () => {
  const found = labels('{"metrics": ["visitors", "|"]}');
  assert.ok(found.includes("pageviews") && !found.includes("visitors"));
});

test("a filter's operator, with the rest of the filter to fill in", () => {
  const text = `{${BASE}, "filters": [["|"]]}`;
  assert.deepEqual(labels(text), ["is", "is_not", "contains", "contains_not", "matches", "matches_not", "and", "or", "not", "has_done", "has_not_done"]);
  assert.equal(option(text, "is").insert, '"is", "${}", [${}]');
  assert.equal(option(text, "and").insert, '"and", [${}]');
  assert.equal(option(text, "has_done").insert, '"has_done", [${}]');
  assert.ok(option(text, "is").reopen);
});

test("whole filters in an empty place of a list of filters, segments too", () => {
  const text = `{${BASE}, "filters": [|]}`;
  assert.equal(option(text, "is").insert, '["is", "${}", [${}]]');
  assert.equal(option(text, "is segment").insert, '["is", "segment", [${}]]');
});

test("only the dimensions an operator accepts", () => {
  const matches = labels(`{${BASE}, "filters": [["matches", "|"]]}`);
  assert.ok(!matches.includes("event:goal") && !matches.includes("segment"), "goals take is and contains only");
  const is = labels(`{${BASE}, "filters": [["is", "|"]]}`);
  assert.ok(is.includes("event:goal") && is.includes("segment") && is.includes("visit:city"));
  assert.ok(!is.includes("time:day"), "time dimensions are not filterable");
  assert.deepEqual(labels(`{${BASE}, "filters": [["|", "event:goal", []]]}`), ["is", "contains"]);
});

test("custom properties of the chosen site", () => {
  const found = labels(`{${BASE}, "filters": [["is", "event:props:|"]]}`);
  assert.ok(found.includes("event:props:…") && found.includes("event:props:author"));
  assert.equal(patternPrefix("^event:props:.+$"), "event:props:");
  assert.equal(patternPrefix("^[0-9]+d$"), null);
});

test("clause values from the site's demo data, labelled as such", () => {
  const text = `{${BASE}, "filters": [["is", "visit:country", ["DE", |]]]}`;
  const found = complete(text);
  assert.deepEqual(found.options.map((o) => o.label), data.sites["dummy.site"].values["visit:country"].filter((v) => v !== "DE"));
  assert.equal(found.options[0].section.name, "Demo values of dummy.site");
  assert.equal(found.options[0].insert, JSON.stringify(found.options[0].label));
  const live = complete(text, { live: true }).options[0];
  assert.match(live.section.name, /mock dataset, not your site/);
});

test("goal names, segment ids and property values", () => {
  assert.deepEqual(labels(`{${BASE}, "filters": [["is", "event:goal", ["|"]]]}`), data.sites["dummy.site"].values["event:goal"]);
  const segments = complete(`{${BASE}, "filters": [["is", "segment", [|]]]}`).options;
  assert.deepEqual(segments.map((o) => [o.label, o.insert, o.detail]).slice(0, 1), [["101", "101", "Mobile visitors"]]);
  assert.deepEqual(labels(`{${BASE}, "filters": [["is", "event:props:author", ["|"]]]}`), data.sites["dummy.site"].values["event:props:author"]);
});

test("the modifier object, not after a pattern operator", () => {
  assert.deepEqual(labels(`{${BASE}, "filters": [["is", "event:page", ["/"], |]]}`), ['{"case_sensitive": false}']);
  assert.deepEqual(labels(`{${BASE}, "filters": [["matches", "event:page", ["/"], |]]}`), []);
  assert.deepEqual(labels(`{${BASE}, "filters": [["is", "event:page", ["/"], {|}]]}`), ["case_sensitive"]);
});

test("inside has_done: no behavioral operator, event dimensions only", () => {
  const operators = labels(`{${BASE}, "filters": [["has_done", ["|"]]]}`);
  assert.ok(operators.includes("is") && !operators.includes("has_done") && !operators.includes("has_not_done"));
  const dimensions = labels(`{${BASE}, "filters": [["has_done", ["is", "|"]]]}`);
  assert.ok(dimensions.includes("event:goal") && dimensions.every((d) => d.startsWith("event:")));
});

test("order_by: what the query selects, then a direction", () => {
  const text = `{${BASE}, "dimensions": ["visit:country"], "order_by": [|]}`;
  assert.deepEqual(labels(text), ["visitors", "visit:country"]);
  assert.equal(option(text, "visitors").insert, '["visitors", "${}"]');
  assert.deepEqual(labels(`{${BASE}, "order_by": [["visitors", "|"]]}`), ["asc", "desc"]);
});

test("include and pagination keys", () => {
  assert.deepEqual(labels(`{${BASE}, "include": {|}}`), ["imports", "time_labels", "total_rows"]);
  assert.equal(option(`{${BASE}, "include": {|}}`, "imports").insert, '"imports": ${true}');
  assert.deepEqual(labels(`{${BASE}, "pagination": {"limit": 5, |}}`), ["offset"]);
  assert.deepEqual(labels(`{${BASE}, "pagination": {"limit": |}}`), ["10000"]);
});

test("date ranges with the days they cover", () => {
  const found = complete('{"site_id": "shop.dummy.site", "date_range": "|"}').options;
  assert.equal(found.find((o) => o.label === "7d").detail, "2026-10-26 to 2026-11-01");
  assert.match(found.find((o) => o.label === "7d").info, /America\/New_York, the site's timezone/);
  assert.equal(option('{"date_range": "14d|"}', "14d").detail, "2026-10-19 to 2026-11-01");
  assert.ok(labels('{"date_range": |}').includes('["2026-10-01", "2026-10-31"]'));
});

test("the days a range covers say whose clock they are counted by", () => {
  const [text, pos] = marked('{"site_id": "dummy.site", "date_range": "|"}');
  const slot = slotAt(text, pos);
  const named = new Completer({ paths, data, clock: CLOCK, clockName: "examples' clock" }).completionsAt(slot);
  const seven = named.options.find((o) => o.label === "7d");
  assert.equal(seven.detail, "2026-10-26 to 2026-11-01 (examples' clock)");
  assert.match(seven.info, /Under the examples' clock 2026-11-02 14:30 UTC: \*\*2026-10-26 to 2026-11-01\*\*/);
});

test("info is Markdown with a link into the reference", () => {
  assert.match(option('{"metrics": ["|"]}', "visitors").info, /\[Reference\]\(reference\/metrics\/#metric-visitors\)/);
});
