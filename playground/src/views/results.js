// The Response panel: status and time, then Table / Chart / JSON / Compare views of a success,
// or the error exactly as the API returned it, with our plain hints under it saying what to
// change (never mixed into the API's text).
import { download, h, scrollBox, segmented, withCode } from "../lib/dom.js";
import { formatJson } from "../lib/format.js";
import { renderChart } from "./chart.js";
import { renderDiff } from "./diff.js";
import { renderTable, toCsv } from "./table.js";

const STATUS_TEXT = {
  0: "No response",
  200: "OK",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  504: "Gateway Timeout",
};

function statusLine({ status, ms, where, documented }, action, clock) {
  const ok = status >= 200 && status < 300;
  return h(
    "p",
    { class: "sr-pg-statusline" },
    h("span", { class: `sr-pg-status ${ok ? "sr-pg-ok" : "sr-pg-bad"}` },
      status ? `${status} ${STATUS_TEXT[status] ?? ""}`.trim() : STATUS_TEXT[0]),
    documented ? null : h("span", { class: "sr-pg-time" }, `${Math.round(ms)} ms`),
    h("span", { class: "sr-pg-where" }, where),
    clock && status ? h("span", { class: "sr-pg-clocktext" }, clock.text) : null,
    action,
    clock && status ? clock.control : null,
  );
}

/** A response body as formatted JSON, in a box that scrolls. */
export function jsonView(body, label = "Response JSON") {
  return scrollBox("pre", label, { class: "sr-pg-json" }, h("code", {}, formatJson(body)));
}

function views({ query, result, documented, against, types, slug }) {
  const body = result.body;
  const list = [];
  if (Array.isArray(body.results)) {
    const csv = h("button", {
      type: "button",
      class: "sr-pg-btn",
      onclick: () => download(`${slug || "query"}.csv`, toCsv(query, body), "text/csv"),
    }, "Download CSV");
    list.push({ id: "table", label: "Table", render: () => h("div", {}, renderTable(query, body, types), csv) });
    const chart = renderChart(query, body, types);
    if (chart) list.push({ id: "chart", label: "Chart", render: () => chart });
  }
  list.push({ id: "json", label: "JSON", render: () => jsonView(body) });
  if (documented && against) {
    const render = () => renderDiff(documented, body, { ...against, receivedClock: result.clock });
    list.push({ id: "compare", label: "Compare", render });
  }
  return list;
}

/** Our hints as list items, their backticked names as code. */
export function hintItems(hints) {
  return hints.map((hint) => h("li", {}, withCode(hint)));
}

/**
 * Fill `panel` with `result` (`{status, body, ms, where, documented, recovery, clock, hints}`)
 * of `query`: `recovery` holds controls offered under an error, `hints` our sentences saying
 * what to change. `documented` is the example's response when the widget shows an example,
 * `against` what Compare names ({title, edited, documentedClock}); `clock` is {text, control}
 * for the status line; `types` maps metric names to value types; `action` is an optional
 * control for the status line. An answer's error is shown as the API's text; ours (no answer,
 * status 0) with its backticked names as code.
 */
export function renderResponse(panel, options) {
  const { result, action = null, clock = null } = options;
  const children = [statusLine(result, action, clock)];
  if (result.body && typeof result.body.error === "string") {
    const text = result.status ? result.body.error : withCode(result.body.error);
    children.push(h("div", { class: "sr-pg-error", role: "alert" }, text));
    children.push(h("ul", { class: "sr-pg-error-hints" }, hintItems(result.hints ?? [])));
    if (result.recovery) children.push(h("p", { class: "sr-pg-actions" }, result.recovery));
    if (result.pointer) {
      children.push(h("p", { class: "sr-pg-hint" }, `The query is marked at ${result.pointer}.`));
    }
  }
  if (result.status) children.push(...responseViews(options));
  panel.replaceChildren(...children); // no answer (status 0): the message says it all
}

function responseViews(response) {
  const available = views(response);
  const stage = h("div", { class: "sr-pg-view" });
  const show = (i) => stage.replaceChildren(available[i].render());
  show(0);
  const options = available.map((view) => ({ label: view.label, "data-view": view.id }));
  return [segmented("View", options, show), stage];
}
