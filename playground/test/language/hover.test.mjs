import assert from "node:assert/strict";
import { test } from "node:test";
import { hoverDocs } from "../../src/language/hover.js";
import { renderMarkdown } from "../../src/language/markdown.js";
import { BASE, CLOCK, data, marked, paths } from "../helpers.mjs";

const hover = (text, clock = CLOCK) => hoverDocs(...marked(text), { paths, data, clock })?.markdown ?? null;

test("a metric shows its own entry, facts and reference link", () => {
  const docs = hover('{"metrics": ["visi|tors"]}');
  assert.match(docs, /^\*\*Unique visitors\*\* \(`visitors`\)/);
  assert.match(docs, /value: integer · scope: either/);
  assert.match(docs, /\[Reference\]\(reference\/metrics\/#metric-visitors\)/);
});

test("a date range shows the days it covers under the clock", () => {
  assert.match(hover(`{${BASE.replace('"7d"', '"7|d"')}}`), /Under the clock 2026-11-02 14:30 UTC: \*\*2026-10-26 to 2026-11-01\*\*, in UTC, the site's timezone\./);
  assert.match(hover('{"site_id": "dummy.site", "date_range": "7|d"}', "2026-12-01T10:00:00Z"), /\*\*2026-11-24 to 2026-11-30\*\*/);
  assert.match(hover('{"date_range": "1|4d"}'), /\*\*Nd\*\* \(`14d`\)[\s\S]*2026-10-19 to 2026-11-01[\s\S]*may differ/);
});

test("a dimension inside a filter shows that dimension", () => {
  const docs = hover(`{${BASE}, "filters": [["is", "event:pa|ge", ["/"]]]}`);
  assert.match(docs, /^\*\*Page\*\* \(`event:page`\)/);
  assert.doesNotMatch(docs, /Any dimension except/);
});

test("operators, keys and clauses", () => {
  assert.match(hover(`{${BASE}, "filters": [["is_n|ot", "event:page", ["/"]]]}`), /^\*\*is not\*\* \(`is_not`\)/);
  assert.match(hover('{"date_ra|nge": "7d"}'), /^\*\*Date range\*\* \(`date_range`\)/);
  assert.match(hover(`{${BASE}, "filters": [["is", "event:page", ["/|"]]]}`), /^\*\*Clauses\*\*/);
});

test("nothing between tokens", () => {
  assert.equal(hover('{"metrics": |["visitors"]}'), null);
});

test("the reader's value cannot become a link in the hover", () => {
  const lure = "event:props:a`**[Session expired](//evil.example)**`";
  const docs = hover(`{${BASE}, "dimensions": ["${lure.replace("a`", "a|`")}"]}`);
  const html = renderMarkdown(docs, { base: "https://docs.example.org/" });
  assert.match(html, /^<strong>event:props:&lt;name&gt;<\/strong> \(<code>event:props:a[^<]*<\/code>\)/);
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(hrefs.every((href) => href.startsWith("https://docs.example.org/")), hrefs.join());
  assert.doesNotMatch(html, /<strong>\[Session/);
});
