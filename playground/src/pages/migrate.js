// The "Migrating from v1" form around a widget: converts the v1 URL or curl command the reader
// pastes with the converter in the in-browser engine (so it works on a static host too), puts
// the v2 query into the widget and lists the converter's notes beside it. With `compare` there
// are two queries; a button per query loads each into the widget.
import { h } from "../lib/dom.js";
import { formatJson } from "../lib/format.js";

const FIRST_LOAD =
  "Converting… The first conversion loads the Python runtime (a few megabytes, once).";

/** The date periods count from: the mock's clock for the mocks, today for a live API. */
function today(widget) {
  return widget.runner === "live" ? new Date().toLocaleDateString("sv") : widget.now().slice(0, 10);
}

/** The last line of a message: a Python traceback ends with the exception and its text. */
function lastLine(message) {
  return message.trim().split("\n").pop();
}

function showNotes(list, notes) {
  list.replaceChildren(...notes.map((note) => h("li", {}, note)));
}

function showQueries(box, queries, widget) {
  const label = (query, i) => `Query ${i + 1}: ${[].concat(query.date_range).join(" to ")}`;
  const buttons = queries.length < 2 ? [] : queries.map((query, i) =>
    h("button", { type: "button", class: "sr-pg-btn", onclick: () => widget.setText(formatJson(query)) }, label(query, i)));
  box.replaceChildren(...buttons);
  if (queries[0]) widget.setText(formatJson(queries[0]));
}

async function convert(form, widget, python) {
  const [input, button, status, box, list] = [".sr-migrate-input", ".sr-migrate-convert",
    ".sr-migrate-status", ".sr-migrate-queries", ".sr-migrate-notes ul"].map((s) => form.querySelector(s));
  button.disabled = true;
  status.textContent = python.engineReady ? "Converting…" : FIRST_LOAD;
  try {
    const result = await python.call("migrate", { text: input.value, today: today(widget) });
    status.textContent = result.error ? `Cannot convert: ${result.error}` : "";
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
  if (form.dataset.query) widget.setText(formatJson(JSON.parse(form.dataset.query)));
  const button = form.querySelector(".sr-migrate-convert");
  button.addEventListener("click", () => convert(form, widget, shared.python));
  button.disabled = false;
}
