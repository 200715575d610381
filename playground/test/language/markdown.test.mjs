import assert from "node:assert/strict";
import { test } from "node:test";
import { renderCodeSpans, renderMarkdown, siteHref } from "../../src/language/markdown.js";

const BASE = "https://docs.example.org/stats/";

test("code, strong and emphasis", () => {
  assert.equal(renderMarkdown("Use `7d` **not** *today*"), "Use <code>7d</code> <strong>not</strong> <em>today</em>");
});

test("everything is escaped, code spans too", () => {
  assert.equal(renderMarkdown("<b> `<i>`"), "&lt;b&gt; <code>&lt;i&gt;</code>");
});

test("paragraphs on request", () => {
  assert.equal(renderMarkdown("a\n\nb", { inline: false }), "<p>a</p><p>b</p>");
});

test("links into the site are resolved against its root", () => {
  const html = renderMarkdown("[Metrics](reference/metrics/#metric-visitors)", { base: BASE });
  assert.equal(html, '<a href="https://docs.example.org/stats/reference/metrics/#metric-visitors">Metrics</a>');
});

test("links anywhere else keep only their label", () => {
  for (const href of [
    "https://www.geonames.org/",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,x",
    "mailto:a@b.c",
    "/other/",
    "../../outside/",
    "java\tscript:alert(1)",
  ]) {
    const html = renderMarkdown(`[label](${href})`, { base: BASE });
    assert.ok(!html.includes("<a") && html.includes("label"), href);
  }
});

test("without a base no link is kept", () => {
  assert.equal(renderMarkdown("[Metrics](reference/metrics/)"), "Metrics");
});

test("siteHref accepts only what stays under the base path", () => {
  assert.equal(siteHref("reference/", BASE), `${BASE}reference/`);
  assert.equal(siteHref("/stats/reference/", BASE), `${BASE}reference/`);
  assert.equal(siteHref("/reference/", BASE), null);
  assert.equal(siteHref("reference/../x/", BASE), `${BASE}x/`);
  assert.equal(siteHref("#anchor", BASE), `${BASE}#anchor`);
});

test("engine and server messages: code spans at most", () => {
  const message = 'Invalid filter "**x**" [a](javascript:alert(1)) `<img src=x>`';
  assert.equal(
    renderCodeSpans(message),
    "Invalid filter &quot;**x**&quot; [a](javascript:alert(1)) <code>&lt;img src=x&gt;</code>",
  );
});
