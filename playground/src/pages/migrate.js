// The "From v1 or the dashboard" form around a widget: converts the v1 URL or curl command, or
// the dashboard URL (with the panel picked, or its top row), that the reader pastes with the
// converter in the in-browser engine (so it works on a static host too), puts the v2 query into
// the widget (the previous query's answer goes with the previous query) and lists the
// converter's notes beside it. With a comparison there are two queries (and a realtime view's
// current visitors make two); a toggle button per query loads each into the widget and shows
// which one it holds.
import { h, segmented } from "../lib/dom.js";
import { formatJson } from "../lib/format.js";
import { isoSeconds } from "../runners/clock.js";

const FIRST_LOAD =
  "Converting… The first conversion loads the Python runtime (a few megabytes, once).";

/** The instant periods count from: the mock's clock for the mocks, now for a live API. */
function now(widget) {
  return widget.runner === "live" ? isoSeconds(new Date()) : widget.now();
}

/** The last line of a message: a Python traceback ends with the exception and its text. */
function lastLine(message) {
  return message.trim().split("\n").pop();
}

function showNotes(list, notes) {
  list.replaceChildren(...notes.map((note) => h("li", {}, note)));
}

/** One button per converted query (with `compare`, two), the one in the widget pressed; each
 * puts its query into the widget. The first goes in at once. */
function showQueries(box, queries, widget) {
  const label = (query, i) => `Query ${i + 1}: ${[].concat(query.date_range).join(" to ")}`;
  const options = queries.map((query, i) => ({ label: label(query, i), class: "sr-pg-btn" }));
  const load = (i) => widget.replaceQuery(formatJson(queries[i]));
  box.replaceChildren(...(queries.length < 2 ? [] : [segmented("Converted queries", options, load)]));
  if (queries[0]) load(0);
}

async function convert(form, widget, python) {
  const [input, panel, button, status, box, list] = [".sr-migrate-input", ".sr-migrate-panel",
    ".sr-migrate-convert", ".sr-migrate-status", ".sr-migrate-queries", ".sr-migrate-notes ul"].map((s) => form.querySelector(s));
  button.disabled = true;
  status.textContent = python.engineReady ? "Converting…" : FIRST_LOAD;
  try {
    const result = await python.call("migrate", { text: input.value, now: now(widget), panel: panel?.value || null });
    status.textContent = result.error
      ? `Cannot convert: ${result.error}`
      : result.queries.length ? "" : "No v2 query: the notes say why.";
    showQueries(box, result.queries ?? [], widget);
    showNotes(list, result.notes ?? []);
  } catch (error) {
    status.textContent = `The in-browser engine could not convert: ${lastLine(error.message)}`;
    showQueries(box, [], widget);
    showNotes(list, []);
  } finally {
    button.disabled = false;
  }
}

/** Wire the form around `container`'s widget, if the container sits in one. */
export function enhanceMigration(container, widget, shared) {
  const form = container.closest(".sr-migrate");
  if (!form) return;
  if (form.dataset.query) {
    const query = JSON.parse(form.dataset.query);
    widget.knowWords(query, form.dataset.words); // written by the build, like an example's
    widget.replaceQuery(formatJson(query));
  }
  const button = form.querySelector(".sr-migrate-convert");
  button.addEventListener("click", () => convert(form, widget, shared.python));
  button.disabled = false;
}
