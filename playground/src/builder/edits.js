// Edits of a query's text that change one place and keep the rest as the reader wrote it: the
// order of the keys, the spacing and the line breaks. A value is replaced where it stands; a new
// key or item goes at the end of its object or array, laid out like its siblings (on a line of
// its own when they have one); a removed one takes its comma with it. Positions come from
// language/json-scan.js. The text must be JSON: the builder edits nothing else.
import { readJson } from "../language/json-scan.js";
import { block, inline } from "../lib/format.js";

/** The parts of a container, in order: `{from, to, node}` (a property from its key to its value). */
function parts(container) {
  if (container.kind === "object") {
    return container.props.map((p) => ({ from: p.keyNode.from, to: p.value.to, node: p.value, key: p.key }));
  }
  return container.items.map((item, i) => ({ from: item.from, to: item.to, node: item, key: i }));
}

/** The index among `parts(container)` of the value at `key` (the last of repeated keys, as
 * JSON.parse reads them), or -1. */
function partIndex(container, key) {
  if (container?.kind === "object" && typeof key === "string") return container.props.findLastIndex((p) => p.key === key);
  if (container?.kind === "array" && typeof key === "number") return key < container.items.length ? key : -1;
  return -1;
}

/** The whitespace a line starts with, for the line holding `pos`. */
function lineIndent(text, pos) {
  const start = text.lastIndexOf("\n", pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))[0];
}

const splice = (text, from, to, insert) => text.slice(0, from) + insert + text.slice(to);

/** `{containers, node}`: the containers on the way to `path` and the node there (or the deepest
 * one that exists, with `missing` the index in `path` of the first key it lacks). */
function walk(text, path) {
  let node = readJson(text).root;
  if (node?.kind !== "object") throw new Error("the builder edits only a query that is a JSON object");
  const containers = [];
  for (const [i, key] of path.entries()) {
    const index = partIndex(node, key);
    if (index < 0) return { containers, node, missing: i };
    containers.push(node);
    node = parts(node)[index].node;
  }
  return { containers, node, missing: -1 };
}

/** `value` nested in the containers the keys of `rest` make: `{"a": [value]}` for `["a", 0]`. */
function nested(rest, value) {
  return rest.reduceRight((inner, key) => (typeof key === "number" ? [inner] : { [key]: inner }), value);
}

/**
 * Add `key: value` (or an item, for an array) at the end of `container`, after the way its
 * parts are separated: on a new line with their indent, or on the same line.
 */
function append(text, container, key, value, isRoot) {
  const existing = parts(container);
  const label = container.kind === "object" ? `${JSON.stringify(key)}: ` : "";
  if (!existing.length) {
    if (!isRoot) return splice(text, container.from + 1, container.to - 1, label + inline(value));
    const indent = `${lineIndent(text, container.from)}  `;
    const closing = lineIndent(text, container.from);
    return splice(text, container.from + 1, container.to - 1, `\n${indent}${label}${block(value, indent)}\n${closing}`);
  }
  const last = existing.at(-1);
  const gap = existing.length > 1 ? text.slice(existing.at(-2).to, last.from) : text.slice(container.from + 1, last.from);
  const between = gap.slice(gap.indexOf(",") + 1);
  const separator = between.includes("\n") ? between : " ";
  const indent = separator.includes("\n") ? separator.slice(separator.lastIndexOf("\n") + 1) : null;
  const written = indent === null ? inline(value) : block(value, indent);
  return splice(text, last.to, last.to, `,${separator}${label}${written}`);
}

/**
 * The text with `value` at `path` (a list of keys and indices): the value there replaced, or
 * added at the end of its object, or as the next item of its array (an index one past the
 * last), with the objects and arrays on the way made as needed.
 */
export function setAt(text, path, value) {
  const { containers, node, missing } = walk(text, path);
  if (missing < 0) return splice(text, node.from, node.to, block(value, lineIndent(text, node.from)));
  const key = path[missing];
  if (typeof key === "number" && (node.kind !== "array" || key !== node.items.length)) {
    throw new Error(`no item ${key} to add at ${JSON.stringify(path)}`);
  }
  if (node.kind !== (typeof key === "number" ? "array" : "object")) throw new Error(`no container at ${JSON.stringify(path)}`);
  return append(text, node, key, nested(path.slice(missing + 1), value), containers.length === 0);
}

/** The text without the value at `path` (a key with its value, or an item) and one comma. */
export function removeAt(text, path) {
  const { containers, missing } = walk(text, path);
  if (missing >= 0) return text;
  const container = containers.at(-1);
  const all = parts(container);
  const index = partIndex(container, path.at(-1));
  if (all.length === 1) return splice(text, container.from + 1, container.to - 1, "");
  if (index < all.length - 1) return splice(text, all[index].from, all[index + 1].from, "");
  return splice(text, all[index - 1].to, all[index].to, "");
}

/** `{from, to}` of the value at `path` in `text` (a property's value, not its key), or null. */
export function rangeAt(text, path) {
  const { node, missing } = walk(text, path);
  return missing < 0 ? { from: node.from, to: node.to } : null;
}

/** The text after `edits` in turn: `{path, value}` sets a value, `{path}` without one removes it. */
export function applyEdits(text, edits) {
  return edits.reduce((current, edit) => ("value" in edit ? setAt(current, edit.path, edit.value) : removeAt(current, edit.path)), text);
}

/** The one change `{from, to, insert}` that turns `before` into `after`: what differs between
 * their common start and end. */
export function changeBetween(before, after) {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}
