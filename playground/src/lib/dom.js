// A tiny element builder: h("button", {class: "x", onclick}, "Run").

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "class") el.className = value;
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, value);
  }
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** Our own sentences as nodes, their backticked names as code: "Run `statsref serve`." */
export function withCode(text) {
  return String(text).split("`").map((part, i) => (i % 2 ? h("code", {}, part) : part)).filter((part) => part !== "");
}

/**
 * A box that scrolls, which keyboard users can reach and scroll too: focusable, and a region
 * named by `label` for screen readers.
 */
export function scrollBox(tag, label, attrs, ...children) {
  return h(tag, { ...attrs, tabindex: "0", role: "region", "aria-label": label }, ...children);
}

/**
 * A group of toggle buttons (`aria-pressed`), the first one pressed. `options` are the buttons'
 * `{label, ...attributes}`; `onPick(index)` runs when one is pressed.
 */
export function segmented(label, options, onPick) {
  const buttons = options.map(({ label: text, ...attrs }, i) =>
    h("button", {
      type: "button",
      ...attrs,
      "aria-pressed": String(i === 0),
      onclick: () => {
        buttons.forEach((b, j) => b.setAttribute("aria-pressed", String(j === i)));
        onPick(i);
      },
    }, text),
  );
  return h("div", { class: "sr-pg-seg", role: "group", "aria-label": label }, buttons);
}

/** Offer `text` as a file download named `filename`. */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Copy `text`, falling back to a hidden textarea where the Clipboard API is unavailable. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // no Clipboard API, no permission, or not a secure context: use the old way
  }
  const area = h("textarea", { class: "sr-pg-offscreen", readonly: true });
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

/** `load` (which returns a promise) called on first use only; later calls get the same one. */
export function once(load) {
  let promise = null;
  return () => (promise ??= load());
}

/** Run `fn` once the browser is idle (or soon, where requestIdleCallback is missing). */
export function whenIdle(fn) {
  if ("requestIdleCallback" in window) requestIdleCallback(fn, { timeout: 3000 });
  else setTimeout(fn, 200);
}
