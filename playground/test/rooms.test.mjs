// The rooms of src/ and the order README.md's "Modules" lists them in: a module imports from its
// own room or from rooms after it, never from one before (pages/ composes the rest, lib/ uses
// none). A new room takes its place in ROOMS.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOMS = ["pages", "widget", "builder", "editor", "language", "views", "runners", "lib"];
const SRC = fileURLToPath(new URL("../src/", import.meta.url));
const IMPORT = /(?:from|import\()\s*"(\.[^"]+)"/g;

test("src/ holds rooms only, each listed", () => {
  const entries = readdirSync(SRC, { withFileTypes: true });
  assert.deepEqual(entries.filter((e) => !e.isDirectory()).map((e) => e.name), []);
  assert.deepEqual(entries.map((e) => e.name).sort(), [...ROOMS].sort());
});

test("a room imports only from itself and the rooms after it", () => {
  const upward = [];
  for (const room of ROOMS) {
    for (const file of readdirSync(path.join(SRC, room)).filter((f) => f.endsWith(".js"))) {
      for (const [, spec] of readFileSync(path.join(SRC, room, file), "utf8").matchAll(IMPORT)) {
        const target = path.relative(SRC, path.resolve(SRC, room, spec)).split(path.sep)[0];
        if (ROOMS.indexOf(target) < ROOMS.indexOf(room)) upward.push(`${room}/${file} -> ${spec}`);
      }
    }
  }
  assert.deepEqual(upward, []);
});
