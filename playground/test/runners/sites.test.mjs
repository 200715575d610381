import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { sitesMarker, sitesMismatch, textHash } from "../../src/runners/sites.js";

const acme = { name: "acme.toml", hash: "0a1b2c3d4e5f" };

test("a file's hash is the start of the SHA-256 of its text", async () => {
  const text = '[[sites]]\ndomain = "acme.test"\n';
  assert.equal(await textHash(text), createHash("sha256").update(text).digest("hex").slice(0, 12));
});

test("a link's marker names the file and its hash, null for the demo sites", () => {
  assert.deepEqual(sitesMarker({ name: "acme.toml", text: "…", hash: "0a1b2c3d4e5f", sites: {} }), acme);
  assert.equal(sitesMarker(null), null);
});

test("a link runs on the sites it was made with only", () => {
  assert.equal(sitesMismatch(null, null), null);
  assert.equal(sitesMismatch(acme, { ...acme }), null);
  assert.equal(sitesMismatch(acme, { ...acme, hash: null }), null); // no Web Crypto: the name decides
  assert.equal(sitesMismatch(acme, null), "This link was made with the sites file acme.toml: load it to run the query.");
  assert.equal(
    sitesMismatch(acme, { name: "other.toml", hash: "ffffffffffff" }),
    "This link was made with the sites file acme.toml, not other.toml: load it to run the query.",
  );
  assert.match(sitesMismatch(acme, { ...acme, hash: "ffffffffffff" }), /as it was then \(0a1b2c3d4e5f\); the one loaded differs \(ffffffffffff\)/);
  assert.equal(
    sitesMismatch(null, acme),
    "This link was made with the demo sites, not the sites file acme.toml: use the demo sites to run the query.",
  );
});
