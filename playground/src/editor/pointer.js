// From JSON pointers (what the engine and the schema's checks report) to ranges of the editor's
// text, by one walk of the Lezer JSON syntax tree for all of them. When part of a path is
// missing (the pointer names a key the text lacks), the deepest node that exists is returned.
import { ensureSyntaxTree, syntaxTree } from "@codemirror/language";

/** How long the text's parse may be pushed on to reach its end; past it, the tree parsed so far
 * serves (the rest of the text then marks at its deepest container parsed). */
const PARSE_BUDGET_MS = 100;

const VALUE_NODES = new Set(["Object", "Array", "String", "Number", "True", "False", "Null"]);

/** The keys a JSON pointer names, unescaped (`~1` is `/`, `~0` is `~`); none for "" or null. */
export function pointerKeys(pointer) {
  return pointer ? pointer.split("/").slice(1).map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~")) : [];
}

/** A property's name as text, or null when its key is not a JSON string (yet). */
function propertyName(state, name) {
  try {
    return String(JSON.parse(state.doc.sliceString(name.from, name.to)));
  } catch {
    return null;
  }
}

/** The requests of a trie node (`{wanted, ends}`), all ending at `node`'s opening bracket. */
function markMissing(trie, node, out) {
  for (const { index } of trie.ends) out[index] = { from: node.from, to: node.from + 1 };
  for (const child of trie.wanted.values()) markMissing(child, node, out);
}

/**
 * Walk the syntax tree once, into the values some request's path goes through: `trie` holds
 * the requests by path (`wanted`: segment to sub-trie; `ends`: the requests that end here).
 */
function walk(state, node, trie, out) {
  const found = new Map(); // segment -> {value, key}, the first of duplicate keys
  if (node.name === "Object" || node.name === "Array") {
    let index = 0;
    for (let child = node.firstChild; child && found.size < trie.wanted.size; child = child.nextSibling) {
      if (node.name === "Array" && VALUE_NODES.has(child.name)) {
        const segment = String(index++);
        if (trie.wanted.has(segment)) found.set(segment, { value: child, key: child });
      } else if (child.name === "Property") {
        const name = child.firstChild;
        const segment = name && propertyName(state, name);
        if (segment === null || !trie.wanted.has(segment) || found.has(segment)) continue;
        let value = name.nextSibling;
        while (value && !VALUE_NODES.has(value.name)) value = value.nextSibling;
        found.set(segment, { value: value ?? name, key: name });
      }
    }
  }
  for (const [segment, sub] of trie.wanted) {
    const at = found.get(segment);
    if (!at) {
      markMissing(sub, node, out);
      continue;
    }
    for (const { index, key } of sub.ends) out[index] = key ? { from: at.key.from, to: at.key.to } : { from: at.value.from, to: at.value.to };
    if (sub.wanted.size) walk(state, at.value, { wanted: sub.wanted, ends: [] }, out);
  }
}

/**
 * `{from, to}` for each request `{pointer, key}`: of the value the pointer names (of its key,
 * with `key`, when it names a property). When the text lacks part of a path, only the opening
 * bracket of the deepest container that exists is marked, not the whole container. One walk of
 * the tree serves every request, visiting only the containers their paths go through.
 */
export function pointerRanges(state, requests) {
  const top = (ensureSyntaxTree(state, state.doc.length, PARSE_BUDGET_MS) ?? syntaxTree(state)).topNode;
  let root = top.firstChild;
  while (root && !VALUE_NODES.has(root.name)) root = root.nextSibling;
  if (!root) return requests.map(() => ({ from: 0, to: Math.min(1, state.doc.length) }));
  const trie = { wanted: new Map(), ends: [] };
  requests.forEach(({ pointer, key = false }, index) => {
    let at = trie;
    for (const segment of pointerKeys(pointer)) {
      if (!at.wanted.has(segment)) at.wanted.set(segment, { wanted: new Map(), ends: [] });
      at = at.wanted.get(segment);
    }
    at.ends.push({ index, key });
  });
  const out = new Array(requests.length);
  for (const { index } of trie.ends) out[index] = { from: root.from, to: root.to };
  walk(state, root, trie, out);
  return out;
}
