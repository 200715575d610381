import assert from "node:assert/strict";
import { test } from "node:test";
import { engineProblems, mergeProblems, parseProblem, toPointer } from "../../src/language/diagnostics.js";

test("pointers escape ~ and /", () => {
  assert.equal(toPointer(["filters", 0, "a/b~c"]), "/filters/0/a~1b~0c");
  assert.equal(toPointer([]), "");
});

test("the API's multi-line message becomes one problem per line", () => {
  const verdict = { message: "#/metrics/0: Invalid metric \"x\"\n#/foo: Schema does not allow additional properties.", pointer: "/metrics/0" };
  assert.deepEqual(engineProblems(verdict, "engine"), [
    { pointer: "/metrics/0", message: 'Invalid metric "x"', source: "engine", hint: null },
    { pointer: "/foo", message: "Schema does not allow additional properties.", source: "engine", hint: null },
  ]);
  const rule = { message: "Invalid filters.", pointer: "/filters/0", hint: "Move it." };
  assert.deepEqual(engineProblems(rule, "engine"), [
    { pointer: "/filters/0", message: "Invalid filters.", source: "engine", hint: "Move it." },
  ]);
  assert.deepEqual(engineProblems(null, "engine"), []);
});

test("where the engine and the schema both object, the engine's message stays, at the finer place, the schema's words as its hint", () => {
  const schema = [
    { pointer: "/filters/0/0", message: "`iss` is not a filter operator.", source: "schema" },
    { pointer: "/date_range", message: "`8 days` is not a date range.", source: "schema" },
  ];
  const engine = [{ pointer: "/filters/0", message: "Invalid filter [...]", source: "engine", hint: null }];
  assert.deepEqual(mergeProblems(schema, engine), [
    schema[1],
    { pointer: "/filters/0/0", message: "Invalid filter [...]", source: "engine", hint: "`iss` is not a filter operator." },
  ]);
});

test("a rule's own hint stays, whatever the schema says", () => {
  const schema = [{ pointer: "/order_by/0/0", message: "`x` cannot be sorted by.", source: "schema" }];
  const engine = [{ pointer: "/order_by/0", message: "Invalid order_by entry", source: "engine", hint: "Sort by visitors." }];
  assert.equal(mergeProblems(schema, engine)[0].hint, "Sort by visitors.");
});

test("text that is not JSON gets one plain message where it breaks", () => {
  assert.deepEqual(parseProblem('{"a": 1,}'), { from: 8, message: "Not valid JSON here: remove the comma before the closing bracket." });
  assert.match(parseProblem('{"a" 1}').message, /^Not valid JSON here: expected ':' after property name\.$/);
  assert.match(parseProblem("").message, /ends too early/);
  assert.equal(parseProblem('{"a": 1}'), null);
});
