// One section of the builder per key of the query, drawn by the kind of value the schema gives
// it (model.js `sectionKind`): the site as text with the sites offered; the date range as
// a choice of kinds (each named period, a number of days or months, a pair of dates); metrics
// as checkboxes, each disabled with the reason when the query's dimensions or filters rule it
// out (language/requirements.js); dimensions as rows; filters and sort keys (filters.js);
// include and pagination as their properties. Keys the schema does not know come last,
// read-only.
import { ROOT_KEY_SITE } from "../language/completion.js";
import { resolveRange } from "../language/dates.js";
import { resolvedRange, siteClock } from "../language/entry-docs.js";
import { listed } from "../language/messages.js";
import { h } from "../lib/dom.js";
import { button, capitalized, checkbox, fieldset, keyOf, removeButton, select } from "./controls.js";
import { filterList, nameOptions, tupleItems } from "./filters.js";
import { countExample, firstSentence, rangeKindOf, rangeKinds } from "./model.js";

/** A description's first clause, as plain text: "The N days before today". */
const gist = (text = "") => text.split(/[,.(]/)[0].replace(/`/g, "").trim();

/**
 * The section of `key`: its title and the first sentence of its description, then `draw()`'s
 * controls, or the value read-only when it has a mistake at (with `whole`, or below) its place.
 */
function part(b, key, draw, { whole = false } = {}) {
  const { title = key, description } = b.describe([key]);
  const help = description ? h("p", { class: "sr-pg-hint" }, b.markdown(firstSentence(description))) : null;
  const wrong = key in b.query && (whole ? b.problem([key]) : b.problem([key], { exact: true }));
  return fieldset(title, help, ...(wrong ? [b.island([key], title)] : [draw(title)].flat()));
}

function textSection(b, key) {
  return part(b, key, (title) => {
    const value = b.query[key];
    const sites = key === ROOT_KEY_SITE ? Object.entries(b.data?.sites ?? {}) : [];
    const listId = sites.length ? b.id() : undefined;
    const input = h("input", {
      type: "text",
      "data-key": keyOf([key], "text"),
      "aria-label": title,
      list: listId,
      value: value ?? "",
      placeholder: b.describe([key]).examples?.[0],
      autocomplete: "off",
      spellcheck: "false",
      onchange: () => (input.value ? b.set([key], input.value) : b.remove([key])),
    });
    const whose = b.data?.sitesFile ? `site of ${b.data.sitesFile}` : "demo site";
    const options = sites.map(([domain, site]) => h("option", { value: domain }, `${whose}, ${site.timezone}`));
    return [input, listId ? h("datalist", { id: listId }, options) : null];
  }, { whole: true });
}

function kindLabel({ kind, node, value }) {
  const { title, description } = node;
  if (kind === "name") return title ? `${title} (${value})` : String(value);
  return `${title} — ${gist(description)}`;
}

/** The value a date range takes when the reader picks `kind`: a pair covers the days the
 * current period covers. */
function startValue(b, kind, current) {
  if (kind.kind === "name") return kind.value;
  if (kind.kind === "count") return `${countExample(kind)}${kind.suffix}`;
  const example = b.paths.describe(kind.node).examples?.[0];
  const range = resolveRange(current, { clock: b.context().clock, ...siteClock(b.data, b.query), limits: b.data?.ranges });
  const dates = b.paths.expand(kind.node.prefixItems[0], undefined, null).some((n) => n.format === "date");
  return range && dates ? [range.first.slice(0, 10), range.last.slice(0, 10)] : example;
}

function rangeSection(b, key) {
  return part(b, key, (title) => {
    const kinds = rangeKinds(b.paths);
    const value = b.query[key];
    const current = value === undefined ? null : rangeKindOf(kinds, value, b.validator);
    if (value !== undefined && !current) return b.island([key], title);
    const kindKey = keyOf([key], "kind");
    const choice = select({
      label: title,
      key: kindKey,
      options: kinds.map((kind, i) => ({ value: i, label: kindLabel(kind) })),
      value: current ? kinds.indexOf(current) : undefined,
      placeholder: "Choose a period",
      onPick: (i) => b.set([key], startValue(b, kinds[i], value), kindKey),
    });
    const resolved = typeof value === "string" ? resolvedRange(value, { ...b.context(), data: b.data, query: b.query }) : null;
    return [
      h("div", { class: "sr-pg-b-row" }, choice, current ? rangeDetail(b, key, current, value) : null),
      resolved ? h("p", { class: "sr-pg-hint" }, `${resolved.text}, in ${resolved.known ? resolved.timezone : "UTC"}`) : null,
    ];
  }, { whole: true });
}

/** The number of a count kind (`14` of `14d`), or the two ends of a pair. */
function rangeDetail(b, key, kind, value) {
  if (kind.kind === "count") {
    const input = h("input", {
      type: "number", min: "1", step: "1", required: true,
      value: Number.parseInt(value, 10),
      "data-key": keyOf([key], "count"),
      "aria-label": `N of ${kind.node.title}`,
      onchange: () => (input.checkValidity() ? b.set([key], `${input.value}${kind.suffix}`) : input.reportValidity()),
    });
    return h("span", { class: "sr-pg-b-count" }, input, kind.suffix);
  }
  if (kind.kind !== "pair") return null;
  return ["From", "To"].map((end, i) => {
    const date = b.paths.expand(kind.node.prefixItems[i], undefined, null).some((n) => n.format === "date");
    const input = h("input", {
      type: date ? "date" : "text",
      value: value[i],
      required: true,
      "data-key": keyOf([key, i], "end"),
      "aria-label": `${end} (${kind.node.title})`,
      onchange: () => (input.value ? b.set([key, i], input.value) : input.reportValidity()),
    });
    return h("label", { class: "sr-pg-b-end" }, `${end} `, input);
  });
}

/** One checkbox per name the schema lists (metrics), with what rules it out. */
function checkboxSection(b, key) {
  return part(b, key, () => {
    const list = Array.isArray(b.query[key]) ? b.query[key] : [];
    const entries = b.paths.nodesAt([key, 0], undefined).filter((n) => "const" in n);
    const odd = list.flatMap((value, i) =>
      b.problem([key, i]) || list.indexOf(value) !== i ? [b.island([key, i], `${key} item ${i + 1}`)] : []);
    const boxes = entries.map((node) => {
      const name = node.const;
      const index = list.indexOf(name);
      const unmet = b.requirements.unmet(node, b.query);
      const why = unmet.length ? h("span", { class: "sr-pg-b-why" }, b.markdown(`Requires ${listed(unmet, "and")}.`)) : null;
      return h("li", {}, checkbox({
        key: keyOf([key, name], "check"),
        label: [h("code", {}, name), " ", node.title ?? ""],
        checked: index >= 0,
        disabled: index < 0 && unmet.length > 0,
        title: firstSentence(node.description).replace(/`/g, ""),
        notes: [h("span", { class: "sr-pg-offscreen-text" }, b.markdown(firstSentence(node.description))), why],
        ids: () => b.id(),
        onToggle: (on) => (on ? b.set([key, list.length], name) : b.remove([key, index], { prune: true })),
      }));
    });
    return [...odd, h("ul", { class: "sr-pg-b-checks" }, boxes)];
  });
}

