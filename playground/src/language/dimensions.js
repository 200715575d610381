// The dimensions a filter may name, as the query schema lists them: what the engine suggests
// values of for a sites file's sites (statsref.engine.suggestions), as the docs build does for
// the demo sites with the same schema (statsref.docsgen.editor_data).

/** The filterable dimensions of the query schema, its pattern entries (`event:props:<name>`) left out. */
export function filterableDimensions(schema) {
  const options = schema?.$defs?.dimension?.oneOf ?? [];
  return options.filter((option) => "const" in option && option["x-filterable"]).map((option) => option.const);
}
