// Run: an unedited example's documented response (no engine needed), else the chosen runner's
// answer (runners/), with the progress of the in-browser engine's first load and, should it
// fail, the ways out; then the answer shown (views/results.js), its error marked in the editor.
import { guessPointer } from "../language/locate.js";
import { h } from "../lib/dom.js";
import { sameJson } from "../lib/format.js";
import { loadLive } from "../lib/settings.js";
import { EngineError } from "../runners/pyclient.js";
import { runQuery } from "../runners/runners.js";
import { currentTarget } from "../runners/targets.js";
import { renderResponse } from "../views/results.js";
import { parse } from "./query.js";

const DOCUMENTED = "documented response, verified against the engine";

/** Widget methods: Run, and the answer. */
export const run = {
  /** The example's documented response, when the query is the example's own, unedited, and
   * runs under the example's clock on the demo sites (not a sites file's). */
  documentedAnswer(query) {
    const { example } = this;
    if (!example?.response || this.sitesFile || !sameJson(query, example.query) || example.now !== this.now()) return null;
    const { status, response: body, now: clock } = example;
    return { status, body, pointer: null, ms: 0, where: DOCUMENTED, documented: true, clock };
  },

  /** Run the query; `{engine: true}` computes an unedited example instead of showing its response. */
  async run({ engine = false } = {}) {
    if (this.running) return;
    await this.activate();
    const { query, problem } = parse(this.getText());
    if (problem) return this.showProblem(problem);
    const mismatch = this.sitesProblem();
    if (mismatch) return this.showSitesProblem(mismatch);
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
  },

  runContext() {
    const live = loadLive();
    const page = this.shared.targets;
    const target = page ? currentTarget(page) : null;
    const demoKey = page?.targets.find((t) => t.key)?.key;
    const url = target?.configured ? target.base : "";
    return {
      python: this.shared.python,
      sites: this.activeSites(),
      now: this.now(),
      demoKey,
      live: { url, key: live.key || target?.key || "", viaProxy: this.server.proxy && live.viaProxy },
    };
  },

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
  },

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
  },

  /** Where a server's error points: the engine's own pointer for the same message, else a guess. */
  async pointerFor(query, message) {
    if (this.runner !== "live") {
      const verdict = await this.check(query);
      if (verdict?.message === message && verdict.pointer) return verdict.pointer;
    }
    return guessPointer(query, message);
  },
};
