// The query's two views: the JSON editor and the Builder (the builder/ chunk, loaded the first
// time a reader opens it, with the editor). On a wide widget the builder opens beside the JSON;
// on a narrow one the two are tabs (playground.css). They never disagree: a change in the
// builder edits the JSON text in place (one minimal change the editor can undo), and an edit of
// the JSON redraws the builder once the reader pauses.
import { h } from "../lib/dom.js";

const REDRAW_DELAY_MS = 300;
const VIEWS = [
  { id: "json", label: "JSON" },
  { id: "builder", label: "Builder" },
];

/** Widget methods: the view switch and the builder kept in step with the text. */
export const modes = {
  buildViewSwitch() {
    this.viewButtons = VIEWS.map(({ id, label }) =>
      h("button", { type: "button", "data-mode": id, "aria-pressed": String(id === "json"), onclick: () => this.showView(id) }, label));
    return h("div", { class: "sr-pg-seg sr-pg-viewswitch", role: "group", "aria-label": "Query view" }, this.viewButtons);
  },

  /** Show the JSON alone, or the builder (beside the JSON where the widget is wide enough). */
  showView(view) {
    for (const button of this.viewButtons) button.setAttribute("aria-pressed", String(button.dataset.mode === view));
    this.container.classList.toggle("sr-pg-builder-open", view === "builder");
    return view === "builder" ? this.openBuilder() : this.activate();
  },

  /** Load the builder (once) and show the query in it; resolves when it is drawn. */
  openBuilder() {
    this.builderOpening ??= (async () => {
      this.builderHost.replaceChildren(h("p", { class: "sr-pg-hint", role: "status" }, "Loading the builder…"));
      const { shared } = this;
      const [{ createBuilder }, schema] = await Promise.all([shared.loadBuilder(), shared.schema(), this.activate()]);
      this.builder = createBuilder(this.builderHost, {
        schema,
        siteRoot: shared.siteRoot,
        context: () => this.editorContext(),
        onChange: (change) => this.editor.applyChange(change),
        onRun: () => this.run(),
        onEditInJson: (range) => this.editInJson(range),
      });
      this.builder.update(this.getText());
    })().catch((error) => {
      this.builderOpening = null;
      this.builderHost.replaceChildren(h("p", { class: "sr-pg-hint", role: "alert" },
        `The builder could not load (${error.message}). Switch to it again to retry, or edit the JSON.`));
    });
    return this.builderOpening;
  },

  /** After an edit of the JSON: the builder follows once the reader pauses. */
  followText() {
    if (!this.builder) return;
    clearTimeout(this.redrawTimer);
    this.redrawTimer = setTimeout(() => this.builder.update(this.getText()), REDRAW_DELAY_MS);
  },

  /** The builder's "Edit in JSON": the JSON shown (the only view on a narrow widget) at `range`. */
  async editInJson({ from, to }) {
    if (!this.editorHost.checkVisibility()) await this.showView("json");
    this.editor.select(from, to);
  },
};
