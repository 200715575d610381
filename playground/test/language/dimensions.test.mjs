import assert from "node:assert/strict";
import { test } from "node:test";
import { filterableDimensions } from "../../src/language/dimensions.js";
import { data, schema } from "../helpers.mjs";

// That the list equals the docs build's (statsref.docsgen.editor_data) is checked in Python.
test("the schema's filterable dimensions, without time dimensions or patterns", () => {
  const dimensions = filterableDimensions(schema);
  for (const name of Object.keys(data.sites["dummy.site"].values).filter((n) => n.includes(":") && !n.startsWith("event:props:"))) {
    assert.ok(dimensions.includes(name), name);
  }
  assert.ok(!dimensions.includes("time:day") && !dimensions.some((name) => name.includes("<")));
  assert.deepEqual(filterableDimensions({}), []);
});
