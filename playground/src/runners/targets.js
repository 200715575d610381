// Where a query goes: one choice per reader, named the same wherever it is made (a widget's
// "Run on", the "Run on" above code samples) and shared by every widget, sample and Copy as of
// every page (and other tabs), remembered without any key:
//   In-browser mock     Run: the engine in this page. Code cannot run in a page: samples and
//                       Copy as send to the local mock server, under the same clock.
//   Local mock server   Run, samples and Copy as: `statsref serve`.
//   Plausible, Your instance   Run (with the reader's key), samples and Copy as: that API.
// The choices besides the in-browser mock come from the build (statsref.docsgen.snippets.TARGETS),
// in the `data-targets` attribute of sample and widget containers. The local mock server is
// `statsref serve`'s default address; on a page that server serves (another port, another
// host), it is the page's own origin instead.
import { h, once, withCode } from "../lib/dom.js";
import { probeServer } from "./runners.js";
import { loadTarget, saveTarget } from "../lib/settings.js";

const CHANGED = "statsref:target";
const originals = new WeakMap(); // text node of a rewritten sample -> its text as built
export const IN_BROWSER = { id: "browser", label: "In-browser mock" };

/** Whether the page's origin is `statsref serve` (`{local, proxy}`), asked once per page. */
export const pageServer = once(() => probeServer());
let servedByMock = false; // set once pageServer() answers that it is

/** `{targets, keyVariable, placeholder}` of this page, or null on a page without samples. */
export function pageTargets(doc = document) {
  const holder = doc.querySelector("[data-targets]");
  if (!holder) return null;
  try {
    const { targets, key_variable: keyVariable, instance_placeholder: placeholder } =
      JSON.parse(holder.dataset.targets);
    return targets?.length ? { targets, keyVariable, placeholder } : null;
  } catch {
    return null;
  }
}

/** Every choice, in the order offered: the mocks first, then the live APIs. */
export function choices({ targets }) {
  return [IN_BROWSER, ...targets.filter((t) => t.key), ...targets.filter((t) => !t.key)];
}

/**
 * The reader's choice (the in-browser mock until they make one): `{id, label, runner}` where
 * `runner` is what Run uses ("browser", "local" or "live"), and `code`, where code samples and
 * Copy as send the query (`{id, base, key, configured}`, with the reader's URL for their own
 * instance and the page's origin for a mock that serves the page), plus `instanceUrl`.
 */
export function currentChoice(page) {
  const saved = loadTarget();
  const chosen = choices(page).find((c) => c.id === saved.id) ?? IN_BROWSER;
  const instanceUrl = saved.instanceUrl.trim().replace(/\/+$/, "");
  const mock = page.targets.find((t) => t.key);
  const target = chosen === IN_BROWSER ? mock : chosen;
  const instance = target.base === page.placeholder;
  const base = instance && instanceUrl ? instanceUrl : mockBase(target);
  const runner = chosen === IN_BROWSER ? "browser" : target.key ? "local" : "live";
  const code = { ...target, base, configured: base !== page.placeholder };
  return { id: chosen.id, label: chosen.label, runner, instance, instanceUrl, code };
}

/** A mock target's base: the page's own origin when `statsref serve` serves the page. */
function mockBase(target) {
  return target.key && servedByMock ? window.location.origin : target.base;
}

export function choose(id, instanceUrl = loadTarget().instanceUrl) {
  saveTarget({ id, instanceUrl });
  window.dispatchEvent(new CustomEvent(CHANGED));
}

/** Call `listener` whenever the choice changes, here or in another tab. */
export function onChoiceChange(listener) {
  window.addEventListener(CHANGED, listener);
  window.addEventListener("storage", listener);
}

/** The "Run on" select of the choice, kept in step with it; `extra` are its attributes. */
export function choiceSelect(page, extra = {}) {
  const select = h("select", { "aria-label": "Run on", ...extra, onchange: () => choose(select.value) },
    choices(page).map((c) => h("option", { value: c.id }, c.label)));
  const sync = () => (select.value = currentChoice(page).id);
  sync();
  onChoiceChange(sync);
  return select;
}

/** The URL field of "Your instance", shown while it is the choice. */
export function instanceField(page) {
  const url = h("input", { type: "url", class: "sr-target-url", placeholder: page.placeholder,
    "aria-label": "Your instance's base URL", oninput: () => choose(currentChoice(page).id, url.value) });
  const sync = () => {
    const choice = currentChoice(page);
    url.hidden = !choice.instance;
    if (document.activeElement !== url) url.value = choice.instanceUrl;
  };
  sync();
  onChoiceChange(sync);
  return url;
}

/** "Run on" above a block of code samples: the choice, the instance's URL and what it needs. */
function samplesPicker(page) {
  const hint = h("span", { class: "sr-target-hint" });
  const sync = () => hint.replaceChildren(...withCode(samplesHint(currentChoice(page), page)));
  sync();
  onChoiceChange(sync);
  return h("div", { class: "sr-target" },
    h("label", {}, "Run on ", choiceSelect(page, { class: "sr-target-select" })),
    instanceField(page), hint);
}

function samplesHint(choice, { keyVariable }) {
  const key = `Key: ${choice.code.key}.`;
  const mock = servedByMock ? "The mock is this page's own server." : "Start the mock with `statsref serve`.";
  if (choice.runner === "browser") {
    return "Code cannot run inside this page: these samples go to the local mock server, which " +
      `answers under the same clock. ${key} ${mock}`;
  }
  if (choice.runner === "local") return `${key} ${mock}`;
  return `Key: a Stats API key in $${keyVariable} (account Settings, API Keys); use your own site's domain as site_id.`;
}

/**
 * Show the samples of the choice's code target, with the reader's instance URL in that target's
 * and the page's origin in the mock's when `statsref serve` serves the page.
 */
function applyChoice(page) {
  const { code, instanceUrl } = currentChoice(page);
  document.documentElement.dataset.srTarget = code.id;
  const instance = page.targets.find((t) => t.base === page.placeholder);
  if (instance) rewriteSamples(instance.id, page.placeholder, instanceUrl || page.placeholder);
  const mock = page.targets.find((t) => t.key);
  if (!mock || code.id !== mock.id) return;
  rewriteSamples(mock.id, mock.base, mockBase(mock));
  if (!servedByMock) {
    pageServer().then(({ local }) => {
      if (local && window.location.origin !== mock.base) {
        servedByMock = true;
        window.dispatchEvent(new CustomEvent(CHANGED));
      }
    });
  }
}

/** Replace `from` by `to` in the text of one target's samples (from their text as built). */
function rewriteSamples(id, from, to) {
  for (const code of document.querySelectorAll(`.sr-sample[data-target="${id}"] code`)) {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!originals.has(node)) {
        if (!node.data.includes(from)) continue;
        originals.set(node, node.data);
      }
      node.data = originals.get(node).replaceAll(from, to);
    }
  }
}

/** Give each block of code samples on the page a "Run on", and show the chosen target's. */
export function enhanceSamples(doc = document) {
  const page = pageTargets(doc);
  if (!page) return;
  for (const box of doc.querySelectorAll(".sr-samples:not(.sr-samples-ready)")) {
    box.classList.add("sr-samples-ready");
    box.prepend(samplesPicker(page));
  }
  applyChoice(page);
  if (!enhanceSamples.listening) {
    enhanceSamples.listening = true;
    onChoiceChange(() => {
      const current = pageTargets();
      if (current) applyChoice(current);
    });
  }
}
