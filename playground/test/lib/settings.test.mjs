import assert from "node:assert/strict";
import { test } from "node:test";
import { bindKey, keyFor, loadLive, onKeyChange, saveViaProxy } from "../../src/lib/settings.js";

class MemoryStorage {
  items = new Map();
  getItem = (key) => this.items.get(key) ?? null;
  setItem = (key, value) => this.items.set(key, String(value));
  removeItem = (key) => this.items.delete(key);
}

globalThis.sessionStorage = new MemoryStorage();
globalThis.window = new EventTarget();

test("a key is kept under the origin it was typed for, and looked up by origin only", () => {
  bindKey("https://plausible.io", "real-key");
  bindKey("https://stats.example.com", "instance-key");
  const { keys } = loadLive();
  assert.equal(keyFor(keys, "https://plausible.io"), "real-key");
  assert.equal(keyFor(keys, "https://stats.example.com"), "instance-key");
  assert.equal(keyFor(keys, "http://127.0.0.1:8000"), "");
  assert.equal(keyFor(keys, "constructor"), "");
  assert.equal(keyFor(keys, null), "");
  bindKey("https://plausible.io", "");
  assert.deepEqual(loadLive().keys, { "https://stats.example.com": "instance-key" });
});

test("a key stored before keys were bound has no origin, so it is dropped", () => {
  sessionStorage.setItem("statsref.playground.live", JSON.stringify({ key: "old-key", viaProxy: true }));
  assert.deepEqual(loadLive(), { keys: {}, viaProxy: true });
  sessionStorage.setItem("statsref.playground.live", JSON.stringify({ keys: { "https://a.example": 42, "https://b.example": "k" } }));
  assert.deepEqual(loadLive().keys, { "https://b.example": "k" });
});

test("binding a key or ticking the proxy tells every key field", () => {
  let told = 0;
  onKeyChange(() => told++);
  bindKey("https://plausible.io", "k");
  saveViaProxy(true);
  assert.equal(told, 2);
  assert.equal(loadLive().viaProxy, true);
  assert.equal(keyFor(loadLive().keys, "https://plausible.io"), "k");
});
