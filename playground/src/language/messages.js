// Plain sentences for the errors of validate.js, in the words of the query language: the
// schema's titles and descriptions say what a place holds ("`8 days` is not a date range: use
// a relative period such as `7d`..."), never its `$defs`, `$ref` or `oneOf`. Messages are
// Markdown with code spans; values from the query are shortened and cannot break out of them.

import { formatJson } from "../lib/format.js";

const MAX_VALUE = 40;
const MAX_LISTED = 6;
const MAX_EXAMPLE = 30; // longer examples make a message hard to read

const TYPE_PHRASES = {
  string: "a text in double quotes",
  integer: "a whole number",
  number: "a number",
  boolean: "`true` or `false`",
  array: "a list in square brackets",
  object: "an object in curly braces",
  null: "`null`",
};
const TYPE_NOUNS = {
  string: "text",
  integer: "whole number",
  number: "number",
  boolean: "boolean",
  array: "list",
  object: "object",
  null: "null",
};

/** `value` as a code span: strings bare, anything else as JSON, long values shortened. */
export function code(value) {
  let text = typeof value === "string" ? value : formatJson(value).replace(/\s*\n\s*/g, " ");
  if (text.length > MAX_VALUE) text = `${text.slice(0, MAX_VALUE - 1)}…`;
  return `\`${text.replace(/`/g, "ˋ")}\``;
}

/** "a, b or c" */
export function listed(items, last = "or") {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}

