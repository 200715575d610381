// The editor's colours follow the page's light/dark scheme: token colours are CSS variables (set
// per scheme in widget/widget.css), and CodeMirror's own light or dark base theme (tooltips,
// selection, gutters) is swapped when the scheme changes. On a docs page the scheme is
// Material's (`materialScheme`); an embedded widget passes its own (embed/scheme.js).
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

/**
 * A colour scheme the editor follows: `isDark()` now, and `watch(listener)` calling `listener`
 * whenever it may have changed. Material's is the `data-md-color-scheme` of the page's body.
 */
export const materialScheme = {
  isDark: () => document.body?.getAttribute("data-md-color-scheme") === "slate",
  watch(listener) {
    new MutationObserver(listener).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  },
};

function base(dark) {
  return EditorView.theme({}, { dark });
}

/** Extensions for a new editor; `watch(view)` keeps the view in step with `source`. */
export function schemeAware(source = materialScheme) {
  const scheme = new Compartment();
  let dark = source.isDark();
  const watch = (view) => {
    source.watch(() => {
      if (source.isDark() === dark) return;
      dark = source.isDark();
      view.dispatch({ effects: scheme.reconfigure(base(dark)) });
    });
  };
  return { extensions: [syntaxHighlighting(tokens), scheme.of(base(dark))], watch };
}
