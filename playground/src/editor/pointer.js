// From a JSON pointer (what the engine reports for a bad query) to a range of the editor's text,
// by walking the Lezer JSON syntax tree. When part of the path is missing (the pointer names a
// key the text lacks), the deepest node that exists is returned.
import { syntaxTree } from "@codemirror/language";

const VALUE_NODES = new Set(["Object", "Array", "String", "Number", "True", "False", "Null"]);

function children(node) {
  const out = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

/** The keys a JSON pointer names, unescaped (`~1` is `/`, `~0` is `~`); none for "" or null. */
export function pointerKeys(pointer) {
  return pointer ? pointer.split("/").slice(1).map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~")) : [];
}

function propertyValue(state, objectNode, key) {
  for (const prop of children(objectNode)) {
    if (prop.name !== "Property") continue;
    const [name, ...rest] = children(prop);
    if (!name) continue;
    const value = rest.find((n) => VALUE_NODES.has(n.name));
    let text;
    try {
      text = JSON.parse(state.doc.sliceString(name.from, name.to));
    } catch {
      continue;
    }
    if (text === key) return { key: name, value: value ?? name };
  }
  return null;
}

function arrayItem(arrayNode, index) {
  const values = children(arrayNode).filter((n) => VALUE_NODES.has(n.name));
  return values[index] ?? null;
}

/**
 * `{from, to}` of the value `pointer` names (of its key, with `key`, when it names a property).
 * When the text lacks part of the path, only the opening bracket of the deepest container that
 * exists is marked, not the whole container.
 */
export function pointerRange(state, pointer, { key = false } = {}) {
  const top = syntaxTree(state).topNode;
  let node = children(top).find((n) => VALUE_NODES.has(n.name));
  if (!node) return { from: 0, to: Math.min(1, state.doc.length) };
  const segments = pointerKeys(pointer);
  for (const [i, segment] of segments.entries()) {
    let next = null;
    if (node.name === "Object") {
      const property = propertyValue(state, node, segment);
      next = key && i === segments.length - 1 ? property?.key : property?.value;
    } else if (node.name === "Array" && /^\d+$/.test(segment)) next = arrayItem(node, Number(segment));
    if (!next) return { from: node.from, to: node.from + 1 };
    node = next;
  }
  return { from: node.from, to: node.to };
}
