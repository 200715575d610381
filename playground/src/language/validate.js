// A validator for the part of JSON Schema 2020-12 the query schema uses, built for messages a
// reader can act on rather than for speed: each error says which schema node failed, at which
// path, and why, so messages.js can word it plainly. Where several alternatives of an
// anyOf/oneOf fail, only the one the value came closest to is reported (see `choose`), so one
// mistake gives one error. oneOf is read as anyOf: the schema's alternatives never overlap.
//
// An error: {path, kind, node, value, reason?, nodes?}. `path` is a list of keys and indices;
// `kind` is the keyword that failed ("type", "const", "enum", "choice", "pattern", "format",
// "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "required",
// "additionalProperties", "not", "false"). A "choice" error means the value is none of the
// alternatives of `nodes` (or `node`). `reason` is the $comment of the if/then that applied.

import { jsonKey, sameJson } from "../lib/format.js";

/** Errors that only say the value is unfinished (the reader is probably still typing it). */
export const INCOMPLETE = new Set(["minItems", "required"]);

const FORMATS = {
  date: (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  "date-time": (s) => !Number.isNaN(Date.parse(s)),
};

/** The JSON type of a value, as JSON Schema names it. */
export function jsonType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value; // "number", "string", "boolean", "object"
}

function hasType(type, value) {
  const actual = jsonType(value);
  const wanted = Array.isArray(type) ? type : [type];
  return wanted.includes(actual) || (actual === "integer" && wanted.includes("number"));
}

const isObject = (value) => jsonType(value) === "object";

/** Order of two paths in the document: a later sibling or a deeper descendant comes after. */
export function comparePaths(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === "number" && typeof b[i] === "number") return a[i] - b[i];
    return String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return a.length - b.length;
}

export const samePath = (a, b) => comparePaths(a, b) === 0 && a.length === b.length;

export class Validator {
  constructor(root) {
    this.root = root;
    this.targets = new Map(); // $ref -> node
    this.memo = null; // during check(): see there
  }

  /** The node a local `$ref` ("#/$defs/metric") points at. */
  target(ref) {
    if (!this.targets.has(ref)) this.targets.set(ref, this.resolve(ref));
    return this.targets.get(ref);
  }

