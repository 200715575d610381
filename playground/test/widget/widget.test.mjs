import assert from "node:assert/strict";
import { test } from "node:test";
import { actions } from "../../src/widget/actions.js";
import { address } from "../../src/widget/address.js";
import { editing } from "../../src/widget/editing.js";
import { modes } from "../../src/widget/modes.js";
import { panels } from "../../src/widget/panels.js";
import { run } from "../../src/widget/run.js";
import { sites } from "../../src/widget/sites.js";
import { toolbar } from "../../src/widget/toolbar.js";
import { Widget } from "../../src/widget/widget.js";
import { words } from "../../src/widget/words.js";

// Importing widget.js already proves that no two concerns define the same method (compose throws).
test("the widget's methods are its concerns' own", () => {
  for (const concern of [actions, address, editing, modes, panels, run, sites, toolbar, words]) {
    for (const [name, method] of Object.entries(concern)) assert.equal(Widget.prototype[name], method, name);
  }
});

test("what the pages call on a widget is there", () => {
  // pages/playground.js activates the Playground page's editor; pages/migrate.js reads the
  // runner and the clock and puts the converted query in.
  for (const name of ["activate", "now", "setText", "getText", "run"]) {
    assert.equal(typeof Widget.prototype[name], "function", name);
  }
});
