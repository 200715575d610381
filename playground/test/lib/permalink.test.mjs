import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_FRAGMENT, decodeFragment, encodeFragment, linkSize } from "../../src/lib/permalink.js";

test("a query survives the round trip, compacted, with its example", () => {
  const fragment = encodeFragment('{\n  "metrics": ["visitors"],\n  "site_id": "ünïcode.site"\n}', { example: "simple" });
  assert.match(fragment, /^#q=[A-Za-z0-9_-]+&ex=simple$/);
  const { text, example, clock } = decodeFragment(fragment);
  assert.equal(text, '{"metrics":["visitors"],"site_id":"ünïcode.site"}');
  assert.equal(example, "simple");
  assert.equal(clock, "pinned");
});

test("the reader's clock travels when it is now", () => {
  const fragment = encodeFragment("{}", { clock: "now" });
  assert.match(fragment, /&clock=now$/);
  assert.equal(decodeFragment(fragment).clock, "now");
  assert.equal(decodeFragment(fragment).example, null);
});

test("a sites file travels as its name and hash, never its text", () => {
  const fragment = encodeFragment('{"site_id": "acme.test"}', { sites: { name: "acme.toml", hash: "0a1b2c3d4e5f" } });
  assert.match(fragment, /&sites=acme\.toml&sites_hash=0a1b2c3d4e5f$/);
  assert.deepEqual(decodeFragment(fragment).sites, { name: "acme.toml", hash: "0a1b2c3d4e5f" });
  const unhashed = encodeFragment("{}", { sites: { name: "my sites.toml", hash: null } });
  assert.deepEqual(decodeFragment(unhashed).sites, { name: "my sites.toml", hash: null });
  assert.equal(decodeFragment(encodeFragment("{}")).sites, null); // the demo sites
});

test("text that is not JSON yet is kept as typed", () => {
  assert.equal(decodeFragment(encodeFragment('{"metrics": [')).text, '{"metrics": [');
});

test("a query too long for a link is refused", () => {
  const long = JSON.stringify({ filters: [["is", "event:page", Array.from({ length: 2000 }, (_, i) => `/p/${i}`)]] });
  assert.equal(encodeFragment(long), null);
  assert.match(linkSize(long), /^\d+\.\d KB$/);
  assert.ok(MAX_FRAGMENT <= 8192);
});

test("fragments without a query, or with a broken one, give null", () => {
  assert.equal(decodeFragment("#section-anchor"), null);
  assert.equal(decodeFragment(""), null);
  assert.equal(decodeFragment("#q=%%%"), null);
});
