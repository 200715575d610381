// The editor chunk, loaded only when a reader starts editing (see widget/editing.js):
// CodeMirror 6 with the query language of our own modules (language/: completion.js, hover.js,
// validate.js + messages.js) read from the query schema and the values the widget offers for
// the sites, and one linter that reports each mistake once: the JSON parser's, the schema's in
// plain words, or the engine's (once the reader has started it) and the last Run's error, which
// win where they overlap: the API's exact text, with a plain hint under it saying what to change.
//
// Completion writes the closing quotes and brackets of what it inserts; like CodeMirror's own
// bracket closing, the editor remembers them, so typing one where it stands steps over it
// instead of doubling it. A picked string value leaves the caret before its closing quote, as
// if the reader had typed it. Tab accepts the completion shown, else moves to the next field of
// an inserted template, else steps over a closer completion wrote, else leaves the editor.
import { EditorView, basicSetup } from "codemirror";
import { EditorState, Prec, RangeSet, RangeValue, StateEffect, StateField, Transaction } from "@codemirror/state";
import { hoverTooltip, keymap } from "@codemirror/view";
import { forceLinting, linter, lintGutter } from "@codemirror/lint";
import { acceptCompletion, completionStatus, nextSnippetField, snippet, startCompletion } from "@codemirror/autocomplete";
import { json, jsonLanguage } from "@codemirror/lang-json";
import { Completer } from "../language/completion.js";
import { engineProblems, mergeProblems, parseProblem, toPointer } from "../language/diagnostics.js";
import { hoverDocs } from "../language/hover.js";
import { slotAt } from "../language/json-scan.js";
import { renderCodeSpans, renderMarkdown } from "../language/markdown.js";
import { Messages } from "../language/messages.js";
import { pointerRange } from "./pointer.js";
import { SchemaPaths } from "../language/schema-paths.js";
import { schemeAware } from "./theme.js";
import { Validator } from "../language/validate.js";

const LINT_DELAY_MS = 500;

const setRunError = StateEffect.define();
/** Lint again although the text did not change (the engine became ready, the clock changed):
 * CodeMirror's forceLinting alone only hurries a lint that is already due. */
const relintEffect = StateEffect.define();

/** The last Run's error (`{pointer, message}`); dropped as soon as the text changes. */
const runErrorField = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setRunError)) return effect.value;
    return tr.docChanged ? null : value;
  },
});

/** The schema's reading of the query language, shared by completion, hover and lint. */
function queryLanguage(schema) {
  const validator = new Validator(schema);
  const paths = new SchemaPaths(validator);
  return { validator, paths, messages: new Messages(paths) };
}

/** Rendered docs: schema Markdown, with links only into the site at `siteRoot`. */
function docsElement(markdown, siteRoot) {
  const dom = document.createElement("div");
  dom.className = "sr-pg-docs";
  dom.innerHTML = renderMarkdown(markdown, { base: siteRoot, inline: false });
  return dom;
}

// ---- lint -----------------------------------------------------------------------------------

