// The answer's half: the Response and Example response tabs, the hint shown before the first
// Run with the clock switch (which moves into an answer's status line after one), a problem
// with the query, and the runtime's loading progress.
import { h } from "../lib/dom.js";
import { jsonView } from "../views/results.js";

/** Widget methods: the tabs and what they show besides an answer. */
export const panels = {
  selectTab(which) {
    this.responsePanel.hidden = which !== "response";
    this.examplePanel.hidden = which !== "example";
    for (const tab of this.tabs.children) tab.setAttribute("aria-selected", String(tab.dataset.tab === which));
  },

  showExample() {
    const tab = (id, label) => h("button", { type: "button", role: "tab", "data-tab": id, onclick: () => this.selectTab(id) }, label);
    const documented = this.example?.response;
    // replaceChildren writes a null as the text "null": only the tabs there are.
    const tabs = [tab("response", "Response"), documented ? tab("example", "Example response") : null];
    this.tabs.replaceChildren(...tabs.filter(Boolean));
    this.examplePanel.replaceChildren(...(documented ? [jsonView(documented, "Example response JSON")] : []));
    this.selectTab(documented && !this.lastResult ? "example" : "response");
  },

  toggleClock() {
    this.clock.toggle();
    this.clockSwitch.textContent = this.clock.switchLabel();
    this.hintClock?.replaceChildren(this.clockDescription());
    if (this.full) this.writeAddress();
    this.editor?.relint();
    this.showWords();
    if (this.runner === "browser" && this.shared.python.engineReady && this.editor) this.warmSoon();
  },

  /** The clock the chosen runner answers under, in words. */
  clockDescription() {
    return this.clock.describe(this.runner === "live" ? null : this.now());
  },

  /** Before the first Run: how to run, under which clock, and the switch to the other one; or
   * what the link this page was opened with needs first (sites.js). */
  runHint() {
    const mismatch = this.sitesProblem();
    if (mismatch) return this.sitesNotice(mismatch);
    this.hintClock = h("span", {}, this.clockDescription());
    this.clockSwitch.hidden = this.runner === "live";
    const the = this.runner === "live" ? "" : "the "; // "the live API's own clock" has its own
    return h("p", { class: "sr-pg-hint sr-pg-runhint" },
      `Press Run (Ctrl+Enter) to see the response, computed under ${the}`, this.hintClock, ". ", this.clockSwitch);
  },

  /** The clock switch, in the status line of an answer from a mock runner. */
  clockControl(result) {
    this.clockSwitch.hidden = result.clock === null;
    return this.clockSwitch;
  },

  /** Back to the hint before a Run: the answer shown no longer belongs to the query. */
  clearAnswer() {
    this.lastResult = null;
    this.responsePanel.replaceChildren(this.runHint());
    this.selectTab(this.example?.response ? "example" : "response");
  },

  showProblem(message) {
    this.responsePanel.replaceChildren(h("div", { class: "sr-pg-error", role: "alert" }, message));
    this.selectTab("response");
  },

  showSitesProblem(message) {
    this.responsePanel.replaceChildren(this.sitesNotice(message));
    this.selectTab("response");
  },

  showProgress({ stage, label }) {
    const [bar, text] = this.progress.children;
    bar.value = stage;
    text.textContent = `${label} (${stage}/${this.shared.python.stages})`;
  },
};
