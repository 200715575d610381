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
import { decodeFragment } from "../lib/permalink.js";
import { PythonClient } from "../runners/pyclient.js";
import { enhanceSamples, pageServer, pageTargets } from "../runners/targets.js";
import { valueTypes } from "../views/values.js";
import { Widget } from "../widget/widget.js";

const SITE_ROOT = new URL("../../", import.meta.url);
const siteUrl = (path) => new URL(path, SITE_ROOT).href;
const saveData = Boolean(navigator.connection?.saveData);

async function fetchJson(path) {
  const response = await fetch(siteUrl(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

const schema = once(() => fetchJson("schema/query.schema.json"));
// What completion suggests beyond the schema (demo values, links): statsref.docsgen.editor_data.
const editorData = once(() => fetchJson("assets/editor.json").catch(() => ({})));
const loadEditor = once(() => import("../editor/editor.js"));
// Only when a reader opens a builder: never prefetched.
const loadBuilder = once(() => import("../builder/builder.js"));

/** What every widget of every page shares (one worker, one schema), across instant navigation. */
const sharedContext = once(async () => {
  const examples = await fetchJson("assets/examples.json");
  const shared = {
    examples,
    saveData,
    defaultNow: examples[0]?.now ?? new Date().toISOString(),
    playgroundUrl: siteUrl("playground/"),
    python: new PythonClient(new URL("./worker.mjs", import.meta.url)),
    schema,
    editorData,
    siteRoot: SITE_ROOT.href,
    server: pageServer,
    valueTypes: once(async () => valueTypes(await schema().catch(() => ({})))),
    loadEditor,
    loadBuilder,
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

async function enhance() {
  enhanceSamples();
  const containers = [...document.querySelectorAll(".sr-playground:not(.sr-pg-claimed)")];
  if (!containers.length) return;
  containers.forEach((c) => c.classList.add("sr-pg-claimed"));
  if (containers.some((c) => c.classList.contains("sr-full"))) {
    // Its editor opens at once: fetch what it needs while the examples arrive.
    loadEditor().catch(() => {});
    schema().catch(() => {});
    editorData();
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
  const fragment = decodeFragment(window.location.hash);
  const target = fragment && fragmentTarget(containers, fragment);
  for (const container of containers) {
    const full = container.classList.contains("sr-full");
    const mine = container === target ? fragment : null;
    const slug = mine?.example ?? container.dataset.example ?? "";
    const example = examples.find((ex) => ex.slug === slug) ?? (full && !mine ? examples[0] : null);
    const linkSites = mine ? { marker: mine.sites } : null;
    const options = { example, full, text: initialText(example, mine), clock: mine?.clock, linkSites };
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