function diagnostic(state, { pointer, message, source, key, hint }) {
  // No `source` label: the reader needs the message, not which checker found it.
  const { from, to } = pointerRange(state, pointer, { key });
  const renderMessage = () => {
    const box = document.createElement("span");
    const text = box.appendChild(document.createElement("span"));
    // Our own sentences are Markdown; the engine's and a server's may echo the query: text.
    text.innerHTML = source === "schema" ? renderMarkdown(message) : renderCodeSpans(message);
    if (hint) {
      const plain = box.appendChild(document.createElement("span"));
      plain.className = "sr-pg-lint-hint";
      plain.innerHTML = renderCodeSpans(hint); // may quote the query too
    }
    return box;
  };
  const words = [message, hint].filter(Boolean).map((text) => text.replace(/`/g, ""));
  return { from, to, severity: "error", message: words.join("\n"), renderMessage };
}

function schemaProblems(language, query) {
  return language.validator.check(query).map((error) => ({
    pointer: toPointer(error.path),
    message: language.messages.message(error),
    source: "schema",
    key: error.kind === "additionalProperties",
  }));
}

/** The one linter: parse, schema, engine (`check(query)` resolves to a verdict or null), Run. */
function queryLinter(language, check) {
  return linter(
    async (view) => {
      const text = view.state.doc.toString();
      const parse = parseProblem(text);
      if (parse) {
        const to = Math.min(parse.from + 1, text.length);
        return [{ from: Math.min(parse.from, to), to, severity: "error", message: parse.message }];
      }
      const query = JSON.parse(text);
      const verdict = await check(query);
      const runError = view.state.field(runErrorField);
      const authoritative = [...engineProblems(verdict, "engine"), ...engineProblems(runError, "response")];
      const seen = new Set();
      return mergeProblems(schemaProblems(language, query), authoritative)
        .filter((p) => !seen.has(`${p.pointer} ${p.message}`) && seen.add(`${p.pointer} ${p.message}`))
        .map((problem) => diagnostic(view.state, problem));
    },
    {
      delay: LINT_DELAY_MS,
      needsRefresh: (update) =>
        update.transactions.some((tr) => tr.effects.some((e) => e.is(setRunError) || e.is(relintEffect))),
    },
  );
}

// ---- closers completion wrote -----------------------------------------------------------------

const addClosers = StateEffect.define();
/** A closing quote or bracket completion wrote: one character, kept while the text around it
 * moves (ranges drawn like CodeMirror's own closed brackets). */
const closer = new (class extends RangeValue {})();
closer.startSide = 1;
closer.endSide = -1;

/** The closers completion wrote, on the cursor's line (as CodeMirror keeps its own). */
const closersField = StateField.define({
  create: () => RangeSet.empty,
  update(value, tr) {
    let closers = value.map(tr.changes);
    if (tr.selection) {
      const line = tr.state.doc.lineAt(tr.selection.main.head);
      closers = closers.update({ filter: (from) => from >= line.from && from <= line.to });
    }
    for (const effect of tr.effects) {
      if (effect.is(addClosers)) closers = closers.update({ add: effect.value.map((at) => closer.range(at, at + 1)), sort: true });
    }
    return closers;
  },
});

function closerAt(state, pos) {
  let found = false;
  state.field(closersField).between(pos, pos + 1, (from) => {
    if (from === pos) found = true;
  });
  return found && `"]}`.includes(state.doc.sliceString(pos, pos + 1));
}

/** The positions of the JSON closers (a string's closing quote, `]`, `}`) in `text`, which
 * starts outside a string at `offset`, from `after` on. */
function closersIn(text, offset, after) {
  const found = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString && c === "\\") i++;
    else if (c === '"') {
      if (inString && offset + i >= after) found.push(offset + i);
      inString = !inString;
    } else if (!inString && (c === "]" || c === "}") && offset + i >= after) found.push(offset + i);
  }
  return found;
}

/** Typing the closer that stands at the cursor, written by completion, steps over it. */
const stepOverClosers = EditorView.inputHandler.of((view, from, to, text) => {
  const { main } = view.state.selection;
  if (text.length !== 1 || from !== to || !main.empty || main.head !== from) return false;
  if (view.state.doc.sliceString(from, from + 1) !== text || !closerAt(view.state, from)) return false;
  view.dispatch({ changes: { from, to: from + 1, insert: text }, selection: { anchor: from + 1 }, userEvent: "input.type" });
  return true;
});

/** Tab: accept the completion shown; else the next field of a template, its choices listed;
 * else over a closer completion wrote; else the browser's (out of the editor). */
const tabKey = Prec.highest(keymap.of([{
  key: "Tab",
  run: (view) => {
    if (completionStatus(view.state) === "active") return (acceptCompletion(view), true); // never out of an open list
    if (nextSnippetField(view)) return (offerNext(view), true);
    const { main } = view.state.selection;
    if (!main.empty || !closerAt(view.state, main.head)) return false;
    view.dispatch({ selection: { anchor: main.head + 1 } });
    return true;
  },
}]));

// ---- completion and hover -------------------------------------------------------------------

/**
 * Insert a completion over the slot at the cursor, then offer the next one where it asks. A
 * string value leaves the caret before its closing quote, as typing it would: inside quotes
 * that were there, it replaces the text between them (so the cursor stays in the field of a
 * template it was typed into, and Tab reaches the next one). The closers written after the
 * caret are remembered.
 */
function applyOption(view, option) {
  const head = view.state.selection.main.head;
  const slot = slotAt(view.state.doc.toString(), head);
  const [from, to, insert] = [slot?.from ?? head, slot?.to ?? head, option.insert];
  if (option.snippet) {
    const length = view.state.doc.length;
    snippet(insert)(view, null, from, to);
    const inserted = view.state.doc.sliceString(from, from + view.state.doc.length - length + to - from);
    view.dispatch({ effects: addClosers.of(closersIn(inserted, from, view.state.selection.main.head)) });
  } else if (slot?.node?.kind === "string" && slot.node.closed && /^".*"$/s.test(insert)) {
    const text = insert.slice(1, -1);
    const caret = from + 1 + text.length;
    view.dispatch({
      changes: { from: from + 1, to: to - 1, insert: text },
      selection: { anchor: caret },
      effects: addClosers.of([caret]),
      userEvent: "input.complete",
    });
  } else {
    const quote = stringValueEnd(option, insert);
    const caret = from + (quote ?? insert.length);
    view.dispatch({
      changes: { from, to, insert },
      selection: { anchor: caret },
      effects: addClosers.of(quote === null ? [] : [caret]),
      userEvent: "input.complete",
    });
  }
  if (option.reopen) offerNext(view);
}

