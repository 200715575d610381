// Tuples drawn item by item from their schema (shapes in model.js): a filter's operator,
// dimension, clauses and modifiers, the filters nested in `and`/`or`, `not`, `has_done` and
// `has_not_done`, and a sort key's name and direction. The names a select offers are the ones
// completion offers at that place (language/completion.js), kept to those that leave the
// filter in the shape it is drawn in.
import { withValueAt, valueAtPath } from "../language/schema-paths.js";
import { h } from "../lib/dom.js";
import { button, capitalized, checkbox, keyOf, markdown, removeButton, select } from "./controls.js";
import { FILTER_DEPTH, firstSentence } from "./model.js";


/** What an item of a tuple is called: its title, or its alternatives' ("Metric or dimension"). */
function itemTitle(b, item) {
  const own = b.paths.describe(item).title;
  if (own) return own;
  const titles = (item.anyOf ?? item.oneOf ?? []).map((a) => b.paths.describe(a).title).filter(Boolean);
  const lower = (title, i) => (i ? title.charAt(0).toLowerCase() + title.slice(1) : title);
  return titles.length ? titles.map(lower).join(" or ") : "value";
}

/** The options for the names the query may hold at `path`: completion's entries, a pattern entry
 * as the names the site's demo data knows for it (custom properties). */
export function nameOptions(b, path) {
  return b.completer.entries(path, b.query).flatMap((entry) => {
    const group = entry.node["x-group"] ? capitalized(entry.node["x-group"].replace(/-/g, " ")) : undefined;
    if ("pattern" in entry) return b.completer.knownNames(entry.pattern, b.query).map((name) => ({ value: name, label: name, group }));
    const { title } = b.paths.describe(entry.node);
    const label = title && title !== entry.value ? `${entry.value} — ${title}` : String(entry.value);
    return [{ value: entry.value, label, group }];
  });
}

function nameSelect(b, tuplePath, index, name, shape) {
  const path = [...tuplePath, index];
  const tuple = valueAtPath(b.query, tuplePath);
  const keeps = (value) => !shape || b.shapes.shapeOf(withValueAt(tuple, [index], value)) === shape;
  return select({
    label: name,
    key: keyOf(path, "name"),
    options: nameOptions(b, path).filter((option) => keeps(option.value)),
    value: tuple[index],
    onPick: (value) => b.set(path, value),
  });
}

/** A filter's clauses: each value with a remove button, then a way to add one (the site's
 * demo values offered). */
function clauses(b, path, name) {
  const list = valueAtPath(b.query, path) ?? [];
  const known = (b.completer.clauseValues(path, b.query)?.values ?? []).filter((v) => !list.includes(v.value));
  const labels = new Map(known.map((v) => [v.value, v.label]));
  const types = new Set(b.paths.nodesAt([...path, list.length], b.query).flatMap((n) => [n.type ?? []].flat()));
  const addKey = keyOf(path, "add");
  const add = (value) => b.set([...path, list.length], value, addKey);
  const chips = list.map((value, i) =>
    h("li", {}, h("span", {}, String(value)),
      removeButton(`${JSON.stringify(value)} from ${name}`, keyOf([...path, i], "remove"), () =>
        b.remove([...path, i], { focus: addKey }))));
  return h("div", { class: "sr-pg-b-clauses", role: "group", "aria-label": name },
    chips.length ? h("ul", {}, chips) : null,
    types.has("string") ? textAdder(b, name, addKey, known, types, add) : pickAdder(name, addKey, known, labels, add));
}

/** A text field with the demo values as suggestions; Enter or Add adds what it holds. */
function textAdder(b, name, key, known, types, add) {
  const listId = b.id();
  const input = h("input", { type: "text", "data-key": key, "aria-label": `Add to ${name}`, list: listId, placeholder: "Add a value", autocomplete: "off", spellcheck: "false" });
  const commit = () => {
    const text = input.value;
    if (text === "") return;
    add(types.has("integer") && /^-?\d+$/.test(text) ? Number(text) : text);
  };
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    commit();
  });
  return h("span", { class: "sr-pg-b-adder" }, input,
    h("datalist", { id: listId }, known.map((v) => h("option", { value: String(v.value) }, v.label ?? ""))),
    button("Add", commit, { "aria-label": `Add the value to ${name}` }));
}

/** For clauses of whole numbers named in the demo data (segments): a choice of them. */
function pickAdder(name, key, known, labels, add) {
  const options = known.map((v) => ({ value: v.value, label: labels.get(v.value) ? `${v.value} — ${labels.get(v.value)}` : String(v.value) }));
  if (!options.length) return h("span", { class: "sr-pg-hint" }, "The site's data has no more values to add here; add others in JSON.");
  const choice = select({ label: `Value to add to ${name}`, key, options, value: options[0].value, onPick: () => {} });
  return h("span", { class: "sr-pg-b-adder" }, choice,
    button("Add", () => add(options[Number(choice.value)].value), { "aria-label": `Add the chosen value to ${name}` }));
}

