// The query's text and its editor: the static view swapped for CodeMirror on first use, and
// what an edit sets off (the runtime loading on the Playground page, the rows of the next Run
// built ahead, the picker's "(edited)", the page's address), with the engine's lint.
import { isoSeconds } from "../runners/clock.js";

const WARM_DELAY_MS = 400;
const EDIT_DELAY_MS = 300;

/** Widget methods: the editor, the text, and edits. */
export const editing = {
  /** Swap the static view for the editor (once); resolves when the editor is usable. */
  activate({ focus = false } = {}) {
    this.activating ??= (async () => {
      const { shared } = this;
      const [{ createEditor }, schema, data] = await Promise.all([shared.loadEditor(), shared.schema(), shared.editorData()]);
      this.editorData = data;
      this.editor = createEditor(this.editorHost, {
        doc: this.text,
        schema,
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
  },

  getText() {
    return this.editor ? this.editor.getText() : this.text;
  },

  setText(text) {
    this.text = text;
    if (this.editor) this.editor.setText(text);
    else this.staticView.textContent = text;
    this.builder?.update(text);
    this.wordsSoon();
  },

  /**
   * The reader changed the query. On the Playground page that is the moment to load the
   * runtime (unless the browser asks to save data); once it runs anywhere, the rows the query
   * reads are built ahead of the next Run.
   */
  edited() {
    const { python } = this.shared;
    this.markEdited();
    this.followText();
    this.wordsSoon();
    if (this.runner !== "browser") return;
    if (this.full && !this.shared.saveData && !python.started) {
      python.start().catch(() => {});
      this.showEngineStatus();
    }
    if (python.started) this.warmSoon();
  },

  warmSoon() {
    clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      if (this.runner === "browser") this.shared.python.warm(this.getText(), this.now(), this.activeSites()).catch(() => {});
    }, WARM_DELAY_MS);
  },

  /**
   * The engine's semantic lint, once the runtime the reader started is ready; until then (the
   * schema's lint must not wait for a download), and for a live API (whose sites the engine
   * cannot know), the schema lint works alone.
   */
  async check(query) {
    const { python } = this.shared;
    if (this.runner === "live" || !python.engineReady) return null;
    try {
      return await python.lint(query, this.now(), this.activeSites());
    } catch {
      return null; // the engine failed to load: showEngineStatus says so
    }
  },

  /** Say when the engine's checks are off because the runtime failed; re-lint once it loads. */
  showEngineStatus() {
    const { failure, engineReady } = this.shared.python;
    this.engineNote.hidden = !failure;
    if (failure) {
      this.engineNote.textContent =
        "The in-browser engine is unavailable, so the editor checks the query against the schema only. Run tries to load it again.";
    }
    if (engineReady) this.editor?.relint();
  },

  /** What completion, hover and the builder need from the widget: the clock dates resolve
   * under and whose it is (a live API uses its own: the reader's now is the best guess),
   * whether a live API is chosen, and what to offer for the sites (sites.js). */
  editorContext() {
    const live = this.runner === "live";
    const clock = live ? isoSeconds(new Date()) : this.now();
    return { clock, clockName: live ? "your clock" : this.clock.name(), live, data: this.suggestions() };
  },

  /** Once the reader pauses: the picker names the example an edited query started from as
   * edited, and the page's address follows the query (on the Playground page). */
  markEdited() {
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => {
      const option = this.picker?.selectedOptions[0];
      if (option?.dataset.title) option.textContent = `${option.dataset.title}${this.unedited() ? "" : " (edited)"}`;
      if (this.full) this.writeAddress();
    }, EDIT_DELAY_MS);
  },
};
