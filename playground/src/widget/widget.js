// One runnable query widget. It starts as a static view of the query (cheap, readable without
// the editor) and turns into a CodeMirror editor on the first focus, click or Run.
//
// Nothing heavy loads until the reader asks for it: an unedited example answers from its
// documented response (which CI proves equal to the engine's answer), and the Python runtime
// starts only for an edited query's Run, or on the Playground page once the reader edits.
//
// This file holds the widget's state and its layout; its methods come from one module per
// concern, which share that state through `this`:
//   toolbar.js  the example picker, the toolbar with "Run on", and the live API's form
//   editing.js  the editor, the query's text, and what an edit sets off
//   modes.js    the JSON and Builder views, kept in step
//   actions.js  Format, Reset, Copy, Copy as, switching examples; notes under the toolbar
//   address.js  the query's link and the Playground page's address
//   run.js      Run and the answer
//   panels.js   the answer's tabs, the hint before a Run with the clock switch, progress
//   sites.js    the Playground page's sites file, and what a link made with one needs
//   words.js    the query in words, under the editor
// (query.js reads the query text as JSON for them.)
import { h } from "../lib/dom.js";
import { loadSitesFile } from "../lib/settings.js";
import { Clock } from "../runners/clock.js";
import { actions } from "./actions.js";
import { address } from "./address.js";
import { editing } from "./editing.js";
import { modes } from "./modes.js";
import { panels } from "./panels.js";
import { sameQuery } from "./query.js";
import { run } from "./run.js";
import { sites } from "./sites.js";
import { toolbar } from "./toolbar.js";
import { words } from "./words.js";

export class Widget {
  /**
   * `shared`: {examples, python, schema(), editorData(), siteRoot, valueTypes(), loadEditor(),
   * loadBuilder(), server(), targets, saveData, defaultNow, playgroundUrl}; `options`: {example (or null), full
   * (the Playground page), text (initial query text), clock ("pinned" or "now"), linkSites (when
   * the page was opened with a link to this widget: `{marker}`, the sites file it was made with,
   * `{name, hash}` or null for the demo sites)}.
   */
  constructor(container, shared, { example, full, text, clock = "pinned", linkSites = null }) {
    this.container = container;
    this.shared = shared;
    this.full = full;
    this.example = example;
    this.runner = this.choice().runner; // what Run uses: the reader's choice (toolbar.js)
    this.server = { local: false, proxy: false };
    this.editor = null;
    this.activating = null;
    this.warmTimer = null;
    this.text = text;
    this.initialText = text; // what Reset restores when the widget shows no example
    this.clock = new Clock(shared.defaultNow, clock);
    this.editorData = null; // assets/editor.json, once the editor loads
    // The reader's sites file (the Playground page only), and what the page's link asks for.
    this.sitesFile = full ? loadSitesFile() : null;
    this.linkSites = full ? linkSites : null;
    this.build();
    this.watchChoice();
    shared.python.onStatus(() => {
      this.showEngineStatus();
      this.showWords();
    });
    shared.server().then((server) => this.useServer(server));
  }

  /** The instant the mock runners answer under: the examples' clock unless the reader chose now. */
  now() {
    return this.clock.iso();
  }

  /** Whether the query is still the example's own (or, without an example, the initial one). */
  unedited() {
    const text = this.getText();
    return this.example ? sameQuery(text, this.example.query) : text === this.initialText;
  }

  build() {
    this.staticView = h("pre", { class: "sr-pg-static", tabindex: "0", "aria-label": "Query (click to edit)" }, this.text);
    for (const event of ["focus", "pointerdown"]) {
      this.staticView.addEventListener(event, () => this.activate({ focus: true }));
    }
    this.editorHost = h("div", { class: "sr-pg-editor" }, this.staticView);
    this.builderHost = h("div", { class: "sr-pg-builderhost" });
    this.engineNote = h("p", { class: "sr-pg-hint sr-pg-engine-note", role: "status", hidden: true });
    this.progress = h("div", { class: "sr-pg-progress", hidden: true, role: "status" },
      h("progress", { max: String(this.shared.python.stages), value: "0" }), h("span", {}));
    this.clockSwitch = h("button", { type: "button", class: "sr-pg-btn sr-pg-clock", onclick: () => this.toggleClock() },
      this.clock.switchLabel());
    this.responsePanel = h("div", { class: "sr-pg-panel", role: "tabpanel" }, this.runHint());
    this.examplePanel = h("div", { class: "sr-pg-panel", role: "tabpanel" });
    this.tabs = h("div", { class: "sr-pg-tabs", role: "tablist" });
    // Two halves: the query and its controls, then the answer. The Playground page shows them
    // side by side on a wide screen (playground.css).
    const root = h("div", { class: `sr-pg${this.full ? " sr-pg-full" : ""}` },
      h("div", { class: "sr-pg-input" },
        this.full ? this.buildPicker() : null,
        h("div", { class: "sr-pg-queryhead" }, h("span", { class: "sr-pg-label" }, "Query"), this.buildViewSwitch()),
        h("div", { class: "sr-pg-views" }, h("div", { class: "sr-pg-panes" }, this.builderHost, this.editorHost)),
        this.engineNote,
        this.buildToolbar(),
        this.buildWords(),
        this.full ? this.buildSitesControl() : null,
        this.buildRunnerHelp(),
        this.buildLiveForm(),
        this.progress),
      h("div", { class: "sr-pg-output" },
        this.tabs,
        this.responsePanel,
        this.examplePanel));
    this.showExample();
    this.showWords();
    this.container.replaceChildren(root);
    this.container.classList.add("sr-pg-enhanced");
  }
}

/** Give `Class` the methods of each concern; a name defined twice is a mistake, not an override. */
function compose(Class, ...concerns) {
  for (const concern of concerns) {
    for (const name of Object.keys(concern)) {
      if (name in Class.prototype) throw new Error(`${Class.name}.${name} is defined twice`);
    }
    Object.assign(Class.prototype, concern);
  }
}

compose(Widget, toolbar, editing, modes, actions, address, run, panels, sites, words);
