// An embedded widget's colour scheme: light, dark, or (data-theme="auto", the default) the host
// page's own. A page that switches schemes says so in its markup, each tool its own way; what
// it says wins over the reader's system preference (prefers-color-scheme), which it may have
// overridden. The widget follows the page when it switches.

/** The attribute values that name a scheme, as docs tools write them on <html> or <body>. */
const ATTRIBUTES = {
  "data-md-color-scheme": { slate: "dark", default: "light" }, // MkDocs Material
  "data-theme": { dark: "dark", light: "light" }, // Docusaurus, Starlight, Pico
  "data-bs-theme": { dark: "dark", light: "light" }, // Bootstrap
  "data-color-mode": { dark: "dark", light: "light" }, // Primer
};
/** Classes that name a scheme (VitePress and Tailwind's `dark`, mdBook's themes). */
const CLASSES = { dark: "dark", "dark-mode": "dark", "theme-dark": "dark", coal: "dark", navy: "dark", ayu: "dark",
  light: "light", "light-mode": "light", "theme-light": "light", rust: "light" };
export const WATCHED = [...Object.keys(ATTRIBUTES), "class", "style"];

/**
 * "dark", "light" or null: what a page's markup says. `elements`: the <html> and <body> as
 * `{attributes: {name: value}, classes: [...]}`; `colorScheme`: the computed `color-scheme` of
 * <html> (a page that sets only that says it too).
 */
export function markupScheme(elements, colorScheme = "normal") {
  for (const { attributes, classes } of elements) {
    for (const [name, values] of Object.entries(ATTRIBUTES)) {
      const said = values[attributes[name]];
      if (said) return said;
    }
    const said = classes.map((c) => CLASSES[c]).find(Boolean);
    if (said) return said;
  }
  return ["dark", "light"].includes(colorScheme.trim()) ? colorScheme.trim() : null;
}

function described(element) {
  if (!element) return { attributes: {}, classes: [] };
  const attributes = Object.fromEntries(Object.keys(ATTRIBUTES).map((name) => [name, element.getAttribute(name)]));
  return { attributes, classes: [...element.classList] };
}

const prefersDark = () => window.matchMedia("(prefers-color-scheme: dark)");

/** Whether the host page shows its dark scheme now. */
export function hostIsDark() {
  const { documentElement: html, body } = document;
  const said = markupScheme([described(html), described(body)], getComputedStyle(html).colorScheme);
  return said ? said === "dark" : prefersDark().matches;
}

const listeners = new Set();
let watching = false;

/** Call `listener` whenever the host's scheme may have changed (one observer for all widgets). */
function watchHost(listener) {
  listeners.add(listener);
  if (watching) return;
  watching = true;
  const notify = () => listeners.forEach((l) => l());
  const observer = new MutationObserver(notify);
  for (const element of [document.documentElement, document.body]) {
    if (element) observer.observe(element, { attributes: true, attributeFilter: WATCHED });
  }
  prefersDark().addEventListener("change", notify);
}

/**
 * The scheme source (editor/theme.js) of a widget with `theme`, which also marks `wrapper` with
 * `data-sr-scheme` for the widget's CSS, and keeps it marked as the host switches.
 */
export function widgetScheme(theme, wrapper) {
  const isDark = theme === "auto" ? hostIsDark : () => theme === "dark";
  const mark = () => wrapper.setAttribute("data-sr-scheme", isDark() ? "dark" : "light");
  mark();
  if (theme === "auto") watchHost(mark);
  return { isDark, watch: (listener) => theme === "auto" && watchHost(listener) };
}
