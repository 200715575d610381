// The compare view: a line diff of the documented response and the one just received, both
// pretty-printed the same way. A plain LCS table is enough for responses of a few hundred lines.
// It always says what it compares against, and explains a difference that comes from the clock.
import { clockText } from "../runners/clock.js";
import { h, scrollBox } from "../lib/dom.js";
import { formatJson, sameJson } from "../lib/format.js";

const MAX_LINES = 1500;

function lcsDiff(a, b) {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) out.push([" ", a[i++]]), j++;
    else if (table[i + 1][j] >= table[i][j + 1]) out.push(["-", a[i++]]);
    else out.push(["+", b[j++]]);
  }
  while (i < n) out.push(["-", a[i++]]);
  while (j < m) out.push(["+", b[j++]]);
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

/** `value` with every date or datetime string replaced by one placeholder. */
function withoutDates(value) {
  if (Array.isArray(value)) return value.map(withoutDates);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutDates(v)]));
  return typeof value === "string" && DATE.test(value) ? "(a date)" : value;
}

/**
 * What the clocks say about a difference: `documentedClock` is the example's, `receivedClock`
 * the one the response was computed for (null: a live API's own). Null when they agree.
 */
export function clockNote(documented, received, { documentedClock, receivedClock }) {
  if (receivedClock === null) {
    return "This response comes from a live API, under its own clock and data, so its numbers and dates differ.";
  }
  if (!receivedClock || receivedClock === documentedClock) return null;
  const when = `this response was computed for ${clockText(receivedClock)}, the documented one for ${clockText(documentedClock)}`;
  if (sameJson(withoutDates(documented), withoutDates(received))) {
    return `Only the clock differs: ${when}; the numbers are the same.`;
  }
  return `The clocks differ: ${when}, so relative date ranges cover other days, with their own visits.`;
}

/**
 * The compare view of `documented` against `received` (both response bodies). `against`:
 * {title, edited, documentedClock, receivedClock}.
 */
export function renderDiff(documented, received, against) {
  const a = formatJson(documented).split("\n").slice(0, MAX_LINES);
  const b = formatJson(received).split("\n").slice(0, MAX_LINES);
  const lines = lcsDiff(a, b);
  const changed = lines.filter(([mark]) => mark !== " ").length;
  const summary = changed
    ? `${lines.filter(([m]) => m === "-").length} line(s) only in the documented response, ` +
      `${lines.filter(([m]) => m === "+").length} only in this response.`
    : "Identical to the documented response.";
  const classes = { " ": "", "-": "sr-pg-del", "+": "sr-pg-add" };
  const edits = against.edited ? ", whose query you have edited since" : "";
  const note = changed ? clockNote(documented, received, against) : null;
  return h(
    "div",
    { class: "sr-pg-diff" },
    h("p", { class: "sr-pg-diff-against" },
      `Compared with the documented response of the example “${against.title}”${edits}.`),
    h("p", { class: changed ? "sr-pg-diff-summary" : "sr-pg-diff-summary sr-pg-same" }, summary),
    note ? h("p", { class: "sr-pg-diff-clock" }, note) : null,
    scrollBox("pre", "Differences", {}, lines.map(([mark, text]) => h("span", { class: classes[mark] }, `${mark} ${text}\n`))),
  );
}
