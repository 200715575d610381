// The builder's form controls, each with an accessible name and a `data-key` that stays the
// same from one drawing to the next (the builder redraws itself after every change and gives
// the focus back to the control with the same key). Values of any JSON type travel through a
// <select> by their index, never as text.
import { renderMarkdown } from "../language/markdown.js";
import { h } from "../lib/dom.js";

/** The `data-key` of the control playing `role` for the value at `path`. */
export const keyOf = (path, role) => `${JSON.stringify(path)}:${role}`;

export const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** Markdown of the schema (or of our own sentences) as inline HTML, links only into the site. */
export function markdown(text, base) {
  const span = h("span");
  span.innerHTML = renderMarkdown(text, { base });
  return span;
}

/** A group of controls for one part of the query, with its legend and a line of help. */
export function fieldset(legend, help, ...children) {
  return h("fieldset", { class: "sr-pg-b-part" }, h("legend", {}, legend), help, ...children);
}

/**
 * A <select> of `options` (`{value, label, group}`; `group` makes an <optgroup>), showing
 * `value`. A value not among the options is listed first, as it is, so the select never shows
 * something the query does not say. `onPick(value)` runs when the reader picks another one.
 */
export function select({ label, key, options, value, placeholder, onPick, describedBy }) {
  const listed = [...options];
  if (value !== undefined && !listed.some((o) => o.value === value)) listed.unshift({ value, label: typeof value === "string" ? value : JSON.stringify(value) });
  if (value === undefined && placeholder) listed.unshift({ value: undefined, label: placeholder });
  const element = h("select", { "aria-label": label, "data-key": key, "aria-describedby": describedBy });
  const groups = new Map();
  listed.forEach((option, index) => {
    const item = h("option", { value: String(index) }, option.label);
    item.selected = option.value === value;
    if (!option.group) return element.append(item);
    if (!groups.has(option.group)) element.append(groups.set(option.group, h("optgroup", { label: option.group })).get(option.group));
    groups.get(option.group).append(item);
  });
  element.addEventListener("change", () => {
    const picked = listed[Number(element.value)];
    if (picked.value !== undefined) onPick(picked.value);
  });
  return element;
}

/** A checkbox with its label (text or elements, `title` as its tooltip) and, below it, what else
 * it needs to say (`notes`, which describe it to assistive technology too). */
export function checkbox({ key, label, title, checked, disabled = false, onToggle, notes = [], ids }) {
  const described = notes.filter(Boolean).map((note) => {
    note.id ||= ids();
    return note;
  });
  const input = h("input", {
    type: "checkbox",
    "data-key": key,
    checked,
    disabled,
    "aria-describedby": described.map((n) => n.id).join(" ") || undefined,
    onchange: () => onToggle(input.checked),
  });
  return h("div", { class: `sr-pg-b-check${disabled ? " sr-pg-b-disabled" : ""}` },
    h("label", { title }, input, " ", label),
    described);
}

export function button(label, onclick, attrs = {}) {
  return h("button", { type: "button", class: "sr-pg-btn", onclick, ...attrs }, label);
}

/** The small remove button of a row, named for what it removes. */
export function removeButton(what, key, onclick) {
  return button("×", onclick, { class: "sr-pg-btn sr-pg-b-remove", "aria-label": `Remove ${what}`, title: `Remove ${what}`, "data-key": key });
}

/**
 * A part of the query the builder cannot show whole: its text as the reader wrote it, why,
 * and a way to it in the JSON. It is never rewritten.
 */
export function island({ label, text, reason, base, onEdit, key }) {
  return h("div", { class: "sr-pg-b-island", role: "group", "aria-label": `${label} (read only)` },
    h("pre", {}, h("code", {}, text)),
    reason ? h("p", { class: "sr-pg-b-why" }, markdown(reason, base)) : null,
    button("Edit in JSON", onEdit, { "data-key": key, "aria-label": `Edit in JSON: ${label}` }));
}