  resolve(ref) {
    let node = this.root;
    for (const key of ref.replace(/^#\/?/, "").split("/").filter(Boolean)) node = node?.[key];
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return node;
  }

  /**
   * Every error of `value` against the whole schema. Each list or object of the value is
   * checked against each schema node once: nested alternatives (a filter inside a filter, each
   * tried against every kind of filter) would otherwise check inner values again at each level,
   * exponentially in the depth.
   */
  check(value) {
    this.memo = new WeakMap(); // value -> Map(node -> errors); a decoded value sits at one path
    try {
      return this.errors(value, this.root, []);
    } finally {
      this.memo = null;
    }
  }

  /** Every error of `value`, found at `path` of the query, against `node`. */
  errors(value, node, path = []) {
    if (!this.memo || value === null || typeof value !== "object") return this.uncached(value, node, path);
    if (!this.memo.has(value)) this.memo.set(value, new Map());
    const known = this.memo.get(value);
    if (!known.has(node)) known.set(node, this.uncached(value, node, path));
    return [...known.get(node)]; // callers add to the list they get
  }

  uncached(value, node, path) {
    if (node === true || node === undefined) return [];
    if (node === false) return [{ path, kind: "false", node, value }];
    const errors = node.$ref ? this.errors(value, this.target(node.$ref), path) : [];
    if (node.type && !hasType(node.type, value)) return [...errors, { path, kind: "type", node, value }];
    const fail = (kind, extra = {}) => errors.push({ path, kind, node, value, ...extra });
    if ("const" in node && !sameJson(node.const, value)) fail("const");
    if (node.enum && !node.enum.some((option) => sameJson(option, value))) fail("enum");
    if (typeof value === "string") this.stringErrors(node, value, fail);
    if (typeof value === "number") this.numberErrors(node, value, fail);
    if (Array.isArray(value)) errors.push(...this.arrayErrors(node, value, path, fail));
    if (isObject(value)) errors.push(...this.objectErrors(node, value, path, fail));
    for (const part of node.allOf ?? []) errors.push(...this.errors(value, part, path));
    const alternatives = node.anyOf ?? node.oneOf;
    if (alternatives) errors.push(...this.choose(node, alternatives, value, path));
    if (node.not !== undefined && this.errors(value, node.not, path).length === 0) fail("not");
    if (node.if !== undefined) errors.push(...this.conditional(node, value, path));
    return errors;
  }

  stringErrors(node, value, fail) {
    if (node.pattern && !new RegExp(node.pattern, "u").test(value)) fail("pattern");
    else if (node.format in FORMATS && !FORMATS[node.format](value)) fail("format");
  }

  numberErrors(node, value, fail) {
    if (node.minimum !== undefined && value < node.minimum) fail("minimum");
    if (node.maximum !== undefined && value > node.maximum) fail("maximum");
  }

  arrayErrors(node, value, path, fail) {
    const errors = [];
    const prefix = node.prefixItems ?? [];
    value.forEach((item, i) => {
      const itemNode = i < prefix.length ? prefix[i] : node.items;
      if (itemNode === false) return; // reported once, as maxItems, below
      errors.push(...this.errors(item, itemNode, [...path, i]));
    });
    const max = node.items === false ? Math.min(prefix.length, node.maxItems ?? Infinity) : node.maxItems;
    if (node.minItems !== undefined && value.length < node.minItems) fail("minItems");
    if (max !== undefined && value.length > max) fail("maxItems", { limit: max });
    if (node.uniqueItems) {
      const seen = new Set(); // one pass, not every pair
      const at = value.findIndex((item) => {
        const key = jsonKey(item);
        return seen.has(key) || (seen.add(key), false);
      });
      if (at >= 0) errors.push({ path: [...path, at], kind: "uniqueItems", node, value: value[at] });
    }
    return errors;
  }

  objectErrors(node, value, path, fail) {
    const errors = [];
    const properties = node.properties ?? {};
    for (const [key, item] of Object.entries(value)) {
      if (key in properties) errors.push(...this.errors(item, properties[key], [...path, key]));
      else if (node.additionalProperties === false && node.properties) {
        errors.push({ path: [...path, key], kind: "additionalProperties", node, value: key });
      }
    }
    const missing = (node.required ?? []).filter((key) => !(key in value));
    if (missing.length) fail("required", { missing });
    return errors;
  }

  /**
   * `then` (or `else`) errors carry the `$comment` that explains the rule. A condition on an
   * item the array does not have yet is left undecided: `["matches"]` is an unfinished filter,
   * not a goal filter.
   */
  conditional(node, value, path) {
    const tested = (node.if.prefixItems ?? []).map((item, i) => (item === true ? -1 : i));
    if (Array.isArray(value) && Math.max(-1, ...tested) >= value.length) return [];
    const branch = this.errors(value, node.if, path).length === 0 ? node.then : node.else;
    const reason = node.$comment;
    return this.errors(value, branch, path).map((error) => ({ reason, ...error }));
  }

  /**
   * The errors of a failed anyOf/oneOf: those of the alternative the value came closest to,
   * judged by where each alternative first fails (later in the value is closer). Unfinished
   * parts and if/then rules do not count against an alternative. When every alternative fails
   * at the value itself, the value is simply none of them: one "choice" error. When several
   * fail first at the same inner place on a name, those names are merged into one choice.
   */
  choose(node, alternatives, value, path) {
    const results = alternatives.map((alternative) => this.errors(value, alternative, path));
    if (results.some((errors) => errors.length === 0)) return [];
    const scores = results.map(firstFailure);
    const best = scores.reduce((a, b) => (b === null || (a !== null && comparePaths(b, a) > 0) ? b : a));
    const tied = results.filter((_, i) => (best === null ? scores[i] === null : scores[i] && samePath(scores[i], best)));
    if (best !== null && best.length === path.length) return [{ path, kind: "choice", node, value }];
    if (best === null || tied.length === 1) return tied[0];
    const firsts = tied.flatMap((errors) => errors.filter((e) => samePath(e.path, best) && !e.reason));
    if (firsts.length && firsts.every((e) => ["choice", "const", "enum"].includes(e.kind))) {
      return [{ path: best, kind: "choice", node: firsts[0].node, nodes: firsts.flatMap(choiceNodes), value: firsts[0].value }];
    }
    return tied[0];
  }
}

function choiceNodes(error) {
  return error.nodes ?? [error.node];
}

/** Where an alternative first fails for a reason that rules it out, or null if none does. */
function firstFailure(errors) {
  const decisive = errors.filter((e) => !INCOMPLETE.has(e.kind) && !e.reason);
  if (!decisive.length) return null;
  return decisive.map((e) => e.path).reduce((a, b) => (comparePaths(b, a) < 0 ? b : a));
}
