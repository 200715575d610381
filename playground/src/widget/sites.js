// The Playground page's sites file: the "Sites file…" control (a file picker and a paste box),
// the file the in-browser mock serves while one is loaded (kept in this tab's session storage
// only), what completion and the builder then offer for its sites, and what a link made with
// another file (or with the demo sites) says instead of answering for other sites.
import { filterableDimensions } from "../language/dimensions.js";
import { h } from "../lib/dom.js";
import { saveSitesFile } from "../lib/settings.js";
import { MAX_SITES_BYTES, sitesMarker, sitesMismatch, textHash } from "../runners/sites.js";

const PASTED = "pasted.toml"; // the name of a pasted file, in the loader's messages and in links
const EXAMPLE = '[[sites]]\ndomain = "acme.test"\ntimezone = "Asia/Tokyo"\n\n[[sites.goals]]\nevent = "Signup"';

/** Widget methods: the sites file, on the Playground page. */
export const sites = {
  buildSitesControl() {
    this.sitesSummary = h("span", {});
    this.sitesStatus = h("p", { class: "sr-pg-sites-status", role: "status" });
    this.sitesError = h("div", { class: "sr-pg-sites-error", role: "alert", hidden: true });
    this.sitesInput = h("input", { type: "file", class: "sr-pg-sites-file", accept: ".toml,text/plain,application/toml",
      onchange: () => this.loadChosenFile() });
    this.sitesPaste = h("textarea", { class: "sr-pg-sites-paste", rows: "5", spellcheck: "false", placeholder: EXAMPLE,
      "aria-label": "Sites file (TOML)" });
    this.sitesPasteButton = h("button", { type: "button", class: "sr-pg-btn",
      onclick: () => this.loadSitesText(PASTED, this.sitesPaste.value) }, "Load the pasted file");
    this.sitesDetails = h("details", { class: "sr-pg-sites" },
      h("summary", {}, this.sitesSummary),
      h("p", { class: "sr-pg-hint" },
        "Your own sites instead of the demo sites: a TOML file, as ", h("code", {}, "statsref serve --sites"),
        " reads it. It applies to the in-browser mock only (the local mock server has its own ", h("code", {}, "--sites"),
        ") and stays in this tab: a link carries its name, never the file."),
      this.sitesStatus,
      h("label", { class: "sr-pg-sites-choose" }, "Choose a file ", this.sitesInput),
      h("label", { class: "sr-pg-sites-pastelabel" }, "or paste one", this.sitesPaste),
      h("div", { class: "sr-pg-toolbar" }, this.sitesPasteButton),
      this.sitesError);
    this.showSites();
    return this.sitesDetails;
  },

  /** Say which sites the in-browser mock serves, with the way back to the demo sites. */
  showSites() {
    const file = this.sitesFile;
    this.sitesSummary.replaceChildren("Sites file… ", file ? h("strong", {}, file.name) : "(the demo sites)");
    if (!file) {
      this.sitesStatus.replaceChildren("The in-browser mock serves the demo sites.");
      return;
    }
    const listed = Object.entries(file.sites).map(([domain, site]) => `${domain} (${site.timezone})`).join(", ");
    this.sitesStatus.replaceChildren(
      "The in-browser mock serves the sites of ", h("strong", {}, file.name), `: ${listed}. `,
      h("button", { type: "button", class: "sr-pg-btn sr-pg-sites-demo", onclick: () => this.useDemoSites() }, "Use the demo sites"));
  },

  async loadChosenFile() {
    const [file] = this.sitesInput.files;
    this.sitesInput.value = ""; // choosing the same file again reads it again
    if (!file) return;
    if (file.size > MAX_SITES_BYTES) return this.showSitesError(`${file.name}: larger than ${MAX_SITES_BYTES / 1024} KB, the limit`);
    await this.loadSitesText(file.name, await file.text());
  },

  /** Have the engine read the sites file `text` (named `name`); on success it is the active one. */
  async loadSitesText(name, text) {
    const { python } = this.shared;
    this.showSitesError(null);
    this.sitesDetails.classList.add("sr-pg-sites-loading");
    this.sitesPasteButton.disabled = true;
    this.sitesStatus.textContent = `Reading ${name}…`;
    const stopProgress = python.onProgress((p) => this.showProgress(p));
    this.progress.hidden = false;
    try {
      const dimensions = filterableDimensions(await this.shared.schema());
      const result = await python.loadSites({ name, text }, this.now(), dimensions);
      if (result.error) return this.showSitesError(result.error);
      this.sitesFile = { name, text, hash: await textHash(text), sites: result.sites };
      saveSitesFile(this.sitesFile);
      this.sitesChanged();
    } catch (error) {
      this.showSitesError(`The in-browser engine could not read ${name}: ${error.message}`);
    } finally {
      stopProgress();
      this.progress.hidden = true;
      this.sitesPasteButton.disabled = false;
      this.sitesDetails.classList.remove("sr-pg-sites-loading");
      this.showSites();
    }
  },

  useDemoSites() {
    this.sitesFile = null;
    saveSitesFile(null);
    this.sitesChanged();
    this.showSites();
  },

  /** Plainly, the loader's message (the file and the key path), or nothing. */
  showSitesError(message) {
    this.sitesError.hidden = !message;
    this.sitesError.textContent = message ?? "";
    if (message) this.sitesDetails.open = true;
  },

  /** The sites file changed: a link's wish may be met, and everything the sites feed follows. */
  sitesChanged() {
    if (this.linkSites && !sitesMismatch(this.linkSites.marker, sitesMarker(this.sitesFile))) this.linkSites = null;
    this.followSites();
    if (!this.lastResult) this.responsePanel.replaceChildren(this.runHint());
    this.writeAddress();
    if (this.runner === "browser" && this.shared.python.engineReady && this.editor) this.warmSoon();
  },

  /** The sites file the in-browser mock answers for: the loaded one while it is the runner. */
  activeSites() {
    return this.runner === "browser" ? this.sitesFile : null;
  },

  /** What completion and the builder offer: the docs build's data (`assets/editor.json`),
   * with the sites file's sites while the in-browser mock serves them. */
  suggestions() {
    const file = this.activeSites();
    return file ? { ...this.editorData, sites: file.sites, sitesFile: file.name } : this.editorData;
  },

  /** What the sites feed follows them: the engine's lint, the builder, the query in words. */
  followSites() {
    this.editor?.relint();
    this.builder?.refresh();
    this.showWords();
  },

  /** Why the query of the link this page was opened with cannot run on the in-browser mock's
   * sites (it was made with other ones), or null. */
  sitesProblem() {
    if (!this.linkSites || this.runner !== "browser") return null;
    return sitesMismatch(this.linkSites.marker, sitesMarker(this.sitesFile));
  },

  /** The link's need, in place of an answer, with the ways out: the right sites, or these. */
  sitesNotice(message) {
    const button = (label, onclick) => h("button", { type: "button", class: "sr-pg-btn", onclick }, label);
    const wanted = this.linkSites.marker;
    const fix = wanted
      ? button(`Load ${wanted.name}…`, () => {
        this.sitesDetails.open = true;
        this.sitesInput.focus();
      })
      : button("Use the demo sites", () => this.useDemoSites());
    const anyway = button(`Run it on ${this.sitesFile ? this.sitesFile.name : "the demo sites"}`, () => {
      this.linkSites = null;
      this.writeAddress();
      this.run();
    });
    return h("div", { class: "sr-pg-sites-needed", role: "alert" }, message, " ", fix, " ", anyway);
  },
};
