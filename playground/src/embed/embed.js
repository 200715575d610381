// Entry point of `/embed.js`, the one script another site's page loads to turn its Stats API
// queries into runnable widgets:
//
//   <script type="module" src="https://<this site>/embed.js"></script>
//   <pre data-statsref-query>{"site_id": "dummy.site", "metrics": ["visitors"], ...}</pre>
//
// Each `<pre data-statsref-query>` becomes a `<statsref-query>` element (which a page may also
// write itself), whose widget lives in a shadow root (element.js). The script defines that
// element and nothing else global. Until a reader touches a widget, the page has paid for this
// script and its styles only: the editor chunk loads on the first focus or Run, the Python
// runtime on the first Run of an edited query, both from this site, found next to this script
// (`import.meta.url`). Every widget of the page shares one context: one schema, one worker.
/* global STATSREF_SITE */ // {targets, clock, sites}: what the build knows, see build.mjs
import css from "./embed.css";
import { once } from "../lib/dom.js";
import { isoSeconds } from "../runners/clock.js";
import { readTargets } from "../runners/targets.js";
import { siteContext } from "../widget/context.js";
import { ELEMENT, queryElement } from "./element.js";

const BUILD = JSON.parse(STATSREF_SITE);
const MARKED = "pre[data-statsref-query]";
/** No mock server behind another site's page: its origin is never asked (its CSP may forbid it). */
const noServer = async () => ({ local: false, proxy: false });

const context = once(() => {
  const site = siteContext(new URL("./", import.meta.url));
  return {
    ...site,
    examples: [],
    saveData: Boolean(navigator.connection?.saveData),
    defaultNow: BUILD.clock ?? isoSeconds(new Date()),
    targets: readTargets(BUILD.targets),
    server: noServer,
    probeServer: noServer,
    linkFor: (fragment) => site.playgroundUrl + fragment, // Link opens the query in our Playground
  };
});

/** `<pre data-statsref-query>` as a `<statsref-query>` with its attributes (and id) and text. */
function upgrade(pre) {
  const element = document.createElement(ELEMENT);
  for (const { name, value } of pre.attributes) {
    if ((name.startsWith("data-") || name === "id") && name !== "data-statsref-query") element.setAttribute(name, value);
  }
  element.textContent = pre.textContent;
  pre.replaceWith(element);
}

function upgradeWithin(root) {
  if (root.matches?.(MARKED)) upgrade(root);
  else root.querySelectorAll?.(MARKED).forEach(upgrade);
}

/** Upgrade the page's queries, then those added later (single-page docs, instant navigation). */
function start() {
  upgradeWithin(document);
  new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach(upgradeWithin)))
    .observe(document.documentElement, { childList: true, subtree: true });
}

if (!customElements.get(ELEMENT)) {
  customElements.define(ELEMENT, queryElement({ context, build: BUILD, css }));
  // An `async` script may run while the page is parsed: a query must be whole before it is read.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
}
