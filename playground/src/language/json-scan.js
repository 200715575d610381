// A forgiving JSON reader for a query being typed: it never fails, keeps every position, and
// says what the cursor is on. The editor asks it two things while the text is not (yet) valid
// JSON: the value as far as it can be read (`readJson(text).value`), and the slot at the cursor
// (`slotAt(text, pos)`): a key or a value, at which path, and the text typed so far.
//
// Nodes: {kind: "object", from, to, closed, props: [{key, keyNode, colon, value}], commas},
// {kind: "array", from, to, closed, items, commas}, {kind: "string", from, to, value, closed},
// {kind: "number" | "word", from, to, text, value}. A missing value is null.

import { LIMITS } from "./limits.js";

const SPACE = /\s/;
const WORD = /[\w.+-]/;

class Reader {
  constructor(text) {
    this.text = text;
    this.at = 0;
    this.depth = 0; // containers open around the reader
  }

  skip() {
    while (this.at < this.text.length && SPACE.test(this.text[this.at])) this.at++;
    return this.text[this.at];
  }

  value() {
    const c = this.skip();
    if ((c === "{" || c === "[") && this.depth >= LIMITS.nesting) return this.opaque(c);
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c !== undefined && WORD.test(c)) return this.word();
    return null;
  }

  /**
   * The rest of a container whose node is `node`: parts read by `part()` (false when there is
   * none where the reader stands) separated by commas, up to `close`, another closing bracket
   * or the end of the text.
   */
  container(node, close, part) {
    this.at++;
    this.depth++;
    for (;;) {
      const c = this.skip();
      if (c === undefined || (c !== close && "]}".includes(c))) break;
      if (c === close) {
        this.at++;
        node.closed = true;
        break;
      }
      if (c === ",") node.commas.push(this.at++);
      else if (!part()) this.at++; // a stray character: step over it
    }
    this.depth--;
    node.to = this.at;
    return node;
  }

  /**
   * A container nested deeper than the engine reads, read as one opaque node up to its
   * matching bracket, without recursion: no text can exhaust the stack, and nothing is
   * completed or explained in there (the linter says the query is too deep).
   */
  opaque(open) {
    const kind = open === "{" ? "object" : "array";
    const node = { kind, from: this.at, to: null, closed: false, props: [], items: [], commas: [], deep: true };
    let depth = 0;
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === '"') {
        this.string();
        continue;
      }
      this.at++;
      if (c === "{" || c === "[") depth++;
      else if ((c === "}" || c === "]") && --depth === 0) {
        node.closed = true;
        break;
      }
    }
    node.to = this.at;
    return node;
  }

  object() {
    const node = { kind: "object", from: this.at, to: null, props: [], commas: [] };
    return this.container(node, "}", () => {
      const keyNode = this.skip() === '"' ? this.string() : this.word();
      if (!keyNode) return false;
      const colon = this.skip() === ":";
      if (colon) this.at++;
      const value = colon ? this.value() : null;
      node.props.push({ key: String(keyNode.value ?? keyNode.text), keyNode, colon, value });
      return true;
    });
  }

  array() {
    const node = { kind: "array", from: this.at, to: null, items: [], commas: [] };
    return this.container(node, "]", () => {
      const item = this.value();
      if (item) node.items.push(item);
      return Boolean(item);
    });
  }

  string() {
    const from = this.at++;
    let closed = false;
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === "\\") this.at += 2;
      else if (c === '"') {
        this.at++;
        closed = true;
        break;
      } else if (c === "\n") break;
      else this.at++;
    }
    const raw = this.text.slice(from, this.at);
    return { kind: "string", from, to: this.at, closed, value: decodeString(closed ? raw : `${raw}"`) };
  }

  word() {
    const from = this.at;
    while (this.at < this.text.length && WORD.test(this.text[this.at])) this.at++;
    if (this.at === from) return null;
    const text = this.text.slice(from, this.at);
    const literal = { true: true, false: false, null: null }[text];
    const number = Number(text);
    if (text in { true: 1, false: 1, null: 1 }) return { kind: "word", from, to: this.at, text, value: literal };
    if (text !== "" && !Number.isNaN(number)) return { kind: "number", from, to: this.at, text, value: number };
    return { kind: "word", from, to: this.at, text, value: undefined };
  }
}

function decodeString(raw) {
  try {
    return JSON.parse(raw);
  } catch {
    return raw.slice(1, -1);
  }
}

