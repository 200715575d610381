import assert from "node:assert/strict";
import { test } from "node:test";
import { hoverTexts } from "../src/hover.js";

const metric = {
  title: "Metric",
  description: "A number the API can compute.",
  oneOf: [
    { const: "visitors", title: "Unique visitors", description: "Distinct visitors.", "x-value-type": "integer", "x-scope": "either" },
    { const: "conversion_rate", title: "Conversion rate", description: "Share.", "x-requires": ["an `event:goal` filter"] },
  ],
};

test("a listed value shows its own entry", () => {
  const texts = hoverTexts(() => '{"metrics": ["visitors"]}')({ schema: metric, pointer: "/metrics/0" });
  assert.match(texts.message, /\*\*Unique visitors\*\* \(`visitors`\)/);
  assert.match(texts.message, /Distinct visitors\./);
  assert.equal(texts.typeInfo, "value: integer · scope: either");
});

test("requirements are spelled out", () => {
  const texts = hoverTexts(() => '{"metrics": ["conversion_rate"]}')({ schema: metric, pointer: "/metrics/0" });
  assert.match(texts.message, /Requires an `event:goal` filter\./);
});

test("anything else shows the schema's title and description", () => {
  const texts = hoverTexts(() => "{not json")({ schema: metric, pointer: "/metrics/0" });
  assert.equal(texts.message, "**Metric**\n\nA number the API can compute.");
});

test("the reader's value cannot leave its code span", () => {
  const props = { oneOf: [{ pattern: "^event:props:.+$", title: "Custom property" }] };
  const text = '{"dimensions": ["event:props:a`**[Session expired](//evil.example)**`"]}';
  const texts = hoverTexts(() => text)({ schema: props, pointer: "/dimensions/0" });
  assert.equal(texts.message.split("`").length, 3);
});