/** A row per name (dimensions, in their order), then a choice of one to add. */
function namesSection(b, key) {
  return part(b, key, (title) => {
    const list = Array.isArray(b.query[key]) ? b.query[key] : [];
    const addKey = keyOf([key], "add");
    const rows = list.map((value, i) => {
      if (b.problem([key, i])) return h("li", {}, b.island([key, i], `${title} ${i + 1}`));
      const options = nameOptions(b, [key, i]);
      return h("li", { class: "sr-pg-b-row" },
        select({ label: `${title} ${i + 1}`, key: keyOf([key, i], "name"), options, value, onPick: (v) => b.set([key, i], v) }),
        removeButton(`${value} from ${title}`, keyOf([key, i], "remove"), () => b.remove([key, i], { prune: true, focus: addKey })));
    });
    const options = nameOptions(b, [key, list.length]);
    if (!options.length) return [h("ol", { class: "sr-pg-b-rows" }, rows)];
    const choice = select({ label: `${title}: one to add`, key: keyOf([key], "choice"), options, value: options[0].value, onPick: () => {} });
    const add = button("Add", () => b.set([key, list.length], options[Number(choice.value)].value, addKey), {
      "data-key": addKey,
      "aria-label": `Add the chosen one to ${title}`,
    });
    return [rows.length ? h("ol", { class: "sr-pg-b-rows" }, rows) : null, h("div", { class: "sr-pg-b-row" }, choice, add)];
  });
}

function filtersSection(b, key) {
  return part(b, key, () => filterList(b, [key], 0, ""));
}

