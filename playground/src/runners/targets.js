// Where code samples and live runs send a query: the real API (plausible.io), the reader's own
// instance, or the local mock server. One choice per reader, shared by every sample and widget
// of every page (and other tabs), remembered without any key. The list comes from the build
// (statsref.docsgen.snippets.TARGETS), in the `data-targets` attribute of sample and widget
// containers; the page shows the real API's samples until the reader picks another target.
// The "Local mock" samples are built for `statsref serve`'s default address; on a page that
// server serves (another port, another host), they name the page's own origin instead.
import { h, once } from "../lib/dom.js";
import { probeServer } from "./runners.js";
import { loadTarget, saveTarget } from "../lib/settings.js";

const CHANGED = "statsref:target";
const originals = new WeakMap(); // text node of a rewritten sample -> its text as built

/** Whether the page's origin is `statsref serve` (`{local, proxy}`), asked once per page. */
export const pageServer = once(() => probeServer());
let servedByMock = false; // set once pageServer() answers, when a mock target was chosen

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

/** The chosen target, with `base` set to the reader's URL for their own instance. */
export function currentTarget({ targets, placeholder }) {
  const saved = loadTarget();
  const target = targets.find((t) => t.id === saved.id) ?? targets[0];
  const instanceUrl = saved.instanceUrl.trim().replace(/\/+$/, "");
  const instance = target.base === placeholder;
  const base = instance && instanceUrl ? instanceUrl : mockBase(target);
  return { ...target, base, instance, instanceUrl, configured: base !== placeholder };
}

/** A mock target's base: the page's own origin when `statsref serve` serves the page. */
function mockBase(target) {
  return target.key && servedByMock ? window.location.origin : target.base;
}

export function chooseTarget(id, instanceUrl = loadTarget().instanceUrl) {
  saveTarget({ id, instanceUrl });
  window.dispatchEvent(new CustomEvent(CHANGED));
}

/** Call `listener` whenever the target changes, here or in another tab. */
export function onTargetChange(listener) {
  window.addEventListener(CHANGED, listener);
  window.addEventListener("storage", listener);
}

/** A "Send to" control: the target, and the instance URL when that is the target. */
export function targetPicker(page, { note = true } = {}) {
  const select = h("select", { class: "sr-target-select", "aria-label": "Send to",
    onchange: () => chooseTarget(select.value) },
    page.targets.map((t) => h("option", { value: t.id }, t.label)));
  const url = h("input", { type: "url", class: "sr-target-url", placeholder: page.placeholder,
    "aria-label": "Your instance's base URL", oninput: () => chooseTarget(select.value, url.value) });
  const hint = h("span", { class: "sr-target-hint" });
  const sync = () => {
    const target = currentTarget(page);
    select.value = target.id;
    url.hidden = !target.instance;
    if (document.activeElement !== url) url.value = target.instanceUrl;
    hint.textContent = keyHint(target, page);
  };
  sync();
  onTargetChange(sync);
  return h("div", { class: "sr-target" },
    h("label", {}, "Send to ", select), url, note ? hint : null);
}

function keyHint(target, { keyVariable }) {
  if (target.key && servedByMock) return `Key: ${target.key}. The mock is this page's own server.`;
  if (target.key) return `Key: ${target.key}. Start the mock with \`statsref serve\`.`;
  return `Key: a Stats API key in $${keyVariable} (account Settings, API Keys); use your own site's domain as site_id.`;
}

/**
 * Show the chosen target's samples, with the reader's instance URL in that target's and the
 * page's origin in the mock's when `statsref serve` serves the page (asked only once the
 * reader has chosen the mock, so other readers never send the request).
 */
function applyTarget(page) {
  const target = currentTarget(page);
  document.documentElement.dataset.srTarget = target.id;
  const instance = page.targets.find((t) => t.base === page.placeholder);
  if (instance) rewriteSamples(instance.id, page.placeholder, target.instanceUrl || page.placeholder);
  const mock = page.targets.find((t) => t.key);
  if (!mock || target.id !== mock.id) return;
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

/** Give each block of code samples on the page a target picker, and show the chosen target's. */
export function enhanceSamples(doc = document) {
  const page = pageTargets(doc);
  if (!page) return;
  for (const box of doc.querySelectorAll(".sr-samples:not(.sr-samples-ready)")) {
    box.classList.add("sr-samples-ready");
    box.prepend(targetPicker(page));
  }
  applyTarget(page);
  if (!enhanceSamples.listening) {
    enhanceSamples.listening = true;
    onTargetChange(() => {
      const current = pageTargets();
      if (current) applyTarget(current);
    });
  }
}
