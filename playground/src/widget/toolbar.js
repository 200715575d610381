// The query's controls: the Playground page's example picker, the toolbar with "Run on" (where
// queries go: the reader's one choice, shared with the code samples and Copy as, runners/
// targets.js), what each choice needs, and the live API's form.
import { h } from "../lib/dom.js";
import { loadLive, saveLive } from "../lib/settings.js";
import { SNIPPETS } from "../lib/snippets.js";
import { PROXY_PATH } from "../runners/runners.js";
import { IN_BROWSER, choiceSelect, currentChoice, instanceField, onChoiceChange } from "../runners/targets.js";

/** Widget methods: the controls above and below the query. */
export const toolbar = {
  buildPicker() {
    this.picker = h("select", { class: "sr-pg-picker", onchange: () => this.pick(this.picker.value) },
      h("option", { value: "" }, "Your own query"),
      this.shared.examples.map((ex) => h("option", { value: ex.slug, "data-title": ex.title }, ex.title)));
    this.picker.value = this.example?.slug ?? "";
    return h("label", { class: "sr-pg-pickerlabel" }, "Example ", this.picker);
  },

  buildToolbar() {
    const button = (label, onclick, extra = {}) => h("button", { type: "button", class: "sr-pg-btn", onclick, ...extra }, label);
    this.runButton = button("Run", () => this.run(), { class: "sr-pg-btn sr-pg-run", title: "Run (Ctrl/Cmd+Enter)" });
    const page = this.shared.targets;
    const runOn = page
      ? choiceSelect(page, { class: "sr-pg-runner" })
      : h("select", { class: "sr-pg-runner", "aria-label": "Run on", disabled: true }, h("option", {}, IN_BROWSER.label));
    const copyAs = h("select", { class: "sr-pg-copyas", "aria-label": "Copy as code",
      onchange: () => { this.copySnippet(copyAs.value, copyAs); copyAs.value = ""; } },
      h("option", { value: "" }, "Copy as…"),
      SNIPPETS.map((s) => h("option", { value: s.id }, s.label)));
    return h("div", { class: "sr-pg-toolbar" },
      this.runButton, runOn,
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
  },

  /** The reader's choice of where queries go: the in-browser mock without a page's targets. */
  choice() {
    return this.shared.targets ? currentChoice(this.shared.targets) : { ...IN_BROWSER, runner: "browser", code: null };
  },

  /** What each choice needs, in the words of the "Run on" list. */
  buildRunnerHelp() {
    this.localHelp = h("span", {}, " Start it with ", h("code", {}, "statsref serve"), " (",
      h("code", {}, "make serve"), "); a page it does not serve may call it only with ",
      h("code", {}, `statsref serve --cors-origin ${window.location.origin}`), ".");
    this.proxyHelp = h("span", {}, " A Stats API sends no CORS headers, so a browser cannot call it directly: ",
      h("code", {}, "statsref serve --upstream <instance>"), " serves this site with a proxy that forwards your query and key.");
    return h("details", { class: "sr-pg-help" },
      h("summary", {}, "Where can a query run?"),
      h("ul", {},
        h("li", {}, h("strong", {}, "In-browser mock: "),
          "the mock engine in this page, on the demo dataset (or your sites file's, on the Playground page); nothing leaves your browser. Copy as and the code samples send to the local mock server instead, under the same clock."),
        h("li", {}, h("strong", {}, "Local mock server: "), "the same engine and dataset behind the API's HTTP protocol.", this.localHelp),
        h("li", {}, h("strong", {}, "Plausible, Your instance: "),
          "the live API, with a Stats API key (account Settings, API Keys).", this.proxyHelp)));
  },

  buildLiveForm() {
    const live = loadLive();
    const save = () => saveLive({ key: key.value, viaProxy: proxy.checked });
    const key = h("input", { type: "password", class: "sr-pg-live-key", autocomplete: "off", placeholder: "Stats API key", value: live.key, oninput: save });
    const proxy = h("input", { type: "checkbox", class: "sr-pg-live-proxy", checked: live.viaProxy, onchange: save });
    this.proxyChoice = h("label", { class: "sr-pg-check", hidden: true }, proxy,
      " through this server's proxy (", h("code", {}, PROXY_PATH), ")");
    this.liveForm = h("form", { class: "sr-pg-live", hidden: true, onsubmit: (e) => e.preventDefault() },
      this.shared.targets ? instanceField(this.shared.targets) : null,
      h("label", {}, "API key ", key),
      this.proxyChoice,
      h("p", { class: "sr-pg-hint" },
        "The key stays in this tab's session storage and is sent only to that API (or to this site's proxy when ticked); it never goes into a link."));
    return this.liveForm;
  },

  useServer(server) {
    this.server = server;
    this.localHelp.hidden = server.local;
    this.proxyHelp.hidden = server.proxy;
    this.proxyChoice.hidden = !server.proxy;
  },

  /** Follow the reader's choice, made here, in another widget, above samples or in another tab. */
  followChoice() {
    const runner = this.choice().runner;
    const changed = runner !== this.runner;
    this.runner = runner;
    this.liveForm.hidden = runner !== "live";
    if (!changed) return;
    if (!this.lastResult) this.responsePanel.replaceChildren(this.runHint());
    if (this.sitesFile) this.followSites(); // its sites are the in-browser mock's only
    else this.editor?.relint();
    if (runner === "browser" && this.shared.python.engineReady && this.editor) this.warmSoon();
  },

  /** Keep the widget in step with the choice from now on. */
  watchChoice() {
    this.liveForm.hidden = this.runner !== "live";
    onChoiceChange(() => this.followChoice());
  },
};