const article = (noun) => (/^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`);
const lower = (text) => text.charAt(0).toLowerCase() + text.slice(1);
const sentence = (text) => text.trim().replace(/\.?$/, ".");

function typeName(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return Number.isInteger(value) ? "integer" : typeof value;
}

/** Levenshtein distance, for "did you mean". */
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The name among `names` that `typed` is most likely a typo of, or null. */
export function closest(typed, names) {
  if (typeof typed !== "string" || !typed) return null;
  const scored = names
    .filter((name) => typeof name === "string")
    .map((name) => ({ name, d: name.toLowerCase() === typed.toLowerCase() ? 0 : distance(typed, name) }));
  const best = scored.sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(1, Math.floor(typed.length / 4)) ? best.name : null;
}

export class Messages {
  /** `paths`: the SchemaPaths of the query schema. */
  constructor(paths) {
    this.paths = paths;
  }

  /** The plain message (Markdown) for one error of validate.js. */
  message(error) {
    if (error.reason) return error.reason;
    const handler = this[error.kind];
    return handler ? handler.call(this, error) : `${code(error.value)} is not allowed here.`;
  }

  /** What a node holds, as a noun: its title, else the key it sits under. */
  noun(node, path) {
    const { title } = node ? this.paths.describe(node) : {};
    if (title) return lower(title);
    const key = [...path].reverse().find((k) => typeof k === "string");
    return key ? `value of \`${key}\`` : "value";
  }

  subject(node, path) {
    const { title } = node ? this.paths.describe(node) : {};
    const key = path.at(-1);
    if (title) return title;
    return typeof key === "string" ? `\`${key}\`` : "This item";
  }

  /** `{values, patterns}` listed under the nodes, in schema order. */
  listedUnder(nodes) {
    const values = [];
    const patterns = [];
    for (const node of nodes.flatMap((n) => this.paths.expand(n, undefined, null))) {
      if ("const" in node) values.push(node.const);
      for (const value of node.enum ?? []) values.push(value);
      if (node.pattern && node.title) patterns.push(node.title);
    }
    return { values: [...new Set(values)], patterns };
  }

  choice(error) {
    const nodes = error.nodes ?? [error.node];
    const titled = nodes.find((n) => this.paths.describe(n).title) ?? nodes[0];
    const head = `${code(error.value)} is not ${article(this.noun(titled, error.path))}`;
    const { values, patterns } = this.listedUnder(nodes);
    const guess = closest(error.value, values);
    if (guess !== null) return `${head}. Did you mean ${code(guess)}?`;
    const kinds = this.kinds(titled);
    if (kinds) return `${head}: use ${kinds}.`;
    return `${head}: use ${this.someOf([...values, ...patterns])}.`;
  }

  /** "a relative period such as `7d` or a date pair such as `[...]`" for a node whose
   * alternatives are kinds of value rather than names; null for a list of names. */
  kinds(node) {
    const alternatives = (node.anyOf ?? node.oneOf ?? []).map((a) => (a.$ref ? this.paths.validator.target(a.$ref) : a));
    if (alternatives.length < 2 || alternatives.some((a) => "const" in a || !a.title)) return null;
    const phrase = (a) => {
      const example = a.examples?.[0] === undefined ? "" : code(a.examples[0]);
      const such = example && example.length <= MAX_EXAMPLE ? ` such as ${example}` : "";
      return `${article(lower(a.title))}${such}`;
    };
    return listed(alternatives.map(phrase));
  }

  someOf(names) {
    const shown = names.slice(0, MAX_LISTED).map(code);
    if (names.length <= MAX_LISTED) return listed(shown);
    return `one of the ${names.length} listed by Ctrl+Space, such as ${listed(shown.slice(0, 3))}`;
  }

  type(error) {
    const { node, value, path } = error;
    const wanted = [node.type].flat();
    const itemTypes = [node.items?.type ?? []].flat();
    const phrase =
      wanted.includes("array") && itemTypes.length
        ? `a list of ${listed(itemTypes.map((t) => `${TYPE_NOUNS[t]}s`))}`
        : listed(wanted.map((t) => TYPE_PHRASES[t]));
    const example = this.paths.describe(node).examples?.[0];
    const such = example === undefined ? "" : `, such as ${code(example)}`;
    return `${this.subject(node, path)} must be ${phrase}${such}, not ${article(TYPE_NOUNS[typeName(value)])}.`;
  }

  const(error) {
    return `${code(error.value)} is not allowed here: use ${code(error.node.const)}.`;
  }

  enum(error) {
    return `${code(error.value)} is not allowed here: use ${listed(error.node.enum.map(code))}.`;
  }

  pattern(error) {
    const { description } = this.paths.describe(error.node);
    const head = `${code(error.value)} is not ${article(this.noun(error.node, error.path))}`;
    return description ? `${head}: ${lower(sentence(description))}` : `${head}.`;
  }

  format(error) {
    return this.pattern(error);
  }

  not(error) {
    return this.pattern(error);
  }

  minItems(error) {
    const { node, value, path } = error;
    if (node.prefixItems) {
      const form = /^`([^`]+)`/.exec(this.paths.describe(node).description ?? "")?.[0];
      const count = `${value.length} item${value.length === 1 ? "" : "s"}`;
      return `This ${this.noun(node, path)} has ${count}; it needs ${node.minItems}${form ? `: ${form}` : ""}.`;
    }
    const item = node.items ? this.noun(node.items, []) : "item";
    return `${this.subject(node, path)} needs at least ${node.minItems === 1 ? "one" : node.minItems} ${item}.`;
  }

  maxItems(error) {
    const { node, value, path, limit } = error;
    return `This ${this.noun(node, path)} has ${value.length} items; it takes at most ${limit}.`;
  }

  uniqueItems(error) {
    return `${code(error.value)} is listed twice: list each one once.`;
  }

  minimum(error) {
    return `${this.subject(null, error.path)} must be at least ${error.node.minimum}.`;
  }

  maximum(error) {
    return `${this.subject(null, error.path)} must be at most ${error.node.maximum}.`;
  }

  required(error) {
    const missing = error.missing.map(code);
    const all = listed(error.node.required.map(code), "and");
    const where = error.path.length ? `\`${error.path.at(-1)}\`` : "a query";
    return `${listed(missing, "and")} ${missing.length > 1 ? "are" : "is"} missing: ${where} needs ${all}.`;
  }

  additionalProperties(error) {
    const keys = Object.keys(error.node.properties);
    const where = error.path.length > 1 ? `\`${error.path.at(-2)}\`` : "the query";
    const head = `${code(error.value)} is not a key of ${where}`;
    const guess = closest(error.value, keys);
    return guess ? `${head}. Did you mean ${code(guess)}?` : `${head}: use ${this.someOf(keys)}.`;
  }

  false(error) {
    return `${code(error.value)} is not allowed here.`;
  }
}
