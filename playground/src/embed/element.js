// The `<statsref-query>` element: one widget in an open shadow root, so the host page's CSS
// cannot reach it and its own CSS (embed.css, with the widget's) stays inside. The query is the
// element's text; its documented response, if any, is a
// `<script type="application/json" data-statsref-response>` inside it or right after it.
import { h, once } from "../lib/dom.js";
import { Widget } from "../widget/widget.js";
import { readOptions } from "./options.js";
import { widgetScheme } from "./scheme.js";

export const ELEMENT = "statsref-query";
const RESPONSE = 'script[type="application/json"][data-statsref-response]';
const ATTRIBUTES = ["data-site", "data-clock", "data-theme", "data-height"];

/** The element's documented response script, as `{text, status}`, or null. */
function responseScript(element) {
  const next = element.nextElementSibling;
  const script = element.querySelector(`:scope > ${RESPONSE}`) ?? (next?.matches(RESPONSE) ? next : null);
  if (!script) return null;
  return { text: script.textContent, status: script.getAttribute("data-status") ?? undefined };
}

/** The query as written: the element's text, without that of a script inside it. */
function queryText(element) {
  return [...element.childNodes].filter((node) => !(node instanceof HTMLScriptElement)).map((node) => node.textContent).join("");
}

/**
 * The custom element's class. `context()` returns what the widgets of the page share (one
 * worker, one schema...); `build` is {sites, clock} for checking the attributes; `css` the
 * stylesheet every widget's shadow root adopts.
 */
export function queryElement({ context, build, css }) {
  const sheet = once(() => {
    const made = new CSSStyleSheet();
    made.replaceSync(css);
    return made;
  });

  return class StatsrefQuery extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return; // moved in the page: already a widget
      if (document.readyState === "loading") {
        // Upgraded while the parser may still be adding the query inside: wait for all of it.
        document.addEventListener("DOMContentLoaded", () => this.isConnected && this.connectedCallback(), { once: true });
        return;
      }
      const attributes = Object.fromEntries(ATTRIBUTES.map((name) => [name, this.getAttribute(name) ?? undefined]));
      const options = readOptions(attributes, queryText(this), responseScript(this), build);
      const shadow = this.attachShadow({ mode: "open" });
      shadow.adoptedStyleSheets = [sheet()];
      const container = h("div", { class: "sr-embed-widget" });
      const wrapper = h("div", { class: "sr-embed", "data-height": Boolean(options.height) },
        options.problems.length ? h("ul", { class: "sr-embed-problems", role: "status" },
          options.problems.map((problem) => h("li", {}, problem))) : null,
        container);
      if (options.height) wrapper.style.setProperty("--sr-editor-height", options.height);
      shadow.append(wrapper);
      const scheme = widgetScheme(options.theme, wrapper);
      this.widget = new Widget(container, { ...context(), scheme }, {
        example: options.example,
        full: false,
        text: options.text,
        pinned: options.pinned,
      });
    }
  };
}
