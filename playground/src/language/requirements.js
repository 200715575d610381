// What a metric asks of the rest of the query, read from the schema: beside each sentence of a
// metric's `x-requires` stands the schema the query must meet (`x-requires-query`), and the
// metric definition's `x-scope-requires` adds its scope's rule (a session metric takes no event
// dimension but `event:page` alone, an event metric no session-only dimension). The schemas are
// checked with the editor's own validator; tests/test_schema.py holds them to the engine's
// verdicts.

const SCOPE_RULES = "x-scope-requires";

export class Requirements {
  /** `paths`: the SchemaPaths of the query schema. */
  constructor(paths) {
    this.paths = paths;
    const nodes = paths.nodesAt(["metrics", 0], undefined);
    this.scopes = nodes.find((node) => node[SCOPE_RULES])?.[SCOPE_RULES] ?? {};
    this.metrics = nodes.filter((node) => "const" in node).map((node) => ({ name: node.const, node }));
  }

  /** The requirement sentences (Markdown) of `node`, a metric's entry, that `query` does not meet. */
  unmet(node, query) {
    const fails = (schema) => this.paths.validator.errors(query, schema).length > 0;
    const sentences = (node["x-requires-query"] ?? []).flatMap((schema, i) => (fails(schema) ? [node["x-requires"][i]] : []));
    const scope = this.scopes[node["x-scope"]];
    if (scope && fails(scope.query)) sentences.push(scope.requires);
    return sentences;
  }

  /** Every metric of the schema, in its order: `{name, node, unmet}`. */
  verdicts(query) {
    return this.metrics.map((metric) => ({ ...metric, unmet: this.unmet(metric.node, query) }));
  }
}
