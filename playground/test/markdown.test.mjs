import assert from "node:assert/strict";
import { test } from "node:test";
import { codeSpan, renderCodeSpans, renderMarkdown, sitePageHref } from "../src/markdown.js";

test("links to this site's pages stay links", () => {
  for (const url of ["#filters", "../reference/metrics/", "./errors/#x", "metrics/?a=1"]) {
    assert.ok(sitePageHref(url), url);
  }
  assert.equal(
    renderMarkdown("See [metrics](../reference/metrics/)."),
    'See <a href="../reference/metrics/">metrics</a>.',
  );
});

test("any other target shows the label as text", () => {
  const targets = [
    "//evil.example/login",
    "/\\evil.example/login",
    "\\\\evil.example",
    "https://evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/guide/",
    "\u0001//evil.example",
  ];
  for (const url of targets) {
    assert.ok(!sitePageHref(url), url);
    const html = renderMarkdown(`[Session expired: log in again](${url})`);
    assert.ok(!html.includes("<a"), html);
    assert.ok(html.startsWith("Session expired: log in again"), html);
  }
});

test("a schema linter message quoting the reader's dimension links nowhere", () => {
  const message = '#/dimensions/0: Invalid dimension "[Session expired: log in again](//evil.example/login)"';
  assert.ok(!renderMarkdown(message).includes("<a"));
});

test("messages that echo the query keep only their code spans", () => {
  const message = "Metric `visitors` [x](../page) **bold** <img src=x onerror=alert(1)>";
  assert.equal(
    renderCodeSpans(message),
    "Metric <code>visitors</code> [x](../page) **bold** &lt;img src=x onerror=alert(1)&gt;",
  );
});

test("a value becomes one code span whatever backticks it holds", () => {
  const value = "event:props:a`[x](../evil)`";
  assert.equal(renderMarkdown(codeSpan(value)), `<code>event:props:a\u02cb[x](../evil)\u02cb</code>`);
});
