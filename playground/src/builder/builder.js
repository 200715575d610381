// The visual builder, the lazily loaded `builder-*.mjs` chunk (see widget/modes.js): a form with
// a control for every part of a query, drawn from the query schema and the values offered for the
// sites (the docs build's assets/editor.json, or a sites file's, through the widget) with the
// language modules the editor uses. It edits the query's
// text, never a copy of it: each change becomes a few path edits (edits.js), applied to the text
// in place and handed to the widget as one minimal change. The builder then draws itself again
// from the new text, giving the focus back to the same control. A part it cannot show whole is
// drawn read-only with a way to it in the JSON, and left as it is.
import { Completer } from "../language/completion.js";
import { parseProblem } from "../language/diagnostics.js";
import { Messages } from "../language/messages.js";
import { Requirements } from "../language/requirements.js";
import { SchemaPaths, valueAtPath } from "../language/schema-paths.js";
import { Validator } from "../language/validate.js";
import { h } from "../lib/dom.js";
import { button, island, markdown } from "./controls.js";
import { applyEdits, changeBetween, rangeAt } from "./edits.js";
import { Shapes, problemAt } from "./model.js";
import { SECTIONS, otherKeys } from "./sections.js";

let builders = 0;

/** The text of `range`, its lines after the first moved left by the indent of the first. */
function dedented(text, { from, to }) {
  const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf("\n", from - 1) + 1))[0];
  return text.slice(from, to).split("\n").map((line, i) => (i && line.startsWith(indent) ? line.slice(indent.length) : line)).join("\n");
}

class Builder {
  constructor(host, { schema, siteRoot, context, onChange, onRun, onEditInJson }) {
    const validator = new Validator(schema);
    this.paths = new SchemaPaths(validator);
    this.validator = validator;
    this.messages = new Messages(this.paths);
    this.requirements = new Requirements(this.paths);
    this.shapes = new Shapes(this.paths);
    this.required = validator.root.required ?? [];
    Object.assign(this, { siteRoot, context, onChange, onEditInJson });
    this.prefix = `sr-pg-b${++builders}`;
    this.text = null;
    this.form = h("form", {
      class: "sr-pg-builder",
      "aria-label": "Query builder",
      onsubmit: (event) => event.preventDefault(),
      onkeydown: (event) => {
        if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
        event.preventDefault();
        onRun();
      },
    });
    host.replaceChildren(this.form);
  }

  /** What the widget offers for the sites (`assets/editor.json`, or a sites file's), now. */
  get data() {
    return this.context().data;
  }

  /** Show the query `text` (unless it is the text shown already). */
  update(text) {
    if (text === this.text) return;
    this.text = text;
    this.draw();
  }

  /** A fresh id for this drawing; the same control gets the same id each time. */
  id() {
    return `${this.prefix}-${++this.ids}`;
  }

  draw(focusKey = null) {
    const active = this.form.contains(document.activeElement) ? document.activeElement : null;
    const key = focusKey ?? active?.dataset.key;
    const selection = active && typeof active.selectionStart === "number" ? [active.selectionStart, active.selectionEnd] : null;
    this.ids = 0;
    this.form.replaceChildren(...this.parts());
    const target = key && this.form.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (!target || (!active && !focusKey)) return;
    target.focus({ preventScroll: !focusKey });
    if (selection && !focusKey && typeof target.selectionStart === "number") target.setSelectionRange(...selection);
  }

  /** The sections of the form, in the schema's order of the query's keys, then the keys the
   * schema does not know; or, while the text is no JSON object, what is wrong with it. */
  parts() {
    const problem = parseProblem(this.text);
    const query = problem ? null : JSON.parse(this.text);
    if (query === null || typeof query !== "object" || Array.isArray(query)) {
      const message = problem?.message ?? "The query must be a JSON object, in curly braces.";
      const at = { from: problem?.from ?? 0, to: problem?.from ?? 0 };
      return [h("div", { class: "sr-pg-b-unread", role: "status" },
        h("p", {}, `The builder shows a query once its JSON reads: ${message}`),
        button("Edit in JSON", () => this.onEditInJson(at), { "data-key": "unread" }))];
    }
    this.query = query;
    this.errors = this.validator.check(query);
    this.completer = new Completer({ paths: this.paths, ...this.context() });
    const keys = Object.keys(this.validator.root.properties ?? {});
    return [...keys.map((key) => this.section(key)), otherKeys(this, keys)].filter(Boolean);
  }

  section(key) {
    const kind = this.shapes.sectionKind(key);
    const draw = SECTIONS[kind];
    return draw ? draw(this, key) : null;
  }

  // ---- editing -------------------------------------------------------------------------------

  /** Apply `edits` (edits.js) to the text, tell the widget, draw again with the focus on `focus`. */
  edit(edits, focus = null) {
    const after = applyEdits(this.text, edits);
    if (after === this.text) return;
    const change = changeBetween(this.text, after);
    this.text = after;
    this.onChange(change);
    this.draw(focus);
  }

  set(path, value, focus = null) {
    this.edit([{ path, value }], focus);
  }

  /**
   * Remove the value at `path`; with `prune`, its parent too when nothing is left in it (an
   * optional key of the query, a filter's modifiers).
   */
  remove(path, { focus = null, prune = false } = {}) {
    const edits = [{ path }];
    const parent = valueAtPath(this.query, path.slice(0, -1));
    const left = Array.isArray(parent) ? parent.length : Object.keys(parent ?? {}).length;
    const optional = path.length > 2 || !this.required.includes(path[0]);
    if (prune && left === 1 && optional) edits.push({ path: path.slice(0, -1) });
    this.edit(edits, focus);
  }

  // ---- what parts say ------------------------------------------------------------------------

  /** The plain message of the first mistake at `path` (or below it, unless `exact`), or null. */
  problem(path, { exact = false } = {}) {
    const error = problemAt(this.errors, path, { exact });
    return error ? this.messages.message(error) : null;
  }

  /** The part at `path` as the reader wrote it (a key with its value), read-only, with
   * `reason` and "Edit in JSON". */
  island(path, label, reason = this.problem(path)) {
    const range = rangeAt(this.text, path);
    const key = typeof path.at(-1) === "string" ? `${JSON.stringify(path.at(-1))}: ` : "";
    return island({
      label,
      reason,
      base: this.siteRoot,
      key: `${JSON.stringify(path)}:json`,
      text: key + (range ? dedented(this.text, range) : JSON.stringify(valueAtPath(this.query, path))),
      onEdit: () => this.onEditInJson(range ?? { from: 0, to: 0 }),
    });
  }

  /** Schema Markdown as inline HTML. */
  markdown(text) {
    return markdown(text, this.siteRoot);
  }

  /** Title and description of the schema at `path` of the query. */
  describe(path) {
    const node = this.paths.nodesAt(path, this.query).find((n) => this.paths.describe(n).title);
    return node ? this.paths.describe(node) : {};
  }
}

/**
 * Mount a builder in `host`. `schema` is the query schema, `siteRoot` the site's root URL (for
 * links in descriptions), `context()` the widget's `{clock, live, data}` (`data`: what it offers
 * for the sites); `onChange({from, to, insert})` receives each change of the text, `onRun` is
 * bound to Ctrl/Cmd+Enter, `onEditInJson({from, to})` asks for the JSON editor at a range of the
 * text. Returns `{update(text), refresh()}`: show the query `text`; draw it again (the context
 * changed).
 */
export function createBuilder(host, options) {
  const builder = new Builder(host, options);
  return {
    update: (text) => builder.update(text),
    refresh: () => builder.text !== null && builder.draw(),
  };
}