/** The value a node stands for, leaving out what cannot be read (unknown words, missing values). */
export function nodeValue(node) {
  if (!node) return undefined;
  if (node.kind === "object") {
    const out = {};
    for (const prop of node.props) {
      const value = nodeValue(prop.value);
      if (value !== undefined) out[prop.key] = value;
    }
    return out;
  }
  if (node.kind === "array") return node.items.map((item) => nodeValue(item) ?? null); // indices kept
  return node.value;
}

/** `{root, value}`: the outline of `text` and the value it stands for, read forgivingly. */
export function readJson(text) {
  const root = new Reader(text).value();
  return { root, value: nodeValue(root) };
}

/** Whether `pos` is within a container: after its opening bracket, before its closing one. */
const inside = (node, pos) => node.from < pos && (pos < node.to || !node.closed);

/** Whether `pos` is within the text of a scalar (between the quotes of a string). */
function onScalar(node, pos) {
  if (node.kind === "string") return node.from < pos && (pos < node.to || !node.closed);
  return node.from <= pos && pos <= node.to;
}

function scalarSlot(node, path, role) {
  return { role, path, node, from: node.from, to: node.to, typed: node.kind === "string" ? node.value : node.text };
}

/**
 * What an insertion at `pos` between the `parts` of a container needs to stay valid JSON: a
 * comma before it (a part ends before `pos` with no comma in between) and after it (a part
 * starts after `pos` with no comma in between).
 */
function separators(parts, commas, pos) {
  const before = parts.filter((p) => p.to <= pos).at(-1);
  const after = parts.find((p) => p.from >= pos);
  return {
    commaBefore: Boolean(before) && !commas.some((c) => c >= before.to && c < pos),
    commaAfter: Boolean(after) && !commas.some((c) => c >= pos && c < after.from),
  };
}

function emptySlot(role, path, pos, container, parts) {
  return { role, path, node: null, from: pos, to: pos, typed: "", container, ...separators(parts, container.commas, pos) };
}

/**
 * What the cursor at `pos` is on: `{role: "key" | "value", path, node, from, to, typed,
 * container, commaBefore, commaAfter}`. For a key, `path` is the object's path (`container`
 * the object node); for a value, the path of the value itself. `node` is the scalar under the
 * cursor, or null at an empty slot (then `from` = `to` = `pos`, and the comma flags say what
 * an insertion there needs). Returns null outside the document. `value` is the whole document.
 */
export function slotAt(text, pos) {
  const { root, value } = readJson(text);
  if (!root) return { role: "value", path: [], node: null, from: pos, to: pos, typed: "", container: null, value };
  const slot = walk(root, pos, []);
  return slot && slot !== TOO_DEEP ? { ...slot, value } : null;
}

/** What `walk` finds within a container nested deeper than the engine reads: no slot at all. */
const TOO_DEEP = { tooDeep: true };

function walk(node, pos, path) {
  if (node.deep) return inside(node, pos) ? TOO_DEEP : null;
  if (node.kind === "object") return inside(node, pos) ? objectSlot(node, pos, path) : null;
  if (node.kind === "array") return inside(node, pos) ? arraySlot(node, pos, path) : null;
  return onScalar(node, pos) ? { ...scalarSlot(node, path, "value"), container: null } : null;
}

function objectSlot(node, pos, path) {
  const parts = node.props.map((p) => ({ from: p.keyNode.from, to: (p.value ?? p.keyNode).to }));
  for (const prop of node.props) {
    if (onScalar(prop.keyNode, pos)) return { ...scalarSlot(prop.keyNode, path, "key"), container: node };
    if (prop.value) {
      const found = walk(prop.value, pos, [...path, prop.key]);
      if (found) return found;
    }
    const end = prop.value ? prop.value.from : nextStart(node, prop);
    if (prop.colon && pos > prop.keyNode.to && pos <= end) {
      const empty = { node: null, from: pos, to: pos, typed: "", commaBefore: false, commaAfter: false };
      return { role: "value", path: [...path, prop.key], container: node, ...empty };
    }
  }
  return emptySlot("key", path, pos, node, parts);
}

/** Where the property after `prop` starts (or the object ends). */
function nextStart(object, prop) {
  const next = object.props[object.props.indexOf(prop) + 1];
  const comma = object.commas.find((c) => c > prop.keyNode.to);
  return Math.min(next?.keyNode.from ?? object.to, comma ?? object.to);
}

function arraySlot(node, pos, path) {
  for (const [i, item] of node.items.entries()) {
    const found = walk(item, pos, [...path, i]);
    if (found) return found;
  }
  const index = node.items.filter((item) => item.to <= pos).length;
  return emptySlot("value", [...path, index], pos, node, node.items);
}
