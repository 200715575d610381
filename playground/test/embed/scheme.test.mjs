import assert from "node:assert/strict";
import { test } from "node:test";
import { markupScheme } from "../../src/embed/scheme.js";

const element = (attributes = {}, classes = []) => ({ attributes, classes });
const PLAIN = element();

test("each docs tool's own way of saying its scheme is read, on <html> or <body>", () => {
  assert.equal(markupScheme([PLAIN, element({ "data-md-color-scheme": "slate" })]), "dark");
  assert.equal(markupScheme([PLAIN, element({ "data-md-color-scheme": "default" })]), "light");
  assert.equal(markupScheme([element({ "data-theme": "dark" }), PLAIN]), "dark");
  assert.equal(markupScheme([element({ "data-bs-theme": "light" }), PLAIN]), "light");
  assert.equal(markupScheme([element({}, ["no-js", "dark"]), PLAIN]), "dark");
  assert.equal(markupScheme([element({}, ["sidebar-visible", "navy"]), PLAIN]), "dark");
  assert.equal(markupScheme([element({}, ["light"]), PLAIN]), "light");
});

test("<html> speaks before <body>, and markup before the computed color-scheme", () => {
  assert.equal(markupScheme([element({ "data-theme": "light" }), element({}, ["dark"])], "dark"), "light");
  assert.equal(markupScheme([PLAIN, PLAIN], "dark"), "dark");
  assert.equal(markupScheme([PLAIN, PLAIN], " light "), "light");
});

test("a page that says nothing leaves it to the reader's preference", () => {
  assert.equal(markupScheme([PLAIN, PLAIN]), null);
  assert.equal(markupScheme([PLAIN, PLAIN], "light dark"), null);
  assert.equal(markupScheme([element({ "data-theme": "sepia", "data-md-color-scheme": "custom" }, ["wide"]), PLAIN], "normal"), null);
});