/** A filter's modifiers (`case_sensitive`), where its operator allows them. */
function modifiers(b, path, node, name) {
  const value = valueAtPath(b.query, path);
  if (value === undefined && !b.paths.fitter(path, b.query)({})) return null;
  const properties = b.paths.expand(node, undefined, null).find((n) => n.properties)?.properties ?? {};
  return Object.entries(properties)
    .filter(([, property]) => property.type === "boolean")
    .map(([key, property]) => {
      const fallback = property.default ?? false;
      return checkbox({
        key: keyOf([...path, key], "check"),
        label: [h("code", {}, key), h("span", { class: "sr-pg-offscreen-text" }, ` (${name})`)],
        checked: value?.[key] ?? fallback,
        notes: [h("span", { class: "sr-pg-hint" }, markdown(firstSentence(property.description), b.siteRoot))],
        ids: () => b.id(),
        onToggle: (on) => (on === fallback ? b.remove([...path, key], { prune: true }) : b.set([...path, key], on)),
      });
    });
}

/** The controls of a tuple's items (`label` names the tuple, such as "filter 2.1"; a filter's
 * `number`, "2.1", numbers the filters nested in it). */
export function tupleItems(b, path, tuple, label, { depth = 0, shape = null, number = "" } = {}) {
  const kinds = b.shapes.kindsOf(tuple);
  return tuple.prefixItems.map((item, i) => {
    const name = `${itemTitle(b, item)} of ${label}`;
    switch (kinds[i]) {
      case "fixed":
        return h("code", { class: "sr-pg-b-fixed" }, JSON.stringify(item.const));
      case "name":
        return nameSelect(b, path, i, name, shape);
      case "clauses":
        return clauses(b, [...path, i], name);
      case "object":
        return modifiers(b, [...path, i], item, label);
      case "filter":
        return valueAtPath(b.query, [...path, i]) === undefined
          ? addButtons(b, [...path, i], label)
          : filterCard(b, [...path, i], depth + 1, `${number}.1`, false);
      default:
        return filterList(b, [...path, i], depth + 1, number);
    }
  });
}

/** One filter: its kind and controls, or, when the builder cannot draw it, its JSON read-only. */
function filterCard(b, path, depth, number, removable) {
  const title = `Filter ${number}`;
  if (depth >= FILTER_DEPTH) {
    return b.island(path, title, `The builder draws ${FILTER_DEPTH} levels of filters; this one is deeper.`);
  }
  const shape = b.shapes.shapeOf(valueAtPath(b.query, path));
  if (!shape) return b.island(path, title);
  const listPath = path.slice(0, -1);
  const kind = b.paths.describe(shape).title;
  return h("div", { class: "sr-pg-b-filter", role: "group", "aria-label": `${title}: ${kind}`, tabindex: "-1", "data-key": keyOf(path, "card") },
    h("div", { class: "sr-pg-b-filterhead" }, h("strong", {}, title), h("span", { class: "sr-pg-hint" }, kind),
      removable ? removeButton(`filter ${number}`, keyOf(path, "remove"), () =>
        b.remove(path, { prune: path.length === 2, focus: keyOf(listPath, "add") })) : null),
    h("div", { class: "sr-pg-b-items" }, tupleItems(b, path, shape, `filter ${number}`, { depth, shape, number })));
}

/** The filters of a list (the query's, or a group's) and the buttons that add one. */
export function filterList(b, listPath, depth, number) {
  const list = valueAtPath(b.query, listPath) ?? [];
  const item = (i) => (number ? `${number}.${i + 1}` : `${i + 1}`);
  return [
    list.length ? h("ol", { class: "sr-pg-b-filters" }, list.map((_, i) => h("li", {}, filterCard(b, [...listPath, i], depth, item(i), true)))) : null,
    addButtons(b, [...listPath, list.length], number ? `filter ${number}` : "the filters"),
  ];
}

/** One button for each kind of filter the place at `slot` may take (a behavioral filter takes
 * no other one), adding the kind's skeleton there. */
function addButtons(b, slot, where) {
  const fits = (value) => {
    const probe = withValueAt(b.query, slot, value);
    return b.completer.entries([...slot, 0], probe).some((entry) => entry.value === value[0]);
  };
  const kinds = b.shapes.skeletons().filter(({ value }) => fits(value));
  const key = keyOf(slot.length > 1 && typeof slot.at(-1) === "number" ? slot.slice(0, -1) : slot, "add");
  return h("div", { class: "sr-pg-b-add", role: "group", "aria-label": `Add a filter to ${where}` },
    kinds.map(({ title, value }, i) =>
      button(`+ ${title}`, () => b.set(slot, value, keyOf(slot, "card")), {
        "aria-label": `Add ${title} to ${where}`,
        "data-key": i === 0 ? key : keyOf(slot, `add${i}`),
      })));
}
