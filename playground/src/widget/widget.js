// One runnable query widget. It starts as a static view of the query (cheap, readable without
// the editor) and turns into a CodeMirror editor on the first focus, click or Run.
//
// Nothing heavy loads until the reader asks for it: an unedited example answers from its
// documented response (which CI proves equal to the engine's answer), and the Python runtime
// starts only for an edited query's Run, or on the Playground page once the reader edits.
import { Clock, isoSeconds } from "../runners/clock.js";
import { copyText, h } from "../lib/dom.js";
import { formatJson, sameJson } from "../lib/format.js";
import { guessPointer } from "../language/locate.js";
import { MAX_FRAGMENT, encodeFragment, linkSize, permalink } from "../lib/permalink.js";
import { renderResponse } from "../views/results.js";
import { EngineError } from "../runners/pyclient.js";
import { PROXY_PATH, RUNNERS, liveEndpoint, runQuery } from "../runners/runners.js";
import { loadLive, loadRunner, saveLive, saveRunner } from "../lib/settings.js";
import { SNIPPETS, snippet } from "../lib/snippets.js";
import { currentTarget, targetPicker } from "../pages/targets.js";

const FLASH_MS = 1200;
const UNDO_MS = 10_000;
const WARM_DELAY_MS = 400;
const EDIT_DELAY_MS = 300;
const DOCUMENTED = "documented response, verified against the engine";

function flash(button, text) {
  const label = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = label), FLASH_MS);
}

function parse(text) {
  try {
    return { query: JSON.parse(text) };
  } catch (error) {
    return { problem: `The query is not valid JSON: ${error.message}` };
  }
}

/** Whether the query text is `query` (whatever its formatting). */
function sameQuery(text, query) {
  const { query: parsed } = parse(text);
  return parsed !== undefined && sameJson(parsed, query);
}

