// The compare view: a line diff of the documented response and the one just received, both
// pretty-printed the same way. A plain LCS table is enough for responses of a few hundred lines.
import { h } from "./dom.js";
import { formatJson } from "./format.js";

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

/** The compare view of `documented` against `received` (both response bodies). */
export function renderDiff(documented, received) {
  const a = formatJson(documented).split("\n").slice(0, MAX_LINES);
  const b = formatJson(received).split("\n").slice(0, MAX_LINES);
  const lines = lcsDiff(a, b);
  const changed = lines.filter(([mark]) => mark !== " ").length;
  const summary = changed
    ? `${lines.filter(([m]) => m === "-").length} line(s) only in the documented response, ` +
      `${lines.filter(([m]) => m === "+").length} only in this response.`
    : "Identical to the documented response.";
  const classes = { " ": "", "-": "sr-pg-del", "+": "sr-pg-add" };
  return h(
    "div",
    { class: "sr-pg-diff" },
    h("p", { class: changed ? "sr-pg-diff-summary" : "sr-pg-diff-summary sr-pg-same" }, summary),
    h("pre", {}, lines.map(([mark, text]) => h("span", { class: classes[mark] }, `${mark} ${text}\n`))),
  );
}
