// The query schema is draft 2020-12; codemirror-json-schema validates and completes with
// json-schema-library's draft-07 rules. Two 2020-12 forms it does not read are rewritten into
// their draft-07 equivalents before the editor sees the schema (the meaning is unchanged):
//   - `prefixItems` (tuple items) becomes `items: [...]`, and a sibling `items` (the rest)
//     becomes `additionalItems`;
//   - `$ref` next to other assertions becomes `allOf: [{$ref}, {the others}]` (draft-07
//     ignores a ref's siblings; json-schema-library rejects them), keeping title and
//     description on the outside for hover docs.

const ANNOTATIONS = new Set(["title", "description", "$comment", "default", "examples"]);

function rewrite(node) {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = rewrite(value);
  if (Array.isArray(out.prefixItems)) {
    const rest = out.items;
    out.items = out.prefixItems;
    delete out.prefixItems;
    if (rest !== undefined) out.additionalItems = rest;
  }
  if (typeof out.$ref === "string") {
    const siblings = Object.keys(out).filter((k) => k !== "$ref" && !ANNOTATIONS.has(k) && !k.startsWith("x-"));
    if (siblings.length) {
      const rest = Object.fromEntries(siblings.map((k) => [k, out[k]]));
      const kept = Object.fromEntries(Object.entries(out).filter(([k]) => k !== "$ref" && !siblings.includes(k)));
      return { ...kept, allOf: [{ $ref: out.$ref }, rest] };
    }
  }
  return out;
}

/** A draft-07 reading of the 2020-12 `schema`, for the editor only. */
export function editorSchema(schema) {
  const { $schema, ...rest } = rewrite(schema);
  return { $schema: "http://json-schema.org/draft-07/schema#", ...rest };
}
