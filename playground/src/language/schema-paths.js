// What the query schema allows at a place in a query: the schema nodes that apply at a path
// (following $ref, allOf and the alternatives the rest of the query leaves open), the values
// that may go there without making the query invalid, and the keys an object may take. The
// editor's completion and hover docs read the schema only through this module and validate.js.
import { INCOMPLETE, comparePaths, jsonType } from "./validate.js";

/** The value at `path` of `doc`, or undefined. */
export function valueAtPath(doc, path) {
  let value = doc;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !(key in value)) return undefined;
    value = value[key];
  }
  return value;
}

/** A copy of `doc` with `value` at `path` (undefined removes it), containers made as needed. */
export function withValueAt(doc, path, value) {
  if (!path.length) return value;
  const [key, ...rest] = path;
  const base = doc !== null && typeof doc === "object" ? doc : typeof key === "number" ? [] : {};
  const copy = Array.isArray(base) ? [...base] : { ...base };
  const inner = withValueAt(copy[key], rest, value);
  if (inner !== undefined) copy[key] = inner;
  else if (Array.isArray(copy)) copy.splice(key);
  else delete copy[key];
  return copy;
}

const isNode = (node) => node !== null && typeof node === "object";

function children(node, key) {
  if (typeof key === "number") {
    const item = node.prefixItems?.[key] ?? (key >= (node.prefixItems?.length ?? 0) ? node.items : undefined);
    return isNode(item) ? [item] : [];
  }
  const property = node.properties?.[key] ?? (node.properties ? node.additionalProperties : undefined);
  return isNode(property) ? [property] : [];
}

/** Whether an error of the value at `path` concerns the slot `path` or what comes before it. */
function concerns(error, path) {
  const parent = path.slice(0, -1);
  const slot = path.at(-1);
  if (parent.some((key, i) => error.path[i] !== key) || error.path.length < parent.length) return false;
  if (error.path.length === parent.length) return !INCOMPLETE.has(error.kind);
  const step = error.path[parent.length];
  return typeof step === "number" && typeof slot === "number" ? step <= slot : step === slot;
}

const atOrBelow = (error, path) => error.path.length >= path.length && comparePaths(error.path.slice(0, path.length), path) === 0;
const errorKey = (error) => `${JSON.stringify(error.path)} ${error.kind}`;

export class SchemaPaths {
  constructor(validator) {
    this.validator = validator;
  }

  /**
   * The nodes `node` stands for: itself, what its $ref and allOf add, and those of its
   * alternatives that `value` leaves open for the child `next` (all of them when `value` is
   * unknown). A node's title and description stay with it, so hover can show them.
   */
  expand(node, value, next) {
    if (!isNode(node)) return [];
    const out = [node];
    if (node.$ref) out.push(...this.expand(this.validator.target(node.$ref), value, next));
    for (const part of node.allOf ?? []) out.push(...this.expand(part, value, next));
    const alternatives = node.anyOf ?? node.oneOf ?? [];
    const open = alternatives.filter((alternative) => this.open(alternative, value, next));
    for (const alternative of open.length ? open : alternatives) out.push(...this.expand(alternative, value, next));
    return out;
  }

  /** Whether `value` may still become valid against `alternative` with its child `next` edited. */
  open(alternative, value, next) {
    if (value === undefined) return true;
    return !this.validator.errors(value, alternative).some((error) => {
      if (INCOMPLETE.has(error.kind) || error.reason) return false;
      if (!error.path.length) return true;
      return typeof next === "number" && typeof error.path[0] === "number" && error.path[0] < next;
    });
  }

  /** The schema nodes that apply to the value at `path` of `doc`. */
  nodesAt(path, doc) {
    let nodes = [this.validator.root];
    let value = doc;
    for (const key of path) {
      nodes = nodes.flatMap((node) => this.expand(node, value, key)).flatMap((node) => children(node, key));
      value = valueAtPath(value, [key]);
    }
    return [...new Set(nodes.flatMap((node) => this.expand(node, undefined, null)))];
  }

  /**
   * The entries listed at `path` of `doc` (`{value, node}` for a constant, `{pattern, node}`
   * for a pattern such as `event:props:<name>`), keeping only the values that leave the query
   * valid there: a repeated metric, an operator a goal filter refuses or a time dimension in a
   * filter are left out.
   */
  entriesAt(path, doc) {
    const entries = [];
    for (const node of this.nodesAt(path, doc)) {
      if ("const" in node) entries.push({ value: node.const, node });
      for (const value of node.enum ?? []) entries.push({ value, node });
      if (node.pattern && node.title) entries.push({ pattern: node.pattern, node });
      if (node.type === "boolean") entries.push({ value: true, node }, { value: false, node });
    }
    const seen = new Set();
    const unique = entries.filter((e) => {
      const key = "pattern" in e ? `/${e.pattern}` : JSON.stringify(e.value);
      return !seen.has(key) && seen.add(key);
    });
    const fits = this.fitter(path, doc);
    return unique.filter((entry) => "pattern" in entry || fits(entry.value));
  }

  /** A test of whether a value at `path` keeps `doc` as valid there as it is without it. */
  fitter(path, doc) {
    const without = withValueAt(doc, path, undefined);
    const before = new Set(this.validator.check(without).filter((e) => concerns(e, path)).map(errorKey));
    return (value) =>
      this.validator
        .check(withValueAt(doc, path, value))
        .filter((error) => concerns(error, path))
        .every((error) => !atOrBelow(error, path) && before.has(errorKey(error)));
  }

  /** `{key, node}` for each key the object at `path` may take and does not have yet. */
  keysAt(path, doc) {
    const present = valueAtPath(doc, path) ?? {};
    const keys = new Map();
    for (const node of this.nodesAt(path, doc)) {
      for (const [key, property] of Object.entries(node.properties ?? {})) {
        if (!keys.has(key) && !(jsonType(present) === "object" && key in present)) keys.set(key, property);
      }
    }
    return [...keys].map(([key, node]) => ({ key, node }));
  }

  /** Title, description and examples of a node, its $ref's where it has none of its own. */
  describe(node) {
    const target = node.$ref ? this.describe(this.validator.target(node.$ref)) : {};
    const pick = (name) => node[name] ?? target[name];
    return { title: pick("title"), description: pick("description"), examples: pick("examples"), default: pick("default") };
  }
}
