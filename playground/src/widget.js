// One runnable query widget. It starts as a static view of the query (cheap, readable without
// the editor) and turns into a CodeMirror editor on the first focus, click or Run.
import { copyText, h } from "./dom.js";
import { formatJson } from "./format.js";
import { guessPointer } from "./locate.js";
import { encodeFragment, permalink } from "./permalink.js";
import { renderResponse } from "./results.js";
import { PROXY_PATH, QUERY_PATH, RUNNERS, liveEndpoint, runQuery } from "./runners.js";
import { loadLive, loadRunner, saveLive, saveRunner } from "./settings.js";
import { SNIPPETS, snippet } from "./snippets.js";

const FLASH_MS = 1200;

function flash(button, text) {
  const label = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = label), FLASH_MS);
}

function runHint() {
  return h("p", { class: "sr-pg-hint" }, "Press Run (Ctrl+Enter) to see the response.");
}

function parse(text) {
  try {
    return { query: JSON.parse(text) };
  } catch (error) {
    return { problem: `The query is not valid JSON: ${error.message}` };
  }
}

export class Widget {
  /**
   * `shared`: {examples, python, schema(), valueTypes(), loadEditor(), defaultNow, playgroundUrl};
   * `options`: {example (or null), full (the Playground page), text (initial query text)}.
   */
  constructor(container, shared, { example, full, text }) {
    this.container = container;
    this.shared = shared;
    this.full = full;
    this.example = example;
    this.runner = loadRunner("browser");
    this.editor = null;
    this.activating = null;
    this.text = text;
    this.initialText = text; // what Reset restores when the widget shows no example
    this.build();
  }

  now() {
    return this.example?.now ?? this.shared.defaultNow;
  }

  // ---- layout -----------------------------------------------------------------------------

  build() {
    this.staticView = h("pre", { class: "sr-pg-static", tabindex: "0", "aria-label": "Query (click to edit)" }, this.text);
    for (const event of ["focus", "pointerdown"]) {
      this.staticView.addEventListener(event, () => this.activate({ focus: true }));
    }
    this.editorHost = h("div", { class: "sr-pg-editor" }, this.staticView);
    this.progress = h("div", { class: "sr-pg-progress", hidden: true, role: "status" },
      h("progress", { max: String(this.shared.python.stages), value: "0" }), h("span", {}));
    this.responsePanel = h("div", { class: "sr-pg-panel", role: "tabpanel" },
      runHint());
    this.examplePanel = h("div", { class: "sr-pg-panel", role: "tabpanel" });
    this.tabs = h("div", { class: "sr-pg-tabs", role: "tablist" });
    const root = h("div", { class: `sr-pg${this.full ? " sr-pg-full" : ""}` },
      this.full ? this.buildPicker() : null,
      h("div", { class: "sr-pg-label" }, "Query"),
      this.editorHost,
      this.buildToolbar(),
      this.buildLiveForm(),
      this.progress,
      this.tabs,
      this.responsePanel,
      this.examplePanel);
    this.showExample();
    this.container.replaceChildren(root);
    this.container.classList.add("sr-pg-enhanced");
  }

  buildPicker() {
    this.picker = h("select", { class: "sr-pg-picker", onchange: () => this.pick(this.picker.value) },
      h("option", { value: "" }, "Your own query"),
      this.shared.examples.map((ex) => h("option", { value: ex.slug }, ex.title)));
    this.picker.value = this.example?.slug ?? "";
    return h("label", { class: "sr-pg-pickerlabel" }, "Example ", this.picker);
  }

