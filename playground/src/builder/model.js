// What the builder draws, read from the query schema (through language/schema-paths.js), as pure
// functions of the query: the kind of section each top-level key gets, the kind of control each
// item of a tuple gets (a filter's operator, dimension, clauses, modifiers, nested filters), the
// schema alternative a filter has the shape of, the parts it cannot draw whole (shown read-only,
// "edit in JSON"), the kinds of date range, and the filters a list can start from.
import { INCOMPLETE } from "../language/validate.js";

/** The levels of filters the builder draws: the top-level ones, those inside them, and so on;
 * deeper ones are left to the JSON (shown read-only). */
export const FILTER_DEPTH = 3;

const isTuple = (node) => Array.isArray(node?.prefixItems);
const within = (path, prefix) => prefix.length <= path.length && prefix.every((key, i) => path[i] === key);

/** The first error of `errors` at `path` (or below it, unless `exact`) that is a mistake, not a
 * part still missing. */
export function problemAt(errors, path, { exact = false } = {}) {
  const here = (e) => within(e.path, path) && (!exact || e.path.length === path.length);
  return errors.find((e) => !INCOMPLETE.has(e.kind) && here(e)) ?? null;
}

/** The first sentence of a description (its first paragraph when it has no full stop). */
export function firstSentence(text = "") {
  const paragraph = text.split("\n")[0];
  const end = /[.!?](?=\s|$)/.exec(paragraph);
  return end ? paragraph.slice(0, end.index + 1) : paragraph;
}

export class Shapes {
  /** `paths`: the SchemaPaths of the query schema. */
  constructor(paths) {
    this.paths = paths;
    this.validator = paths.validator;
    const resolve = (node) => (node.$ref ? this.validator.target(node.$ref) : node);
    this.filter = paths.nodesAt(["filters", 0], undefined).find((n) => n.anyOf?.every((a) => isTuple(resolve(a))));
    this.alternatives = this.filter.anyOf.map(resolve);
    this.kinds = new Map(this.alternatives.map((a) => [a, a.prefixItems.map((item) => this.kind(item))]));
  }

  expanded(node) {
    return this.paths.expand(node, undefined, null);
  }

  /**
   * The control an item of a tuple gets: "filter" (a nested filter), "filters" (a list of
   * them), "clauses" (values of the filter's dimension), "object" (modifiers), "fixed" (a
   * constant) or "name" (one of the names the schema lists there).
   */
  kind(node) {
    const nodes = this.expanded(node);
    if (nodes.includes(this.filter)) return "filter";
    if (nodes.some((n) => n.type === "array" && n.items && this.expanded(n.items).includes(this.filter))) return "filters";
    if (nodes.some((n) => "x-values-of-item" in n)) return "clauses";
    if (nodes.some((n) => n.type === "object")) return "object";
    if ("const" in node) return "fixed";
    return "name";
  }

  /** The item kinds of a tuple node (a filter alternative or a sort key). */
  kindsOf(tuple) {
    if (!this.kinds.has(tuple)) this.kinds.set(tuple, tuple.prefixItems.map((item) => this.kind(item)));
    return this.kinds.get(tuple);
  }

  /**
   * The filter alternative whose shape `value` has, judged without the filters nested in it
   * (each is judged on its own) and without parts still missing; null when it has none.
   */
  shapeOf(value) {
    if (!Array.isArray(value)) return null;
    return (
      this.alternatives.find((alternative) => {
        const kinds = this.kindsOf(alternative);
        const nested = ({ path }) => kinds[path[0]] === "filter" || (kinds[path[0]] === "filters" && path.length > 1);
        return this.validator.errors(value, alternative).every((e) => INCOMPLETE.has(e.kind) || (e.path.length > 0 && nested(e)));
      }) ?? null
    );
  }

  /**
   * `{title, value}` for each kind of filter: its first operator's documented example
   * (`x-example`), else the kind's own example, with the clauses emptied and a group cut to
   * its first filter. Kinds that start alike (a city filter is a simple one) are offered once.
   */
  skeletons() {
    const seen = new Set();
    this.starts ??= this.alternatives.flatMap((alternative) => {
      const first = alternative.prefixItems[0];
      const operators = this.expanded(first).filter((n) => "const" in n && !this.validator.errors(n.const, first).length);
      const example = operators.find((n) => n["x-example"])?.["x-example"] ?? this.paths.describe(alternative).examples?.[0];
      const value = example === undefined ? null : this.emptied(example);
      if (!value || seen.has(JSON.stringify(value))) return [];
      seen.add(JSON.stringify(value));
      return [{ title: this.paths.describe(alternative).title, value }];
    });
    return this.starts;
  }

  /** A filter with its clause lists emptied and its groups cut to their first filter. */
  emptied(value) {
    const shape = this.shapeOf(value);
    if (!shape) return value;
    const kinds = this.kindsOf(shape);
    return value.map((item, i) => {
      if (kinds[i] === "clauses") return [];
      if (kinds[i] === "filter") return this.emptied(item);
      if (kinds[i] === "filters") return item.slice(0, 1).map((f) => this.emptied(f));
      return item;
    });
  }

  /**
   * How the builder draws the top-level key `key`: "text", "object" (its properties),
   * "checkboxes" (a list of names), "names" (a list of names some of which follow a pattern,
   * as rows), "filters", "tuples" (a list of tuples such as sort keys) or "range" (one of
   * several kinds of value); null for anything else.
   */
  sectionKind(key) {
    const main = this.paths.nodesAt([key], undefined).find((n) => !n.$ref);
    if (!main) return null;
    if (main.type === "object") return "object";
    if (main.type === "string") return "text";
    if (main.type !== "array") return main.anyOf || main.oneOf ? "range" : null;
    const items = this.paths.nodesAt([key, 0], undefined);
    if (items.includes(this.filter)) return "filters";
    if (items.some(isTuple)) return "tuples";
    return items.some((n) => n.pattern && n.title) ? "names" : "checkboxes";
  }
}

/**
 * The kinds of value the date range takes: each named period (`{kind: "name", value}`), each
 * pattern of a number and a unit (`{kind: "count", suffix}`, as `Nd`), and each pair
 * (`{kind: "pair", node}`), in the schema's order.
 */
export function rangeKinds(paths) {
  return paths.nodesAt(["date_range"], undefined).flatMap((node) => {
    if ("const" in node) return [{ kind: "name", node, value: node.const }];
    const count = /^\^\[0-9\]\+(\w+)\$$/.exec(node.pattern ?? "");
    if (count && node.title) return [{ kind: "count", node, suffix: count[1] }];
    if (isTuple(node)) return [{ kind: "pair", node }];
    return [];
  });
}

/** The kind of `kinds` that `value` is (a named period before a pattern it also matches), or null. */
export function rangeKindOf(kinds, value, validator) {
  return (
    kinds.find((k) => {
      if (k.kind === "name") return k.value === value;
      if (k.kind === "count") return typeof value === "string" && new RegExp(k.node.pattern).test(value);
      return validator.errors(value, k.node).length === 0;
    }) ?? null
  );
}

/** The number a count kind starts at: the first word of its documented example it matches. */
export function countExample(kind) {
  const word = String(kind.node["x-example"] ?? "").split(/[\s:]+/).find((w) => new RegExp(kind.node.pattern).test(w));
  return word ? Number.parseInt(word, 10) : 1;
}
