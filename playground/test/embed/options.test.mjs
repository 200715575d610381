import assert from "node:assert/strict";
import { test } from "node:test";
import { readClock, readHeight, readOptions } from "../../src/embed/options.js";

const BUILD = { sites: ["dummy.site", "shop.dummy.site"], clock: "2026-11-02T14:30:00+00:00" };
const QUERY = '{"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}';
const read = (attrs, text = QUERY, script = null) => readOptions(attrs, text, script, BUILD);

test("without attributes: the examples' clock, auto theme, the query formatted as the docs show it", () => {
  const options = read({});
  assert.equal(options.pinned, BUILD.clock);
  assert.equal(options.theme, "auto");
  assert.equal(options.height, null);
  assert.equal(options.example, null);
  assert.deepEqual(options.problems, []);
  assert.equal(options.text, '{\n  "site_id": "dummy.site",\n  "metrics": ["visitors"],\n  "date_range": "7d"\n}');
});

test("data-site puts the query on that demo site, in place or first", () => {
  assert.equal(JSON.parse(read({ "data-site": "shop.dummy.site" }).text).site_id, "shop.dummy.site");
  const added = read({ "data-site": "shop.dummy.site" }, '{"metrics": ["visitors"]}');
  assert.deepEqual(Object.keys(JSON.parse(added.text)), ["site_id", "metrics"]);
});

test("each bad attribute is named, and its default used", () => {
  const options = read({ "data-site": "example.com", "data-clock": "yesterday", "data-theme": "blue", "data-height": "tall" });
  assert.equal(JSON.parse(options.text).site_id, "dummy.site");
  assert.equal(options.pinned, BUILD.clock);
  assert.equal(options.theme, "auto");
  assert.equal(options.height, null);
  assert.deepEqual(options.problems.map((p) => p.split("=")[0]), ["data-theme", "data-clock", "data-height", "data-site"]);
  assert.match(options.problems[3], /not one of the demo sites \(dummy\.site, shop\.dummy\.site\)/);
});

test("a pinned clock is read as an instant, in UTC to the second", () => {
  assert.equal(readClock("2026-01-15T09:00:00+01:00"), "2026-01-15T08:00:00+00:00");
  assert.equal(readClock("2026-01-15T09:00Z"), "2026-01-15T09:00:00+00:00");
  assert.equal(readClock("2026-01-15"), null); // a day is not an instant
  assert.equal(readClock("2026-13-45T09:00:00Z"), null);
  assert.equal(read({ "data-clock": " 2026-01-15T09:00:00Z " }).pinned, "2026-01-15T09:00:00+00:00");
});

test("a height is a CSS length; a bare number is pixels", () => {
  assert.equal(readHeight("320"), "320px");
  assert.equal(readHeight("20em"), "20em");
  assert.equal(readHeight("12.5rem"), "12.5rem");
  for (const bad of ["0", "-3px", "50%", "20 em", "calc(1px)"]) assert.equal(readHeight(bad), null, bad);
});

test("themes are light, dark or auto, whatever their case", () => {
  assert.equal(read({ "data-theme": " Dark" }).theme, "dark");
  assert.equal(read({ "data-theme": "light" }).theme, "light");
});

test("the documented response becomes the widget's example, under the pinned clock", () => {
  const body = { results: [{ metrics: [3], dimensions: [] }] };
  const { example, problems } = read({ "data-clock": "2026-01-15T09:00:00Z" }, QUERY, { text: JSON.stringify(body) });
  assert.deepEqual(problems, []);
  assert.deepEqual(example, {
    slug: "", title: null, query: JSON.parse(QUERY), response: body, status: 200, now: "2026-01-15T09:00:00+00:00",
  });
});

test("a documented error is a 400 unless data-status says otherwise", () => {
  const error = JSON.stringify({ error: "Invalid metric" });
  assert.equal(read({}, QUERY, { text: error }).example.status, 400);
  assert.equal(read({}, QUERY, { text: error, status: "402" }).example.status, 402);
  const bad = read({}, QUERY, { text: error, status: "ok" });
  assert.equal(bad.example, null);
  assert.match(bad.problems[0], /^data-status="ok" is not an HTTP status/);
});

test("a broken query or response is said, and the text kept as written", () => {
  const broken = read({}, '  {"metrics": ["visitors"],  ');
  assert.equal(broken.text, '{"metrics": ["visitors"],');
  assert.match(broken.problems[0], /^The query is not valid JSON/);
  assert.match(read({}, "[1, 2]").problems[0], /must be a JSON object/);
  assert.match(read({}, "   ").problems[0], /holds no query/);
  const response = read({}, QUERY, { text: "{oops" });
  assert.equal(response.example, null);
  assert.match(response.problems[0], /^The documented response is not valid JSON/);
});
