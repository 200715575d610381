// Hover docs for what is under the pointer: a key shows what it holds; a value listed by the
// schema shows its own entry (a metric, the dimension a filter names, an operator, a date range
// with the days it covers under the runner's clock); any other value shows the place it is in
// (clauses, a date). `hoverDocs(text, pos, ctx)` is pure; ctx is {paths, data, clock}.
import { entryDocs, keyDocs, nodeDocs } from "./entry-docs.js";
import { slotAt } from "./json-scan.js";

/** `{from, to, markdown}` for the key or value at `pos` of `text`, or null. */
export function hoverDocs(text, pos, ctx) {
  const slot = slotAt(text, pos);
  if (!slot?.node) return null;
  const docs = { ...ctx, query: slot.value };
  const at = (markdown) => (markdown ? { from: slot.node.from, to: slot.node.to, markdown } : null);
  if (slot.role === "key") {
    const found = ctx.paths.keysAt(slot.path, {}).find(({ key }) => key === slot.typed);
    return found ? at(keyDocs(found.key, found.node, docs)) : null;
  }
  const value = slot.node.value ?? slot.typed;
  const nodes = ctx.paths.nodesAt(slot.path, slot.value);
  const entry = nodes.find((n) => "const" in n && n.const === value) ??
    nodes.find((n) => n.pattern && n.title && typeof value === "string" && new RegExp(n.pattern).test(value));
  if (entry) return at(entryDocs(entry, value, docs));
  // A value the schema lists no names for (a clause, a date): the place it is in.
  const around = [nodes, ctx.paths.nodesAt(slot.path.slice(0, -1), slot.value)];
  const described = around.map((list) => list.find((n) => ctx.paths.describe(n).description)).find(Boolean);
  return described ? at(nodeDocs(described, docs)) : null;
}
