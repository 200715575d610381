// The editor chunk, loaded only when a reader starts editing (see widget.js): CodeMirror 6 with
// codemirror-json-schema (completion, hover, schema lint) plus two lint sources of our own:
// the engine's semantic check, run in the worker as the reader types, and the error of the
// last Run, marked where its JSON pointer points until the text changes.
import { EditorView, basicSetup } from "codemirror";
import { EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { hoverTooltip, keymap } from "@codemirror/view";
import { forceLinting, linter, lintGutter } from "@codemirror/lint";
import { json, jsonLanguage, jsonParseLinter } from "@codemirror/lang-json";
import {
  handleRefresh,
  jsonCompletion,
  jsonSchemaHover,
  jsonSchemaLinter,
  stateExtensions,
} from "codemirror-json-schema";
import { disableErrorLogging } from "best-effort-json-parser";
import { hoverTexts } from "./hover.js";
import { renderCodeSpans } from "./markdown.js";
import { pointerRange } from "./pointer.js";
import { editorSchema } from "./schema-compat.js";
import { schemeAware } from "./theme.js";

disableErrorLogging();

const SEMANTIC_LINT_DELAY_MS = 500;

const setRunError = StateEffect.define();

/** The diagnostic of the last Run's error; dropped as soon as the text changes. */
const runErrorField = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setRunError)) return effect.value;
    return tr.docChanged ? null : value;
  },
});

function diagnosticAt(state, pointer, message, source) {
  const { from, to } = pointerRange(state, pointer ?? "");
  const renderMessage = () => {
    const text = document.createElement("span");
    // The engine's and the API's messages quote names in backticks, and the query's own
    // text: never markdown, so nothing in a query (or a permalink) becomes a link.
    text.innerHTML = renderCodeSpans(message);
    return text;
  };
  return { from, to, severity: "error", message, source, renderMessage };
}

function runErrorLinter() {
  return linter(
    (view) => {
      const error = view.state.field(runErrorField);
      return error ? [diagnosticAt(view.state, error.pointer, error.message, "response")] : [];
    },
    {
      delay: 0,
      needsRefresh: (update) =>
        update.transactions.some((tr) => tr.effects.some((e) => e.is(setRunError))),
    },
  );
}

/** The engine's validator, asked through `check(query)` which resolves to an error or null. */
function semanticLinter(check) {
  return linter(
    async (view) => {
      const text = view.state.doc.toString();
      let query;
      try {
        query = JSON.parse(text);
      } catch {
        return []; // the JSON parse linter already reports it
      }
      const error = await check(query);
      if (!error || view.state.doc.toString() !== text) return [];
      return [diagnosticAt(view.state, error.pointer, error.message, "engine")];
    },
    { delay: SEMANTIC_LINT_DELAY_MS },
  );
}

/** codemirror-json-schema's bundle (JSON, parse and schema lint, completion, hover, schema
 * state), with our hover texts; `getText` reads the editor's current text. */
function schemaSupport(schema, getText) {
  return [
    json(),
    linter(jsonParseLinter()),
    linter(jsonSchemaLinter(), { needsRefresh: handleRefresh }),
    jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
    hoverTooltip(jsonSchemaHover({ getHoverTexts: hoverTexts(getText) })),
    stateExtensions(editorSchema(schema)),
  ];
}

/**
 * Mount an editor in `parent`. `onRun` is bound to Ctrl/Cmd+Enter; `check` is the semantic
 * validator. Returns the small interface the widget uses.
 */
export function createEditor(parent, { doc, schema, onRun, check }) {
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
        basicSetup,
        scheme.extensions,
        EditorView.lineWrapping,
        lintGutter(),
        schemaSupport(schema, () => view.state.doc.toString()),
        semanticLinter(check),
        runErrorField,
        runErrorLinter(),
        EditorView.contentAttributes.of({ "aria-label": "Query (JSON)" }),
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
    /** Mark the part of the query `pointer` names with `message`. */
    markError(pointer, message) {
      view.dispatch({ effects: setRunError.of({ pointer, message }) });
      forceLinting(view);
    },
    focus: () => view.focus(),
  };
}
