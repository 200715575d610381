import assert from "node:assert/strict";
import { test } from "node:test";
import { applyEdits, changeBetween, rangeAt, removeAt, setAt } from "../../src/builder/edits.js";

const QUERY = `{
    "site_id":   "dummy.site",
    "metrics": ["visitors",  "pageviews"],
    "date_range": "7d",
    "filters": [
        ["is", "visit:country", ["DE"]]
    ]
}`;

test("a value is replaced where it stands, nothing else moves", () => {
  const edited = setAt(QUERY, ["date_range"], "30d");
  assert.equal(edited, QUERY.replace('"7d"', '"30d"'));
  assert.equal(setAt(QUERY, ["filters", 0, 2, 0], "FR"), QUERY.replace('["DE"]', '["FR"]'));
});

test("an item joins the end of its array, spaced like its siblings", () => {
  assert.equal(setAt(QUERY, ["metrics", 2], "visits"), QUERY.replace('"pageviews"]', '"pageviews", "visits"]'));
  const filter = ["is", "event:page", ["/"]];
  assert.equal(
    setAt(QUERY, ["filters", 1], filter),
    QUERY.replace('["DE"]]\n', '["DE"]],\n        ["is", "event:page", ["/"]]\n'),
  );
});

test("a new key goes last, on a line of its own with the others' indent", () => {
  const edited = setAt(QUERY, ["dimensions"], ["visit:source"]);
  assert.equal(edited, QUERY.replace("    ]\n}", '    ],\n    "dimensions": ["visit:source"]\n}'));
  assert.deepEqual(JSON.parse(edited).dimensions, ["visit:source"]);
});

test("the containers on the way are made", () => {
  const edited = setAt('{"metrics": ["visitors"]}', ["include", "imports"], true);
  assert.equal(edited, '{"metrics": ["visitors"], "include": {"imports": true}}');
  assert.equal(setAt("{}", ["site_id"], "x"), '{\n  "site_id": "x"\n}');
  assert.equal(setAt('{"a": []}', ["a", 0], 1), '{"a": [1]}');
});

test("a long value is laid out one item a line at its place", () => {
  const long = ["or", [["is", "visit:country", ["DE", "FR", "GB", "US"]], ["contains", "event:page", ["/blog"]]]];
  const edited = setAt(QUERY, ["filters", 1], long);
  assert.deepEqual(JSON.parse(edited).filters[1], long);
  assert.match(edited, /\n {8}\[\n {10}"or",\n/);
});

test("a removed key or item takes one comma with it", () => {
  assert.equal(removeAt(QUERY, ["metrics", 0]), QUERY.replace('"visitors",  ', ""));
  assert.equal(removeAt(QUERY, ["metrics", 1]), QUERY.replace(',  "pageviews"', ""));
  assert.equal(removeAt(QUERY, ["site_id"]), QUERY.replace('"site_id":   "dummy.site",\n    ', ""));
  assert.equal(removeAt(QUERY, ["filters"]), QUERY.replace(/,\n {4}"filters": \[\n.*\n {4}\]/, ""));
  assert.equal(removeAt(QUERY, ["filters", 0]), QUERY.replace(/\[\n.*\n {4}\]/, "[]"));
  assert.equal(removeAt(QUERY, ["nothing"]), QUERY);
});

test("a repeated key is the last one, as JSON.parse reads it", () => {
  assert.equal(setAt('{"a": 1, "a": 2}', ["a"], 3), '{"a": 1, "a": 3}');
});

test("edits apply in turn; the change between two texts is the part that differs", () => {
  const edited = applyEdits(QUERY, [{ path: ["include", "imports"], value: true }, { path: ["filters"] }]);
  assert.deepEqual(JSON.parse(edited).include, { imports: true });
  assert.equal(JSON.parse(edited).filters, undefined);
  assert.deepEqual(changeBetween("abcXdef", "abcYYdef"), { from: 3, to: 4, insert: "YY" });
  assert.deepEqual(changeBetween("aa", "aaa"), { from: 2, to: 2, insert: "a" });
  assert.deepEqual(changeBetween("same", "same"), { from: 4, to: 4, insert: "" });
});

test("no edit of what is not there to edit", () => {
  assert.throws(() => setAt('{"a": [1]}', ["a", 5], 2), /no item 5/);
  assert.throws(() => setAt('{"a": 1}', ["a", "b"], 2), /no container/);
  assert.throws(() => setAt("[1]", [0], 2), /JSON object/);
});

/** Every place of a JSON value: the paths of its keys and items, containers first. */
function places(value, path = []) {
  if (value === null || typeof value !== "object") return [path];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [path, ...keys.flatMap((key) => places(value[key], [...path, key]))];
}

/** `value` without the key or item at `path`. */
function without(value, path) {
  const copy = structuredClone(value);
  const parent = path.slice(0, -1).reduce((node, key) => node[key], copy);
  if (Array.isArray(parent)) parent.splice(path.at(-1), 1);
  else delete parent[path.at(-1)];
  return copy;
}

test("on every example as written, an edit changes that place and keeps the rest of the text", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const { valueAtPath, withValueAt } = await import("../../src/language/schema-paths.js");
  const root = new URL("../../../examples/", import.meta.url);
  const slugs = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  let checked = 0;
  for (const slug of slugs) {
    const text = readFileSync(new URL(`${slug}/query.json`, root), "utf8");
    const query = JSON.parse(text);
    for (const path of places(query).filter((p) => p.length)) {
      const removed = removeAt(text, path);
      assert.deepEqual(JSON.parse(removed), without(query, path), `${slug} ${path}`);
      const replaced = setAt(text, path, "x");
      assert.deepEqual(JSON.parse(replaced), withValueAt(query, path, "x"), `${slug} ${path}`);
      const { from, to } = changeBetween(text, replaced);
      const place = rangeAt(text, path);
      assert.ok(place.from <= from && to <= place.to, `${slug} ${path}: only the value changes`);
      const parent = valueAtPath(query, path.slice(0, -1));
      if (Array.isArray(parent)) {
        const appended = setAt(text, [...path.slice(0, -1), parent.length], "y");
        assert.deepEqual(JSON.parse(appended), withValueAt(query, [...path.slice(0, -1), parent.length], "y"));
      }
      checked++;
    }
  }
  assert.ok(checked > 300, checked);
});
