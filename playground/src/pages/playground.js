// Entry point, loaded as a module script on every docs page: turns each
// `<div class="sr-playground" data-example="<slug>">` into a runnable widget, and gives code
// samples their target picker. The Playground page's container has `data-example=""` and class
// `sr-full`: it gets an example picker and keeps its query in the URL fragment.
//
// This file stays small and starts nothing heavy: the editor chunk loads on the first focus or
// Run (prefetched once the page is idle, unless the browser asks to save data; on the
// Playground page at once, with the schema, alongside the examples), the Python runtime only
// when a reader runs an edited query (see widget/).
import { once, whenIdle } from "../lib/dom.js";
import { formatJson } from "../lib/format.js";
import { enhanceMigration } from "./migrate.js";
import { landOnName, landOnNameClicks } from "./landing.js";
import { MAX_FRAGMENT, decodeFragment, permalink } from "../lib/permalink.js";
import { probeServer } from "../runners/runners.js";
import { enhanceSamples, pageServer, pageTargets } from "../runners/targets.js";
import { siteContext } from "../widget/context.js";
import { Widget } from "../widget/widget.js";

const site = siteContext(new URL("../../", import.meta.url));
const saveData = Boolean(navigator.connection?.saveData);

/** What every widget of every page shares (one worker, one schema), across instant navigation. */
const sharedContext = once(async () => {
  const examples = await site.fetchJson("assets/examples.json");
  const shared = {
    ...site,
    examples,
    saveData,
    defaultNow: examples[0]?.now ?? new Date().toISOString(),
    server: pageServer,
    probeServer, // asked afresh when the engine fails: the server may have stopped or started
    linkFor: permalink, // Link copies this page's address with the query
  };
  // For the browser's console and the end-to-end tests: the worker client, its deadlines.
  window.statsrefPlayground = shared;
  return shared;
});

/** The container a `#q=` fragment is meant for: its example's, else the Playground's, else the first. */
function fragmentTarget(containers, fragment) {
  return (
    containers.find((c) => fragment.example && c.dataset.example === fragment.example) ??
    containers.find((c) => c.classList.contains("sr-full")) ??
    containers[0]
  );
}

function initialText(example, fragment) {
  if (fragment) {
    try {
      return formatJson(JSON.parse(fragment.text));
    } catch {
      return fragment.text;
    }
  }
  return formatJson(example?.query ?? {});
}

/** Why the query of the page's link was not opened: a link holds up to MAX_FRAGMENT. */
function refusedLink(size) {
  return `This link's query was not opened: the link is ${size}, and links hold queries of up to ` +
    `${MAX_FRAGMENT / 1024} KB. Paste the query itself into the editor instead.`;
}

async function enhance() {
  enhanceSamples();
  const containers = [...document.querySelectorAll(".sr-playground:not(.sr-pg-claimed)")];
  if (!containers.length) return;
  containers.forEach((c) => c.classList.add("sr-pg-claimed"));
  if (containers.some((c) => c.classList.contains("sr-full"))) {
    // Its editor opens at once: fetch what it needs while the examples arrive.
    site.loadEditor().catch(() => {});
    site.schema().catch(() => {});
    site.editorData();
  }
  let shared;
  try {
    shared = await sharedContext();
  } catch (error) {
    console.warn("statsref playground: examples unavailable, keeping the static view:", error);
    return;
  }
  const { examples } = shared;
  const targets = pageTargets();
  const decoded = decodeFragment(window.location.hash);
  const fragment = decoded?.tooLong ? null : decoded;
  const target = decoded && fragmentTarget(containers, decoded);
  for (const container of containers) {
    const full = container.classList.contains("sr-full");
    const mine = container === target ? fragment : null;
    const slug = mine?.example ?? container.dataset.example ?? "";
    const example = examples.find((ex) => ex.slug === slug) ?? (full && !mine ? examples[0] : null);
    const linkSites = mine ? { marker: mine.sites } : null;
    const notice = container === target && decoded.tooLong ? refusedLink(decoded.tooLong) : null;
    const options = { example, full, text: initialText(example, mine), clock: mine?.clock, linkSites, notice };
    const widget = new Widget(container, { ...shared, targets }, options);
    container.statsrefWidget = widget; // for the browser's console and the end-to-end tests
    if (full) widget.activate();
    enhanceMigration(container, widget, shared); // the "Migrating from v1" form, on that page
  }
  if (!saveData) whenIdle(() => shared.loadEditor());
}

// Material's instant navigation swaps the page body without a reload: enhance after each swap
// too. Containers are claimed synchronously, so the two calls never enhance one twice.
enhance();
landOnNameClicks();
if (window.document$?.subscribe) {
  // A search result's `?name=` lands once Material has placed the page (see landing.js).
  window.document$.subscribe(() => {
    landOnName();
    enhance();
  });
} else {
  landOnName();
}
