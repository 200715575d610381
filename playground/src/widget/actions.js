// The toolbar's buttons that change or copy the query (Format, Reset, Copy, Copy as), the
// example picker's switch (with Undo when it replaces an edited query), and the short notes
// they leave under the toolbar.
import { copyText, h } from "../lib/dom.js";
import { formatJson } from "../lib/format.js";
import { SNIPPETS, snippet } from "../lib/snippets.js";
import { liveEndpoint } from "../runners/runners.js";
import { parse } from "./query.js";

const FLASH_MS = 1200;
const UNDO_MS = 10_000;

/** Show `text` on `button` for a moment. */
export function flash(button, text) {
  const label = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = label), FLASH_MS);
}

/** Widget methods: the query's own buttons and the example picker. */
export const actions = {
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
  },

  /** Switch to example `slug` (or none) with `query`, or with the query `text` as it was. */
  showPicked(slug, query, text = null) {
    this.example = this.shared.examples.find((ex) => ex.slug === slug) ?? null;
    this.linkSites = null; // the query is no longer the link's
    if (this.picker) this.picker.value = this.example?.slug ?? "";
    if (text !== null) this.setText(text);
    else if (query) this.setText(formatJson(query));
    this.clearAnswer();
    this.showExample();
    this.markEdited();
  },

  /** Put another query in (the page's own, such as a conversion): the answer shown was the
   * previous query's, so it goes, and Reset comes back to this one. */
  replaceQuery(text) {
    this.initialText = text;
    this.setText(text);
    this.clearAnswer();
  },

  format() {
    const { query, problem } = parse(this.getText());
    if (problem) this.showProblem(problem);
    else this.setText(formatJson(query));
  },

  reset() {
    this.setText(this.example ? formatJson(this.example.query) : this.initialText);
  },

  async copy(button) {
    await copyText(this.getText());
    flash(button, "Copied");
  },

  /** Where "Copy as" sends the query: where Run does, the local mock server for the
   * in-browser mock (this page's, when it serves the page); a mock is asked for the clock of
   * the answers shown. */
  async snippetTarget() {
    const { code } = this.choice();
    const server = await this.shared.server();
    const base = code.key && server.local ? window.location.origin : code.base;
    const clock = code.key ? this.now() : null;
    return { url: liveEndpoint(base), key: code.key, keyVariable: this.shared.targets.keyVariable, clock };
  },

  async copySnippet(kind, control) {
    const { query, problem } = parse(this.getText());
    if (problem) return this.showProblem(problem);
    if (!this.shared.targets) return this.toast("This page names no API to send the query to.");
    const to = await this.snippetTarget();
    await copyText(snippet(kind, to, query));
    control.blur();
    const label = SNIPPETS.find((s) => s.id === kind).label;
    this.toast(`Copied as ${label} for ${to.key ? "the local mock server" : to.url}.`);
  },

  /** A short note under the toolbar, with an optional control; returns it. */
  toast(message, { action = null, ms = FLASH_MS * 2 } = {}) {
    const note = h("p", { class: "sr-pg-toast", role: "status" }, message, action);
    this.runButton.parentElement.after(note);
    setTimeout(() => note.remove(), ms);
    return note;
  },
};
