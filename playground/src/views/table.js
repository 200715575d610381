// The table view of a response: one column per dimension and metric, formatted values, and the
// same rows as CSV for download.
import { h, scrollBox } from "../lib/dom.js";
import { formatValue, isRevenue, numeric } from "./values.js";

/** Column names of a response: the echoed query's, else the request's. */
export function columns(query, body) {
  const echoed = body?.query ?? {};
  return {
    dimensions: echoed.dimensions ?? query?.dimensions ?? [],
    metrics: echoed.metrics ?? query?.metrics ?? [],
  };
}

export function renderTable(query, body, types) {
  const { dimensions, metrics } = columns(query, body);
  const rows = body.results ?? [];
  const head = h(
    "tr",
    {},
    dimensions.map((d) => h("th", { scope: "col" }, d)),
    metrics.map((m) => h("th", { scope: "col", class: "sr-pg-num" }, m)),
  );
  const bodyRows = rows.map((row) =>
    h(
      "tr",
      {},
      (row.dimensions ?? []).map((v) => h("td", {}, v === null ? "—" : String(v))),
      (row.metrics ?? []).map((v, i) =>
        h("td", { class: "sr-pg-num", title: isRevenue(v) ? JSON.stringify(v) : null }, formatValue(v, types[metrics[i]])),
      ),
    ),
  );
  const caption = `${rows.length} row${rows.length === 1 ? "" : "s"}`;
  return scrollBox(
    "div",
    `Results table (${caption})`,
    { class: "sr-pg-tablewrap" },
    h("table", { class: "sr-pg-table" }, h("caption", {}, caption), h("thead", {}, head), h("tbody", {}, bodyRows)),
  );
}

function csvCell(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV: raw values, revenue as its amount plus a `<metric>_currency` column. */
export function toCsv(query, body) {
  const { dimensions, metrics } = columns(query, body);
  const rows = body.results ?? [];
  const revenue = metrics.map((_, i) => rows.some((r) => isRevenue(r.metrics?.[i])));
  const header = [...dimensions, ...metrics.flatMap((m, i) => (revenue[i] ? [m, `${m}_currency`] : [m]))];
  const lines = rows.map((row) => [
    ...(row.dimensions ?? []),
    ...(row.metrics ?? []).flatMap((v, i) =>
      revenue[i] ? [numeric(v), isRevenue(v) ? v.currency : ""] : [v],
    ),
  ]);
  return [header, ...lines].map((line) => line.map(csvCell).join(",")).join("\n") + "\n";
}
