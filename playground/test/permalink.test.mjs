import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeFragment, encodeFragment } from "../src/permalink.js";

test("a query survives the round trip, compacted, with its example", () => {
  const fragment = encodeFragment('{\n  "metrics": ["visitors"],\n  "site_id": "ünïcode.site"\n}', "simple");
  assert.match(fragment, /^#q=[A-Za-z0-9_-]+&ex=simple$/);
  const { text, example } = decodeFragment(fragment);
  assert.equal(text, '{"metrics":["visitors"],"site_id":"ünïcode.site"}');
  assert.equal(example, "simple");
});

test("text that is not JSON yet is kept as typed", () => {
  assert.equal(decodeFragment(encodeFragment('{"metrics": [', null)).text, '{"metrics": [');
});

test("fragments without a query, or with a broken one, give null", () => {
  assert.equal(decodeFragment("#section-anchor"), null);
  assert.equal(decodeFragment(""), null);
  assert.equal(decodeFragment("#q=%%%"), null);
});
