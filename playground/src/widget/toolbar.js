// The query's controls: the Playground page's example picker, the toolbar, what each runner
// needs, the live API's form, and the runner the reader chose (with the ones the page's server
// adds once probed).
import { h } from "../lib/dom.js";
import { loadLive, loadRunner, saveLive, saveRunner } from "../lib/settings.js";
import { SNIPPETS } from "../lib/snippets.js";
import { PROXY_PATH, RUNNERS } from "../runners/runners.js";
import { targetPicker } from "../runners/targets.js";

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
  },

  /** The runners this page can offer: the local server only where the page's origin is one. */
  fillRunners() {
    const offered = RUNNERS.filter((r) => r.id !== "local" || this.server.local);
    this.runnerSelect.replaceChildren(...offered.map((r) => h("option", { value: r.id }, r.label)));
    this.runnerSelect.value = this.runner;
  },

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
          "the mock engine in this page, on the demo dataset (or your sites file's, on the Playground page); nothing leaves your browser."),
        this.localHelp,
        h("li", {}, h("strong", {}, "Live API: "),
          "Plausible or your own instance, with a Stats API key (account Settings, API Keys)."),
        this.proxyHelp));
  },

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
  },

  useServer(server) {
    this.server = server;
    if (server.local && loadRunner("browser") === "local") {
      this.runner = "local";
      if (!this.lastResult) this.responsePanel.replaceChildren(this.runHint()); // a link's sites concern the in-browser mock
    }
    this.fillRunners();
    this.localHelp.hidden = server.local;
    this.proxyHelp.hidden = server.proxy;
    this.proxyChoice.hidden = !server.proxy;
  },

  chooseRunner(runner) {
    this.runner = runner;
    this.runnerSelect.value = runner;
    saveRunner(runner);
    this.liveForm.hidden = runner !== "live";
    if (this.sitesFile) this.followSites(); // its sites are the in-browser mock's only
    if (!this.lastResult) this.responsePanel.replaceChildren(this.runHint());
    if (runner === "browser" && this.shared.python.engineReady && this.editor) this.warmSoon();
  },
};
