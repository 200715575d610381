// Run: an unedited example's documented response (no engine needed), else the chosen runner's
// answer (runners/), with the progress of the in-browser engine's first load and, should it
// fail, its cause and the ways out that can work; then the answer shown (views/results.js), an
// error with the API's exact text, our plain hint under it and its place marked in the editor.
import { guessPointer } from "../language/locate.js";
import { h } from "../lib/dom.js";
import { sameJson } from "../lib/format.js";
import { loadLive } from "../lib/settings.js";
import { EngineError } from "../runners/pyclient.js";
import { probeServer, runQuery } from "../runners/runners.js";
import { choices, choose } from "../runners/targets.js";
import { hintItems, renderResponse } from "../views/results.js";
import { parse } from "./query.js";

const DOCUMENTED = "documented response, verified against the engine";

/** Widget methods: Run, and the answer. */
export const run = {
  /** The example's documented response, when the query is the example's own, unedited, and
   * runs under the example's clock on the demo sites (not a sites file's). */
  documentedAnswer(query) {
    const { example } = this;
    if (!example?.response || this.sitesFile || !sameJson(query, example.query) || example.now !== this.now()) return null;
    const { status, response: body, now: clock, pointer = null, hint = null } = example;
    return { status, body, pointer, hint, ms: 0, where: DOCUMENTED, documented: true, clock };
  },

  /** Run the query; `{engine: true}` computes an unedited example instead of showing its response. */
  async run({ engine = false } = {}) {
    if (this.running) return;
    await this.activate();
    const { query, problem } = parse(this.getText());
    if (problem) return this.showProblem(problem);
    if (this.runner === "local") this.useServer(await this.shared.server()); // where the mock is
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

  /** What the runners need: the clock, the mock server's address and key, the live API's. */
  runContext() {
    const { code, runner } = this.choice();
    const live = loadLive();
    const mockBase = this.server.local ? window.location.origin : code?.base;
    return {
      python: this.shared.python,
      sites: this.activeSites(),
      now: this.now(),
      mock: code?.key ? { base: mockBase, key: code.key } : null,
      live: {
        url: runner === "live" && code.configured ? code.base : "",
        key: live.key,
        viaProxy: this.server.proxy && live.viaProxy,
      },
    };
  },

  /**
   * The in-browser engine failed: say why and where, and offer what can work now: Retry, the
   * local mock server if it answers, a live API if this page's server proxies to one. When the
   * page's own server does not answer, neither would they: Retry alone.
   */
  async engineFailure(error, ms) {
    const stage = error.stage ? ` while "${error.stage}"` : "";
    const server = error.offline ? { local: false, proxy: false } : await probeServer();
    const button = (label, onclick) => h("button", { type: "button", class: "sr-pg-btn", onclick }, label);
    const elsewhere = (id, label) => button(label, () => {
      choose(id);
      if (this.runner !== "live") this.run();
    });
    const live = this.shared.targets && choices(this.shared.targets).find((c) => !c.key && c.id !== "browser");
    const restart = this.server.local ? " Start it again with `statsref serve`, then Retry." : " Retry once it answers.";
    return {
      status: 0,
      body: { error: `The in-browser engine could not answer${stage}: ${error.message}.${error.offline ? restart : ""}` },
      pointer: null,
      ms,
      where: "in-browser mock",
      recovery: [
        button("Retry", () => this.run()),
        server.local ? elsewhere("mock", "Run on the local mock server") : null,
        server.proxy && live ? elsewhere(live.id, "Use a live API") : null,
      ],
    };
  },

  async show(query, result) {
    this.lastResult = result;
    const error = result.body?.error;
    if (result.status >= 400 && typeof error === "string" && this.editor) {
      Object.assign(result, await this.explain(query, error, result));
      if (result.status === 400 && result.pointer !== null) this.editor.markError(result.pointer, error, result.hints[0]);
      if (!result.hints.length) this.explainLater(query, error, result);
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

  /**
   * `{pointer, hints}` of an answer's error `message`: where it points and what to change, in
   * our words. The in-browser engine says both with its answer; for a server's answer the
   * engine is asked (the validate path: its verdict on the query, when it is the same message)
   * unless the query went to a live API, whose sites the engine cannot know. Each line then
   * gets the rule's hint, else the schema's words for the same mistake (`editor.explain`); the
   * pointer, else, is a guess from the names the message quotes.
   */
  async explain(query, message, result) {
    let verdict = { message, pointer: result.pointer ?? null, hint: result.hint ?? null };
    if (result.hint === undefined && this.runner !== "live") {
      const engine = await this.check(query);
      if (engine?.message === message) verdict = engine;
    }
    const problems = this.editor.explain(query, verdict);
    const pointer = verdict.pointer ?? problems.find((p) => p.pointer)?.pointer ?? guessPointer(query, message);
    return { pointer, hints: problems.map((p) => p.hint).filter(Boolean) };
  },

  /**
   * A local server's rule error while the engine is not loaded: load it (unless the browser
   * asks to save data) and add its hint under the answer still shown.
   */
  explainLater(query, message, result) {
    const { python, saveData } = this.shared;
    if (this.runner !== "local" || saveData || python.engineReady) return;
    python.start().then(async () => {
      const { hints } = await this.explain(query, message, result);
      if (this.lastResult !== result || !hints.length) return;
      result.hints = hints;
      this.responsePanel.querySelector(".sr-pg-error-hints")?.replaceChildren(...hintItems(hints));
    }).catch(() => {}); // no engine, no hint: the API's text stands alone
  },
};