  buildToolbar() {
    const button = (label, onclick, extra = {}) => h("button", { type: "button", class: "sr-pg-btn", onclick, ...extra }, label);
    this.runButton = button("Run", () => this.run(), { class: "sr-pg-btn sr-pg-run", title: "Run (Ctrl/Cmd+Enter)" });
    this.runnerSelect = h("select", { class: "sr-pg-runner", "aria-label": "Run on", onchange: () => this.chooseRunner(this.runnerSelect.value) },
      RUNNERS.map((r) => h("option", { value: r.id }, r.label)));
    this.runnerSelect.value = this.runner;
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
        onclick: (e) => { e.currentTarget.href = this.shared.playgroundUrl + encodeFragment(this.getText(), this.example?.slug); },
      }, "Open in Playground"));
  }

  buildLiveForm() {
    const live = loadLive();
    const save = () => saveLive({ url: url.value, key: key.value, viaProxy: proxy.checked });
    const url = h("input", { type: "url", class: "sr-pg-live-url", placeholder: "https://plausible.example.com", value: live.url, oninput: save });
    const key = h("input", { type: "password", class: "sr-pg-live-key", autocomplete: "off", placeholder: "API key", value: live.key, oninput: save });
    const proxy = h("input", { type: "checkbox", class: "sr-pg-live-proxy", checked: live.viaProxy, onchange: save });
    this.liveForm = h("form", { class: "sr-pg-live", hidden: this.runner !== "live", onsubmit: (e) => e.preventDefault() },
      h("strong", {}, "Live endpoint"),
      h("label", {}, "Base URL ", url),
      h("label", {}, "API key ", key),
      h("label", { class: "sr-pg-check" }, proxy, " through this server's proxy (", h("code", {}, PROXY_PATH), ")"),
      h("p", { class: "sr-pg-hint" },
        "The key stays in this tab's session storage and is sent only to that endpoint (or to this site's proxy when ticked); it never goes into a link."));
    return this.liveForm;
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
      const [{ createEditor }, schema] = await Promise.all([this.shared.loadEditor(), this.shared.schema()]);
      this.editor = createEditor(this.editorHost, {
        doc: this.text,
        schema,
        onRun: () => this.run(),
        check: (query) => this.check(query),
      });
      this.staticView.remove();
      this.container.classList.add("sr-pg-editing");
      // The reader is about to edit or run: load Python and build the dataset of the query's
      // site now, in the worker, rather than on the first Run.
      if (this.runner === "browser") this.warm();
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

  /** The engine's semantic lint; skipped for a live endpoint, whose sites the engine cannot know. */
  async check(query) {
    if (this.runner === "live") return null;
    try {
      return await this.shared.python.lint(query, this.now());
    } catch {
      return null; // the engine could not load: the schema lint still works
    }
  }

  warm() {
    this.shared.python.warm(this.getText(), this.now()).catch(() => {});
  }

  // ---- actions ------------------------------------------------------------------------------

  chooseRunner(runner) {
    this.runner = runner;
    saveRunner(runner);
    this.liveForm.hidden = runner !== "live";
    if (runner === "browser" && this.editor) this.warm();
  }

  pick(slug) {
    this.example = this.shared.examples.find((ex) => ex.slug === slug) ?? null;
    if (this.example) this.setText(formatJson(this.example.query));
    this.lastResult = null;
    this.responsePanel.replaceChildren(runHint());
    this.showExample();
    history.replaceState(null, "", encodeFragment(this.getText(), this.example?.slug));
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

  async copySnippet(kind, control) {
    const { query, problem } = parse(this.getText());
    if (problem) return this.showProblem(problem);
    const live = loadLive();
    const url = this.runner === "live" && live.url.trim() ? liveEndpoint(live.url) : `${window.location.origin}${QUERY_PATH}`;
    await copyText(snippet(kind, url, query));
    control.blur();
    this.toast(`Copied as ${SNIPPETS.find((s) => s.id === kind).label}.`);
  }

  async copyLink(button) {
    const link = permalink(this.getText(), this.example?.slug);
    history.replaceState(null, "", new URL(link).hash);
    await copyText(link);
    flash(button, "Link copied");
  }

  toast(message) {
    const note = h("p", { class: "sr-pg-toast", role: "status" }, message);
    this.runButton.parentElement.after(note);
    setTimeout(() => note.remove(), FLASH_MS * 2);
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

  async run() {
    if (this.running) return;
    await this.activate();
    const { query, problem } = parse(this.getText());
    if (problem) return this.showProblem(problem);
    this.running = true;
    this.runButton.disabled = true;
    this.container.classList.add("sr-pg-running");
    const stopProgress = this.runner === "browser" ? this.shared.python.onProgress((p) => this.showProgress(p)) : () => {};
    this.progress.hidden = this.runner !== "browser";
    try {
      const result = await runQuery(this.runner, query, { python: this.shared.python, now: this.now(), live: loadLive() })
        .catch((error) => ({ status: 0, body: { error: `The in-browser engine failed: ${error.message}` }, ms: 0, where: "in-browser mock" }));
      await this.show(query, result);
    } finally {
      stopProgress();
      this.progress.hidden = true;
      this.running = false;
      this.runButton.disabled = false;
      this.container.classList.remove("sr-pg-running");
    }
  }

  async show(query, result) {
    this.lastResult = result;
    const error = result.body?.error;
    if (result.status === 400 && typeof error === "string") {
      result.pointer ??= await this.pointerFor(query, error);
      if (result.pointer !== null) this.editor.markError(result.pointer, error);
    }
    renderResponse(this.responsePanel, {
      query,
      result,
      documented: this.example?.response,
      types: await this.shared.valueTypes(),
      slug: this.example?.slug,
    });
    this.selectTab("response");
    if (this.full) history.replaceState(null, "", encodeFragment(this.getText(), this.example?.slug));
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
