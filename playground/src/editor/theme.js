// The editor's colours follow Material's light/dark scheme switch: token colours are CSS
// variables (set per scheme in playground.css), and CodeMirror's own light or dark base theme
// (tooltips, selection, gutters) is swapped when the reader toggles the scheme.
import { Compartment } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

const tokens = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--sr-tok-key)" },
  { tag: tags.string, color: "var(--sr-tok-string)" },
  { tag: tags.number, color: "var(--sr-tok-number)" },
  { tag: [tags.bool, tags.null], color: "var(--sr-tok-literal)" },
  { tag: tags.punctuation, color: "var(--sr-tok-punct)" },
]);

function isDark() {
  return document.body?.getAttribute("data-md-color-scheme") === "slate";
}

function base(dark) {
  return EditorView.theme({}, { dark });
}

/** Extensions for a new editor; they keep `view` in step with the page's colour scheme. */
export function schemeAware() {
  const scheme = new Compartment();
  let dark = isDark();
  const watch = (view) => {
    const observer = new MutationObserver(() => {
      if (isDark() === dark) return;
      dark = isDark();
      view.dispatch({ effects: scheme.reconfigure(base(dark)) });
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  };
  return { extensions: [syntaxHighlighting(tokens), scheme.of(base(dark))], watch };
}