export class Widget {
  /**
   * `shared`: {examples, python, schema(), editorData(), siteRoot, valueTypes(), loadEditor(),
   * server(), targets, saveData, defaultNow, playgroundUrl}; `options`: {example (or null), full
   * (the Playground page), text (initial query text), clock ("pinned" or "now")}.
   */
  constructor(container, shared, { example, full, text, clock = "pinned" }) {
    this.container = container;
    this.shared = shared;
    this.full = full;
    this.example = example;
    this.runner = loadRunner("browser") === "live" ? "live" : "browser"; // "local" once probed
    this.server = { local: false, proxy: false };
    this.editor = null;
    this.activating = null;
    this.warmTimer = null;
    this.text = text;
    this.initialText = text; // what Reset restores when the widget shows no example
    this.clock = new Clock(shared.defaultNow, clock);
    this.build();
    shared.python.onStatus(() => this.showEngineStatus());
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

  // ---- layout -----------------------------------------------------------------------------

  build() {
    this.staticView = h("pre", { class: "sr-pg-static", tabindex: "0", "aria-label": "Query (click to edit)" }, this.text);
    for (const event of ["focus", "pointerdown"]) {
      this.staticView.addEventListener(event, () => this.activate({ focus: true }));
    }
    this.editorHost = h("div", { class: "sr-pg-editor" }, this.staticView);
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
        h("div", { class: "sr-pg-label" }, "Query"),
        this.editorHost,
        this.engineNote,
        this.buildToolbar(),
        this.buildRunnerHelp(),
        this.buildLiveForm(),
        this.progress),
      h("div", { class: "sr-pg-output" },
        this.tabs,
        this.responsePanel,
        this.examplePanel));
    this.showExample();
    this.container.replaceChildren(root);
    this.container.classList.add("sr-pg-enhanced");
  }

  buildPicker() {
    this.picker = h("select", { class: "sr-pg-picker", onchange: () => this.pick(this.picker.value) },
      h("option", { value: "" }, "Your own query"),
      this.shared.examples.map((ex) => h("option", { value: ex.slug, "data-title": ex.title }, ex.title)));
    this.picker.value = this.example?.slug ?? "";
    return h("label", { class: "sr-pg-pickerlabel" }, "Example ", this.picker);
  }

  buildToolbar() {
    const button = (label, onclick, extra = {}) => h("button", { type: "button", class: "sr-pg-btn", onclick, ...extra }, label);
    this.runButton = button("Run", () => this.run(), { class: "sr-pg-btn sr-pg-run", title: "Run (Ctrl/Cmd+Enter)" });
    this.runnerSelect = h("select", { class: "sr-pg-runner", "aria-label": "Run on", onchange: () => this.chooseRunner(this.runnerSelect.value) });
    this.fillRunners();
    const copyAs = h("select", { class: "sr-pg-copyas", "aria-label": "Copy as code",
      onchange: () => { this.copySnippet(copyAs.value, copyAs); copyAs.value = ""; } },
      h("option", { value: "" }, "Copy as…"),
      SNIPPETS.map((s) => h("option", { value: s.id }, s.label)));
    return h("div", { class: "sr-pg-toolbar" },
      this.runButton, this.runnerSelect,
      h("span", { class: "sr-pg-spacer" }),
      button("Format", () => this.format()),
      button("Reset", () => this.reset()),
      button("Copy", (e) => this.copy(e.currentTarget)),
      copyAs,
      button("Link", (e) => this.copyLink(e.currentTarget), { title: "Copy a link that reproduces this query" }),
      this.full ? null : h("a", {
        class: "sr-pg-btn sr-pg-open",
        href: this.shared.playgroundUrl,
        onclick: (e) => this.openInPlayground(e),
      }, "Open in Playground"));
  }

  /** The runners this page can offer: the local server only where the page's origin is one. */
  fillRunners() {
    const offered = RUNNERS.filter((r) => r.id !== "local" || this.server.local);
    this.runnerSelect.replaceChildren(...offered.map((r) => h("option", { value: r.id }, r.label)));
    this.runnerSelect.value = this.runner;
  }

  /** What each runner needs, said once for the runners this page cannot offer. */
  buildRunnerHelp() {
    this.localHelp = h("li", {}, h("strong", {}, "Local mock server: "),
      "serve the site with ", h("code", {}, "statsref serve"), " (", h("code", {}, "make serve"),
      ") and open it from there; this page is not served by it.");
    this.proxyHelp = h("li", {}, h("strong", {}, "Live API through a proxy: "),
      "a Stats API sends no CORS headers, so a browser cannot call it directly; ",
      h("code", {}, "statsref serve --upstream <instance>"), " forwards your query and key to it.");
    return h("details", { class: "sr-pg-help" },
      h("summary", {}, "Where can a query run?"),
      h("ul", {},
        h("li", {}, h("strong", {}, "In-browser mock: "),
          "the mock engine in this page, on the demo dataset; nothing leaves your browser."),
        this.localHelp,
        h("li", {}, h("strong", {}, "Live API: "),
          "Plausible or your own instance, with a Stats API key (account Settings, API Keys)."),
        this.proxyHelp));
  }

  buildLiveForm() {
    const live = loadLive();
    const save = () => saveLive({ key: key.value, viaProxy: proxy.checked });
    const key = h("input", { type: "password", class: "sr-pg-live-key", autocomplete: "off", placeholder: "Stats API key", value: live.key, oninput: save });
    const proxy = h("input", { type: "checkbox", class: "sr-pg-live-proxy", checked: live.viaProxy, onchange: save });
    this.proxyChoice = h("label", { class: "sr-pg-check", hidden: true }, proxy,
      " through this server's proxy (", h("code", {}, PROXY_PATH), ")");
    this.liveForm = h("form", { class: "sr-pg-live", hidden: this.runner !== "live", onsubmit: (e) => e.preventDefault() },
      h("strong", {}, "Live API"),
      this.shared.targets ? targetPicker(this.shared.targets, { note: false }) : null,
      h("label", {}, "API key ", key),
      this.proxyChoice,
      h("p", { class: "sr-pg-hint" },
        "The key stays in this tab's session storage and is sent only to that API (or to this site's proxy when ticked); it never goes into a link."));
    return this.liveForm;
  }

  useServer(server) {
    this.server = server;
    if (server.local && loadRunner("browser") === "local") this.runner = "local";
    this.fillRunners();
    this.localHelp.hidden = server.local;
    this.proxyHelp.hidden = server.proxy;
    this.proxyChoice.hidden = !server.proxy;
  }

  selectTab(which) {
    this.responsePanel.hidden = which !== "response";
    this.examplePanel.hidden = which !== "example";
    for (const tab of this.tabs.children) tab.setAttribute("aria-selected", String(tab.dataset.tab === which));
  }

  showExample() {
    const tab = (id, label) => h("button", { type: "button", role: "tab", "data-tab": id, onclick: () => this.selectTab(id) }, label);
    const documented = this.example?.response;
    this.tabs.replaceChildren(tab("response", "Response"), documented ? tab("example", "Example response") : null);
    this.examplePanel.replaceChildren(documented
      ? h("pre", { class: "sr-pg-json" }, h("code", {}, formatJson(documented)))
      : "");
    this.selectTab(documented && !this.lastResult ? "example" : "response");
  }

  // ---- editor -------------------------------------------------------------------------------

  /** Swap the static view for the editor (once); resolves when the editor is usable. */
  activate({ focus = false } = {}) {
    this.activating ??= (async () => {
      const { shared } = this;
      const [{ createEditor }, schema, data] = await Promise.all([shared.loadEditor(), shared.schema(), shared.editorData()]);
      this.editor = createEditor(this.editorHost, {
        doc: this.text,
        schema,
        data,
        siteRoot: shared.siteRoot,
        context: () => this.editorContext(),
        onRun: () => this.run(),
        onChange: () => this.edited(),
        check: (query) => this.check(query),
      });
      this.staticView.remove();
      this.container.classList.add("sr-pg-editing");
      if (this.shared.python.engineReady) this.warmSoon();
    })();
    if (focus) this.activating.then(() => this.editor.focus());
    return this.activating;
  }

  getText() {
    return this.editor ? this.editor.getText() : this.text;
  }

  setText(text) {
    this.text = text;
    if (this.editor) this.editor.setText(text);
    else this.staticView.textContent = text;
  }

  /**
   * The reader changed the query. On the Playground page that is the moment to load the
   * runtime (unless the browser asks to save data); once it runs anywhere, the rows the query
   * reads are built ahead of the next Run.
   */
  edited() {
    const { python } = this.shared;
    this.markEdited();
    if (this.runner !== "browser") return;
    if (this.full && !this.shared.saveData && !python.started) {
      python.start().catch(() => {});
      this.showEngineStatus();
    }
    if (python.started) this.warmSoon();
  }

  warmSoon() {
    clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      if (this.runner === "browser") this.shared.python.warm(this.getText(), this.now()).catch(() => {});
    }, WARM_DELAY_MS);
  }

  /**
   * The engine's semantic lint, once the runtime the reader started is ready; until then (the
   * schema's lint must not wait for a download), and for a live API (whose sites the engine
   * cannot know), the schema lint works alone.
   */
  async check(query) {
    const { python } = this.shared;
    if (this.runner === "live" || !python.engineReady) return null;
    try {
      return await python.lint(query, this.now());
    } catch {
      return null; // the engine failed to load: showEngineStatus says so
    }
  }

  /** Say when the engine's checks are off because the runtime failed; re-lint once it loads. */
  showEngineStatus() {
    const { failure, engineReady } = this.shared.python;
    this.engineNote.hidden = !failure;
    if (failure) {
      this.engineNote.textContent =
        "The in-browser engine is unavailable, so the editor checks the query against the schema only. Run tries to load it again.";
    }
    if (engineReady) this.editor?.relint();
  }

  // ---- actions ------------------------------------------------------------------------------

  chooseRunner(runner) {
    this.runner = runner;
    this.runnerSelect.value = runner;
    saveRunner(runner);
    this.liveForm.hidden = runner !== "live";
    if (!this.lastResult) this.responsePanel.replaceChildren(this.runHint());
    if (runner === "browser" && this.shared.python.engineReady && this.editor) this.warmSoon();
  }

  /**
   * Show another example. Edits are never lost silently: when the query was edited, the
   * switch offers Undo, which brings the edited query (and its example) back.
   */
  pick(slug) {
    const before = { slug: this.example?.slug ?? "", text: this.getText(), edited: !this.unedited() };
    this.showPicked(slug, this.shared.examples.find((ex) => ex.slug === slug)?.query);
    if (!before.edited) return;
    const undo = h("button", { type: "button", class: "sr-pg-btn", onclick: () => {
      this.showPicked(before.slug, null, before.text);
      note.remove();
    } }, "Undo");
    const note = this.toast("Your edited query was replaced by the example. ", { action: undo, ms: UNDO_MS });
  }

  /** Switch to example `slug` (or none) with `query`, or with the query `text` as it was. */
  showPicked(slug, query, text = null) {
    this.example = this.shared.examples.find((ex) => ex.slug === slug) ?? null;
    if (this.picker) this.picker.value = this.example?.slug ?? "";
    if (text !== null) this.setText(text);
    else if (query) this.setText(formatJson(query));
    this.lastResult = null;
    this.responsePanel.replaceChildren(this.runHint());
    this.showExample();
    this.markEdited();
  }

  /** What completion and hover need from the widget: the clock dates resolve under (a live
   * API uses its own: the reader's now is the best guess) and whether a live API is chosen. */
  editorContext() {
    const live = this.runner === "live";
    return { clock: live ? isoSeconds(new Date()) : this.now(), live };
  }

  /** Once the reader pauses: the picker names the example an edited query started from as
   * edited, and the page's address follows the query (on the Playground page). */
  markEdited() {
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => {
      const option = this.picker?.selectedOptions[0];
      if (option?.dataset.title) option.textContent = `${option.dataset.title}${this.unedited() ? "" : " (edited)"}`;
      if (this.full) this.writeAddress();
    }, EDIT_DELAY_MS);
  }

  /** The fragment that reproduces the query (null when too long): the example only while the
   * query is its own, the clock when it is now. */
  fragment() {
    const example = this.example && this.unedited() ? this.example.slug : null;
    return encodeFragment(this.getText(), { example, clock: this.clock.mode });
  }

  /** Keep the Playground page's address in step with the query; a query too long for a link
   * leaves the address without one rather than with a stale one. */
  writeAddress() {
    history.replaceState(null, "", this.fragment() ?? window.location.pathname + window.location.search);
  }

  tooLongForALink() {
    const size = linkSize(this.getText());
    const limit = `${MAX_FRAGMENT / 1024} KB`;
    return `This query is too long for a link (${size}; links hold up to ${limit}). Copy the query itself instead.`;
  }

  /** "Open in Playground" carries the query, unless it is too long for a link. */
  openInPlayground(event) {
    const fragment = this.fragment();
    if (fragment) event.currentTarget.href = this.shared.playgroundUrl + fragment;
    else {
      event.preventDefault();
      this.toast(this.tooLongForALink());
    }
  }

  toggleClock() {
    this.clock.toggle();
    this.clockSwitch.textContent = this.clock.switchLabel();
    this.hintClock?.replaceChildren(this.clockDescription());
    if (this.full) this.writeAddress();
    this.editor?.relint();
    if (this.runner === "browser" && this.shared.python.engineReady && this.editor) this.warmSoon();
  }

  /** The clock the chosen runner answers under, in words. */
  clockDescription() {
    return this.clock.describe(this.runner === "live" ? null : this.now());
  }

  /** Before the first Run: how to run, under which clock, and the switch to the other one. */
  runHint() {
    this.hintClock = h("span", {}, this.clockDescription());
    this.clockSwitch.hidden = this.runner === "live";
    return h("p", { class: "sr-pg-hint sr-pg-runhint" },
      "Press Run (Ctrl+Enter) to see the response, computed under the ", this.hintClock, ". ", this.clockSwitch);
  }

  format() {
    const { query, problem } = parse(this.getText());
    if (problem) this.showProblem(problem);
    else this.setText(formatJson(query));
  }

  reset() {
    this.setText(this.example ? formatJson(this.example.query) : this.initialText);
  }

  async copy(button) {
    await copyText(this.getText());
    flash(button, "Copied");
  }

  /** Where "Copy as" sends the query: the reader's target (the real API unless they chose). */
  snippetTarget() {
    const page = this.shared.targets;
    const target = currentTarget(page);
    return { url: liveEndpoint(target.base), key: target.key, keyVariable: page.keyVariable };
  }

  async copySnippet(kind, control) {
    const { query, problem } = parse(this.getText());
    if (problem) return this.showProblem(problem);
    await copyText(snippet(kind, this.snippetTarget(), query));
    control.blur();
    this.toast(`Copied as ${SNIPPETS.find((s) => s.id === kind).label}.`);
  }

  async copyLink(button) {
    const fragment = this.fragment();
    if (!fragment) return this.toast(this.tooLongForALink());
    if (this.full) history.replaceState(null, "", fragment);
    await copyText(permalink(fragment));
    flash(button, "Link copied");
  }

  /** A short note under the toolbar, with an optional control; returns it. */
  toast(message, { action = null, ms = FLASH_MS * 2 } = {}) {
    const note = h("p", { class: "sr-pg-toast", role: "status" }, message, action);
    this.runButton.parentElement.after(note);
    setTimeout(() => note.remove(), ms);
    return note;
  }

  showProblem(message) {
    this.responsePanel.replaceChildren(h("div", { class: "sr-pg-error", role: "alert" }, message));
    this.selectTab("response");
  }

  showProgress({ stage, label }) {
    const [bar, text] = this.progress.children;
    bar.value = stage;
    text.textContent = `${label} (${stage}/${this.shared.python.stages})`;
  }

  /** The example's documented response, when the query is the example's own, unedited, and
   * runs under the example's clock. */
  documentedAnswer(query) {
    const { example } = this;
    if (!example?.response || !sameJson(query, example.query) || example.now !== this.now()) return null;
    const { status, response: body, now: clock } = example;
    return { status, body, pointer: null, ms: 0, where: DOCUMENTED, documented: true, clock };
  }

  /** Run the query; `{engine: true}` computes an unedited example instead of showing its response. */
  async run({ engine = false } = {}) {
    if (this.running) return;
    await this.activate();
    const { query, problem } = parse(this.getText());
    if (problem) return this.showProblem(problem);
    const documented = this.runner === "browser" && !engine ? this.documentedAnswer(query) : null;
    if (documented) return this.show(query, documented);
    this.running = true;
    this.runButton.disabled = true;
    this.container.classList.add("sr-pg-running");
    const stopProgress = this.runner === "browser" ? this.shared.python.onProgress((p) => this.showProgress(p)) : () => {};
    this.progress.hidden = this.runner !== "browser";
    try {
      const started = performance.now();
      const result = await runQuery(this.runner, query, this.runContext()).catch((error) => {
        if (error instanceof EngineError) return this.engineFailure(error, performance.now() - started);
        throw error;
      });
      await this.show(query, result);
    } finally {
      stopProgress();
      this.progress.hidden = true;
      this.running = false;
      this.runButton.disabled = false;
      this.container.classList.remove("sr-pg-running");
    }
  }

  runContext() {
    const live = loadLive();
    const page = this.shared.targets;
    const target = page ? currentTarget(page) : null;
    const demoKey = page?.targets.find((t) => t.key)?.key;
    const url = target?.configured ? target.base : "";
    return {
      python: this.shared.python,
      now: this.now(),
      demoKey,
      live: { url, key: live.key || target?.key || "", viaProxy: this.server.proxy && live.viaProxy },
    };
  }

  /** The in-browser engine failed: say where, and offer Retry and the runners this page has. */
  engineFailure(error, ms) {
    const stage = error.stage ? ` while "${error.stage}"` : "";
    const button = (label, onclick) => h("button", { type: "button", class: "sr-pg-btn", onclick }, label);
    const elsewhere = (runner, label) => button(label, () => {
      this.chooseRunner(runner);
      if (runner !== "live") this.run();
    });
    return {
      status: 0,
      body: { error: `The in-browser engine could not answer${stage}: ${error.message}.` },
      pointer: null,
      ms,
      where: "in-browser mock",
      recovery: [
        button("Retry", () => this.run()),
        this.server.local ? elsewhere("local", "Run on the local mock server") : null,
        elsewhere("live", "Use a live API"),
      ],
    };
  }

  async show(query, result) {
    this.lastResult = result;
    const error = result.body?.error;
    if (result.status === 400 && typeof error === "string" && this.editor) {
      result.pointer ??= await this.pointerFor(query, error);
      if (result.pointer !== null) this.editor.markError(result.pointer, error);
    }
    const { example } = this;
    renderResponse(this.responsePanel, {
      query,
      result,
      documented: example?.response,
      against: example && { title: example.title, edited: !this.unedited(), documentedClock: example.now },
      clock: { text: this.clock.describe(result.clock), control: this.clockControl(result) },
      types: await this.shared.valueTypes(),
      slug: example?.slug,
      action: result.documented
        ? h("button", { type: "button", class: "sr-pg-btn sr-pg-rerun", onclick: () => this.run({ engine: true }) }, "Run on the engine")
        : null,
    });
    this.selectTab("response");
    if (this.full) this.writeAddress();
  }

  /** The clock switch, in the status line of an answer from a mock runner. */
  clockControl(result) {
    this.clockSwitch.hidden = result.clock === null;
    return this.clockSwitch;
  }

  /** Where a server's error points: the engine's own pointer for the same message, else a guess. */
  async pointerFor(query, message) {
    if (this.runner !== "live") {
      const verdict = await this.check(query);
      if (verdict?.message === message && verdict.pointer) return verdict.pointer;
    }
    return guessPointer(query, message);
  }
}