/** Where the closing quote of a string value stands in `insert` (which may hold the commas
 * around it), or null for a key or any other value. */
function stringValueEnd(option, insert) {
  if (option.type === "property") return null;
  const value = insert.replace(/^, /, "").replace(/, $/, "");
  try {
    return typeof JSON.parse(value) === "string" ? insert.lastIndexOf('"') : null;
  } catch {
    return null;
  }
}

/** Open the completion list for where the cursor has just moved to. */
function offerNext(view) {
  setTimeout(() => startCompletion(view), 0);
}

function completionSource(language, context, siteRoot) {
  return (request) => {
    const slot = slotAt(request.state.doc.toString(), request.pos);
    const result = new Completer({ ...language, ...context() }).completionsAt(slot);
    if (!result) return null;
    return {
      from: result.matchFrom,
      validFor: slot.node?.kind === "string" ? /^[^"\\\n]*$/ : /^[\w:.\-/]*$/,
      options: result.options.map((option, i) => ({
        label: option.label,
        detail: option.detail,
        type: option.type,
        boost: Math.max(-99, 99 - i), // keep the schema's order where the typed text does not decide
        section: option.section,
        info: option.info ? () => docsElement(option.info, siteRoot) : undefined,
        apply: (view) => applyOption(view, option),
      })),
    };
  };
}

function hoverSource(language, context, siteRoot) {
  return hoverTooltip((view, pos) => {
    const docs = hoverDocs(view.state.doc.toString(), pos, { ...language, ...context() });
    if (!docs) return null;
    return { pos: docs.from, end: docs.to, above: true, create: () => ({ dom: docsElement(docs.markdown, siteRoot) }) };
  });
}

/** Whether the update changed the text through the reader's input (not `setText`). */
function typedBy(update) {
  return update.transactions.some((tr) => tr.docChanged && tr.annotation(Transaction.userEvent));
}

/**
 * Mount an editor in `parent`. `schema` is the query schema, `siteRoot` the site's root URL (for
 * links in docs). `context()` returns the widget's `{clock, live, data}` now (`data`: what it
 * offers for the sites, the docs build's editor data or a sites file's); `onRun` is bound to
 * Ctrl/Cmd+Enter; `onChange` runs after each edit the reader makes; `check` is the engine's
 * validator. Returns the small interface the widget uses.
 */
export function createEditor(parent, { doc, schema, siteRoot, context, onRun, onChange, check }) {
  const language = queryLanguage(schema);
  const runKey = Prec.highest(
    keymap.of([{ key: "Mod-Enter", preventDefault: true, run: () => (onRun(), true) }]),
  );
  const scheme = schemeAware();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        runKey,
        tabKey,
        Prec.high(stepOverClosers),
        closersField,
        basicSetup,
        scheme.extensions,
        EditorView.lineWrapping,
        lintGutter(),
        json(),
        jsonLanguage.data.of({ autocomplete: completionSource(language, context, siteRoot) }),
        hoverSource(language, context, siteRoot),
        runErrorField,
        queryLinter(language, check),
        EditorView.contentAttributes.of({ "aria-label": "Query (JSON)" }),
        EditorView.updateListener.of((update) => typedBy(update) && onChange()),
      ],
    }),
  });
  scheme.watch(view);
  return {
    view,
    getText: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    /** Apply one change of the builder's (`{from, to, insert}`), an edit the reader can undo. */
    applyChange(change) {
      view.dispatch({ changes: change, userEvent: "input.builder" });
    },
    /** Select `from`..`to` and show it, with the focus in the editor. */
    select(from, to) {
      view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
      view.focus();
    },
    /** Mark the part of the query `pointer` names with `message` (a Run's error) and `hint`. */
    markError(pointer, message, hint = null) {
      view.dispatch({ effects: setRunError.of({ pointer, message, hint }) });
      forceLinting(view);
    },
    /**
     * The problems of an answer's error (`{message, pointer, hint}`, one per line of a
     * multi-line message), each at its finest place, with the rule's hint or the schema's
     * words for the same mistake.
     */
    explain(query, verdict) {
      return mergeProblems(schemaProblems(language, query), engineProblems(verdict, "response"))
        .filter((problem) => problem.source === "response");
    },
    focus: () => view.focus(),
    /** Check the query again (the engine's check became available, the clock changed). */
    relint() {
      view.dispatch({ effects: relintEffect.of(null) });
      forceLinting(view);
    },
  };
}