/** Rows of tuples (sort keys): each item's control, then a button adding one like the
 * schema's example, its names swapped for ones the query allows there. */
function tuplesSection(b, key) {
  return part(b, key, (title) => {
    const list = Array.isArray(b.query[key]) ? b.query[key] : [];
    const tuple = b.paths.nodesAt([key, 0], undefined).find((n) => Array.isArray(n.prefixItems));
    const noun = (b.paths.describe(tuple).title ?? "item").toLowerCase();
    const addKey = keyOf([key], "add");
    const rows = list.map((_, i) => {
      const label = `${noun} ${i + 1}`;
      if (b.problem([key, i])) return h("li", {}, b.island([key, i], label));
      return h("li", { class: "sr-pg-b-row" }, tupleItems(b, [key, i], tuple, label),
        removeButton(label, keyOf([key, i], "remove"), () => b.remove([key, i], { prune: true, focus: addKey })));
    });
    const fresh = freshTuple(b, key, list.length, tuple);
    return [
      rows.length ? h("ol", { class: "sr-pg-b-rows" }, rows) : null,
      button(`+ ${capitalized(noun)}`, () => b.set([key, list.length], fresh, keyOf([key, list.length, 0], "name")), {
        "data-key": addKey,
        disabled: !fresh,
        "aria-label": `Add a ${noun} to ${title}`,
        title: fresh ? undefined : firstSentence(b.paths.describe(tuple).description),
      }),
    ];
  });
}

/** The tuple the schema gives as example, each name replaced by an allowed one; null when a
 * place allows none (no sort key before the query lists something to sort by). */
function freshTuple(b, key, index, tuple) {
  const example = b.paths.describe(tuple).examples?.[0] ?? [];
  const value = [];
  for (const [i, item] of example.entries()) {
    const probe = { ...b.query, [key]: [...(b.query[key] ?? []), [...value, item]] };
    const allowed = b.completer.entries([key, index, i], probe).filter((e) => "value" in e).map((e) => e.value);
    const taken = (b.query[key] ?? []).map((t) => t[i]);
    const pick = allowed.includes(item) && !(i === 0 && taken.includes(item)) ? item : allowed.find((v) => i > 0 || !taken.includes(v));
    if (pick === undefined) return null;
    value.push(pick);
  }
  return value;
}

/** An object's properties: a checkbox for each boolean, a number field for each integer. */
function objectSection(b, key) {
  return part(b, key, () => {
    const main = b.paths.nodesAt([key], undefined).find((n) => n.properties);
    const value = b.query[key] ?? {};
    return Object.entries(main?.properties ?? {}).map(([name, node]) => {
      const path = [key, name];
      const help = h("span", { class: "sr-pg-hint" }, b.markdown(firstSentence(node.description)));
      const fallback = node.default;
      const set = (v, unset) => (unset ? b.remove(path, { prune: true }) : b.set(path, v));
      if (node.type === "boolean") {
        return checkbox({
          key: keyOf(path, "check"),
          label: [h("code", {}, name), node.title ? ` ${node.title}` : ""],
          checked: value[name] ?? fallback ?? false,
          notes: [help],
          ids: () => b.id(),
          onToggle: (on) => set(on, on === (fallback ?? false)),
        });
      }
      const helpId = b.id();
      help.id = helpId;
      const input = h("input", {
        type: "number", step: "1", min: node.minimum, max: node.maximum,
        value: value[name] ?? "", placeholder: fallback,
        "data-key": keyOf(path, "number"),
        "aria-describedby": helpId,
        onchange: () => {
          if (!input.checkValidity()) return input.reportValidity();
          set(Number(input.value), input.value === "");
        },
      });
      return h("div", { class: "sr-pg-b-number" }, h("label", {}, h("code", {}, name), " ", input), " ", help);
    });
  }, { whole: true });
}

/** Keys the query language does not have, read-only. */
export function otherKeys(b, known) {
  const others = Object.keys(b.query).filter((key) => !known.includes(key));
  if (!others.length) return null;
  return fieldset("Not in the query language", h("p", { class: "sr-pg-hint" }, "The API refuses these keys."),
    others.map((key) => b.island([key], `the key ${key}`)));
}

export const SECTIONS = {
  text: textSection,
  range: rangeSection,
  checkboxes: checkboxSection,
  names: namesSection,
  filters: filtersSection,
  tuples: tuplesSection,
  object: objectSection,
};
