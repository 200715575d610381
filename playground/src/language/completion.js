// Completion at every position of a query, from the schema (through schema-paths.js) and the
// demo data the docs build writes (assets/editor.json): keys, metric and dimension names,
// filter operators with a skeleton of the rest of the filter, the dimensions an operator
// accepts, clause values seen in the chosen site's demo data, segment ids, modifiers, sort
// keys from what the query selects, directions, include and pagination keys, and date ranges
// with the days they cover under the runner's clock.
//
// `completionsAt(slot, ctx)` is pure: `slot` comes from json-scan.js, `ctx` is {paths, data,
// clock, live}. It returns {from, to, matchFrom, options}: every option replaces from..to with
// its `insert` text (a CodeMirror snippet when `snippet`, with `${}` fields), and the typed
// text from matchFrom filters the list. `reopen` asks for completion again after inserting.
// Options come in the order to show them: the schema's, required keys first, demo values by
// frequency.
import { entryDocs, keyDocs, linkFor, nodeDocs, resolvedRange } from "./entry-docs.js";
import { valueAtPath, withValueAt } from "./schema-paths.js";

export const ROOT_KEY_SITE = "site_id"; // the demo data is per site: the query's site picks the values
const FIELD = "${}";

const isTuple = (node) => Array.isArray(node.prefixItems);

/** The literal start of a pattern such as `^event:props:.+$` ("event:props:"), or null. */
export function patternPrefix(pattern) {
  const match = /^\^([^\\^$.*+?()[\]{}|]+)\.\+\$$/.exec(pattern);
  return match ? match[1] : null;
}

/** Text with `${` and `#{` kept literal in a CodeMirror snippet. */
const literal = (text) => text.replace(/([$#])\{/g, "$1\\{");

export class Completer {
  /** `ctx`: {paths, data, clock, live}. */
  constructor(ctx) {
    this.ctx = ctx;
    this.paths = ctx.paths;
  }

  docsContext(query) {
    return { ...this.ctx, query };
  }

  /** The shape of what a node holds: "array", "object", "string", "boolean", "integer"... */
  shape(node) {
    for (const part of this.paths.expand(node, undefined, null)) {
      if (part.type) return [part.type].flat()[0];
      if ("const" in part) return typeof part.const === "string" ? "string" : typeof part.const;
    }
    return null;
  }

  /** A snippet of a value for `node`: `"${}"`, `[${}]`, `{...required keys}`, `true`... */
  template(node) {
    const described = this.paths.describe(node);
    switch (this.shape(node)) {
      case "array":
        return `[${FIELD}]`;
      case "object":
        return this.objectTemplate(node);
      case "string":
        return `"${FIELD}"`;
      case "boolean":
        // Writing the default changes nothing: offer the other value.
        return `\${${described.default === true ? "false" : "true"}}`;
      case "integer":
      case "number":
        return `\${${described.default ?? 0}}`;
      default:
        return FIELD;
    }
  }

  /** `{}` with the object's required keys, or its only key when it has one. */
  objectTemplate(node) {
    const parts = this.paths.expand(node, undefined, null);
    const properties = Object.assign({}, ...parts.map((p) => p.properties ?? {}));
    const required = parts.flatMap((p) => p.required ?? []);
    const keys = required.length ? required : Object.keys(properties).length === 1 ? Object.keys(properties) : [];
    if (!keys.length) return `{${FIELD}}`;
    return `{${keys.map((key) => `${JSON.stringify(key)}: ${this.template(properties[key])}`).join(", ")}}`;
  }

  /** Completions at `slot`, or null where there are none. */
  completionsAt(slot) {
    if (!slot) return null;
    const options = slot.role === "key" ? this.keyOptions(slot) : this.valueOptions(slot);
    if (!options.length) return null;
    const quoted = slot.node?.kind === "string";
    return { from: slot.from, to: slot.to, matchFrom: quoted ? slot.from + 1 : slot.from, options };
  }

  /** Commas an insertion into an empty slot needs. */
  separated(slot, text) {
    return `${slot.commaBefore ? ", " : ""}${text}${slot.commaAfter ? ", " : ""}`;
  }

  keyOptions(slot) {
    const prop = slot.node ? slot.container.props.find((p) => p.keyNode === slot.node) : null;
    const withValue = !prop?.colon;
    const required = new Set(this.paths.nodesAt(slot.path, slot.value).flatMap((n) => n.required ?? []));
    const docs = this.docsContext(slot.value);
    return this.paths.keysAt(slot.path, slot.value).map(({ key, node }) => {
      const value = withValue ? `: ${this.template(node)}` : "";
      const text = `${JSON.stringify(key)}${value}`;
      return {
        label: key,
        insert: slot.node ? text : this.separated(slot, text),
        snippet: withValue,
        reopen: withValue && /^: ["[]/.test(value),
        detail: required.has(key) ? "required" : this.paths.describe(node).title,
        info: keyDocs(key, node, docs),
        type: "property",
      };
    });
  }

  valueOptions(slot) {
    return [
      ...this.entryOptions(slot),
      ...this.clauseOptions(slot),
      ...this.siteOptions(slot),
      ...(slot.node ? [] : this.skeletonOptions(slot)),
    ];
  }

  // ---- names listed by the schema -------------------------------------------------------

  /** The operator entries of the filters enclosing the one the slot is in. */
  enclosingOperators(path, doc) {
    const found = [];
    for (let depth = 1; depth < path.length - 1; depth++) {
      const at = path.slice(0, depth);
      const name = valueAtPath(doc, [...at, 0]);
      if (!Array.isArray(valueAtPath(doc, at)) || typeof name !== "string") continue;
      const entry = this.paths.entriesAt([...at, 0], doc).find((e) => e.value === name);
      if (entry) found.push(entry.node);
    }
    return found;
  }

  /**
   * The schema's entries at `path`, narrowed by the rules its annotations state: a sort key
   * names something the query selects (`x-from-query`), a behavioral filter takes no other
   * behavioral filter (`x-nested`) and only dimensions of its scope (`x-inner-scope`).
   */
  entries(path, doc) {
    const fromQuery = this.paths.nodesAt(path, doc).find((n) => n["x-from-query"]);
    let entries = fromQuery ? this.queried(fromQuery, path, doc) : this.paths.entriesAt(path, doc);
    for (const operator of this.enclosingOperators(path, doc)) {
      if (operator["x-nested"] === false) entries = entries.filter((e) => e.node["x-nested"] !== false);
      const scope = operator["x-inner-scope"];
      if (scope && entries.some((e) => "x-scope" in e.node)) entries = entries.filter((e) => e.node["x-scope"] === scope);
    }
    return entries;
  }

  /** The names the query lists under the keys `node["x-from-query"]` names, as entries. */
  queried(node, path, doc) {
    const listed = this.paths.entriesAt(path, doc);
    const fits = this.paths.fitter(path, doc);
    const names = [...new Set(node["x-from-query"].flatMap((key) => valueAtPath(doc, [key]) ?? []))];
    return names
      .filter((name) => typeof name === "string" && fits(name))
      .map((name) => ({
        value: name,
        node: listed.find((e) => e.value === name || (e.pattern && new RegExp(e.pattern).test(name)))?.node ?? node,
      }));
  }

  entryOptions(slot) {
    const docs = this.docsContext(slot.value);
    const entries = this.entries(slot.path, slot.value);
    const tail = this.operatorTail(slot);
    return entries.flatMap((entry) => {
      if ("pattern" in entry) return this.patternOptions(entry, slot, docs);
      const text = JSON.stringify(entry.value);
      const rest = tail?.(entry.value);
      const option = this.nameOption(entry, slot, docs);
      if (!rest) return [option];
      const insert = `${literal(text)}, ${rest}`;
      return [{ ...option, insert: slot.node ? insert : this.separated(slot, insert), snippet: true, reopen: true }];
    });
  }

  nameOption({ value, node }, slot, docs) {
    const label = typeof value === "string" ? value : JSON.stringify(value);
    const text = JSON.stringify(value);
    const { title } = this.paths.describe(node);
    const range = typeof value === "string" ? resolvedRange(value, docs) : null;
    return {
      label,
      insert: slot.node ? text : this.separated(slot, text),
      detail: range?.text ?? (title && title !== label ? title : undefined),
      info: entryDocs(node, value, docs),
      type: typeof value === "string" ? "constant" : "keyword",
    };
  }

  /**
   * For the first element of a filter that has nothing after it yet, the rest of the filter
   * to insert after an operator (`, "${}", [${}]`), from the alternative the operator opens.
   */
  operatorTail(slot) {
    const parentPath = slot.path.slice(0, -1);
    const parent = valueAtPath(slot.value, parentPath) ?? [];
    if (slot.path.at(-1) !== 0 || !Array.isArray(parent) || parent.length > 1) return null;
    const tuples = this.paths.nodesAt(parentPath, slot.value).filter(isTuple);
    return (name) => {
      const tuple = tuples.find((t) => !this.paths.validator.errors(name, t.prefixItems[0]).length);
      return tuple ? this.tupleRest(tuple) : null;
    };
  }

  /** The items of a tuple after its first, up to its minimum length, as snippet text. */
  tupleRest(tuple) {
    return tuple.prefixItems
      .slice(1, tuple.minItems ?? tuple.prefixItems.length)
      .map((item) => ("const" in item ? JSON.stringify(item.const) : this.template(item)))
      .join(", ");
  }

  /** `event:props:` and the site's custom properties for `event:props:<name>`; a typed `14d`
   * for the `Nd` pattern. */
  patternOptions({ pattern, node }, slot, docs) {
    const prefix = patternPrefix(pattern);
    const quote = (text) => (slot.node ? text : this.separated(slot, text));
    if (!prefix) {
      const typed = typeof slot.typed === "string" && new RegExp(pattern).test(slot.typed);
      return typed ? [this.nameOption({ value: slot.typed, node }, slot, docs)] : [];
    }
    const known = this.knownNames(pattern, slot.value);
    return [
      {
        label: `${prefix}…`,
        insert: quote(`"${literal(prefix)}${FIELD}"`),
        snippet: true,
        reopen: true,
        detail: this.paths.describe(node).title,
        info: entryDocs(node, node.title, docs),
        type: "constant",
      },
      ...known.map((name) => ({
        ...this.nameOption({ value: name, node }, slot, docs),
        detail: `custom property of ${slot.value[ROOT_KEY_SITE]}`,
        section: this.demoSection(slot),
      })),
    ];
  }

  // ---- values from the demo data ----------------------------------------------------------

  /** The names the demo data of `doc`'s site knows for a pattern entry with a literal start
   * (its custom properties, for `event:props:<name>`). */
  knownNames(pattern, doc) {
    const prefix = patternPrefix(pattern);
    const site = this.ctx.data?.sites?.[doc?.[ROOT_KEY_SITE]];
    return prefix ? Object.keys(site?.values ?? {}).filter((name) => name.startsWith(prefix)) : [];
  }

  /** Where demo values are listed: named as such (or by the sites file they come from), and as
   * not the reader's when live. */
  demoSection(slot) {
    const site = slot.value?.[ROOT_KEY_SITE];
    const file = this.ctx.data?.sitesFile;
    if (file) return { name: `Values of ${site} (${file})`, rank: 1 };
    const name = this.ctx.live ? `Demo values of ${site} (the mock dataset, not your site)` : `Demo values of ${site}`;
    return { name, rank: 1 };
  }

  /**
   * The values the site's demo data holds for the dimension of the clause list at `listPath`
   * of `doc`, most frequent first: `{dimension, values: [{value, label, rank}]}` (a segment's
   * name as its label), or null where `listPath` holds no clauses.
   */
  clauseValues(listPath, doc) {
    const holder = this.paths.nodesAt(listPath, doc).find((n) => "x-values-of-item" in n);
    if (!holder) return null;
    const dimension = valueAtPath(doc, [...listPath.slice(0, -1), holder["x-values-of-item"]]);
    const site = this.ctx.data?.sites?.[doc?.[ROOT_KEY_SITE]];
    const labels = site?.labels?.[dimension] ?? {};
    const values = (site?.values?.[dimension] ?? []).map((value, rank) => ({ value, label: labels[String(value)], rank }));
    return { dimension, values };
  }

  /** Clause values of a filter: what the site's demo data holds for the filter's dimension. */
  clauseOptions(slot) {
    const listPath = slot.path.slice(0, -1);
    if (typeof slot.path.at(-1) !== "number") return [];
    const { dimension, values } = this.clauseValues(listPath, slot.value) ?? { values: [] };
    const taken = (valueAtPath(slot.value, listPath) ?? []).filter((_, i) => i !== slot.path.at(-1));
    const section = this.demoSection(slot);
    return values
      .filter(({ value }) => !taken.includes(value))
      .map(({ value, label, rank }) => ({
        label: String(value),
        insert: slot.node ? JSON.stringify(value) : this.separated(slot, JSON.stringify(value)),
        detail: label ?? (this.ctx.data?.sitesFile ? "value" : "demo value"),
        info: this.clauseInfo(dimension, slot.value[ROOT_KEY_SITE], rank),
        section,
        type: "text",
      }));
  }

  clauseInfo(dimension, site, rank) {
    const link = linkFor(this.ctx.data?.links, dimension);
    const name = link ? `[\`${dimension}\`](${link})` : `\`${dimension}\``;
    const file = this.ctx.data?.sitesFile;
    const data = file ? `the data the mock makes of ${file} for ${site}` : `the demo data of ${site}`;
    const week = file ? "in the week before the clock" : "in the week before the examples' clock";
    return `A value of ${name} in ${data}, number ${rank + 1} by visitors ${week}.`;
  }

  /** The demo sites (or the sites file's), for `site_id`. */
  siteOptions(slot) {
    if (slot.path.length !== 1 || slot.path[0] !== ROOT_KEY_SITE) return [];
    const file = this.ctx.data?.sitesFile;
    const whose = file ? `A site of ${file}, the sites file the in-browser mock serves` : "A site of the mock dataset";
    return Object.entries(this.ctx.data?.sites ?? {}).map(([domain, site]) => ({
      label: domain,
      insert: slot.node ? JSON.stringify(domain) : this.separated(slot, JSON.stringify(domain)),
      detail: `${file ? `site of ${file}` : "demo site"}, ${site.timezone}`,
      info:
        `${whose}, readable with the demo key; its stats start ${site.native_days} ` +
        `days before today, in ${site.timezone}.${this.ctx.live ? " A live API knows your own sites instead." : ""}`,
      section: { name: file ? `Sites of ${file}` : this.ctx.live ? "Demo sites (the mock dataset, not your API)" : "Demo sites", rank: 1 },
      type: "text",
    }));
  }

  // ---- skeletons for an empty slot ----------------------------------------------------------

  skeletonOptions(slot) {
    const nodes = this.paths.nodesAt(slot.path, slot.value);
    const tuples = nodes.filter(isTuple);
    const operators = tuples.filter((t) => this.firstItemNames(t).length);
    if (operators.length) return this.filterSkeletons(slot, operators);
    const docs = this.docsContext(slot.value);
    const options = [...tuples.flatMap((tuple) => this.exampleOption(tuple, slot)), ...this.defaultOptions(nodes, slot)];
    const shapes = new Set(nodes.filter((n) => !isTuple(n) && n.type).map((n) => [n.type].flat()[0]));
    for (const shape of ["array", "object"]) {
      if (!shapes.has(shape)) continue;
      const node = nodes.find((n) => [n.type].flat()[0] === shape);
      const text = shape === "array" ? `[${FIELD}]` : this.objectTemplate(node);
      if (shape === "object" && !this.fitsTemplate(slot, text)) continue;
      options.push({
        label: shape === "array" ? "[ … ]" : text.replace(/\$\{(\w*)\}/g, "$1").replace(/\{\}/g, "{ … }"),
        insert: this.separated(slot, text),
        snippet: true,
        reopen: true,
        detail: this.paths.describe(node).title ?? shape,
        info: nodeDocs(node, docs),
        type: "keyword",
      });
    }
    return options;
  }

  /** A number's default (`10000` for `limit`). */
  defaultOptions(nodes, slot) {
    return nodes
      .filter((n) => ["integer", "number"].includes(n.type) && n.default !== undefined)
      .map((n) => {
        const text = String(n.default);
        return { label: text, insert: this.separated(slot, text), detail: "default", info: n.description, type: "text" };
      });
  }

  /** Whether the value a template stands for (its fields left at their defaults) fits. */
  fitsTemplate(slot, text) {
    try {
      const value = JSON.parse(text.replace(/\$\{(\w+)\}/g, "$1").replace(/\$\{\}/g, ""));
      return this.paths.fitter(slot.path, slot.value)(value);
    } catch {
      return true;
    }
  }

  firstItemNames(tuple) {
    return this.paths.expand(tuple.prefixItems[0], undefined, null).filter((n) => "const" in n);
  }

  /**
   * Whole filters for an empty place in a list of filters: one per operator, with the rest of
   * the filter as fields (`["is", "${}", [${}]]`). An operator that opens a second form whose
   * fixed second item the first form does not accept (`["is", "segment", [...]]`) gets an
   * option of its own.
   */
  filterSkeletons(slot, tuples) {
    const probe = withValueAt(slot.value, slot.path, [""]);
    const entries = this.entries([...slot.path, 0], probe);
    const docs = this.docsContext(slot.value);
    const options = [];
    for (const { value, node } of entries) {
      const forms = tuples.filter((t) => !this.paths.validator.errors(value, t.prefixItems[0]).length);
      const [main, ...others] = forms;
      if (!main) continue;
      const extra = others.filter((t) => this.addsFixedItem(t, main));
      for (const tuple of [main, ...extra]) {
        const consts = tuple.prefixItems.slice(1).filter((item) => "const" in item).map((item) => item.const);
        const fixed = tuple === main ? "" : ` ${consts.join(" ")}`;
        const text = `[${JSON.stringify(value)}, ${this.tupleRest(tuple)}]`;
        options.push({
          label: `${value}${fixed}`,
          insert: this.separated(slot, text),
          snippet: true,
          reopen: true,
          detail: tuple === main ? this.paths.describe(node).title : this.paths.describe(tuple).title,
          info: tuple === main ? entryDocs(node, value, docs) : nodeDocs(tuple, docs),
          type: "keyword",
        });
      }
    }
    return options;
  }

  /** Whether `tuple` fixes an item to a name the `main` form does not accept there. */
  addsFixedItem(tuple, main) {
    return tuple.prefixItems.some(
      (item, i) => i > 0 && "const" in item && this.paths.validator.errors(item.const, main.prefixItems[i]).length > 0,
    );
  }

  /** A tuple with no names to choose first (a date pair) is offered as its example. */
  exampleOption(tuple, slot) {
    const example = this.paths.describe(tuple).examples?.[0];
    if (example === undefined || this.firstItemNames(tuple).length) return [];
    const text = JSON.stringify(example).replace(/","/g, '", "');
    return [{
      label: text,
      insert: this.separated(slot, literal(text)),
      detail: this.paths.describe(tuple).title,
      info: nodeDocs(tuple, this.docsContext(slot.value)),
      type: "text",
    }];
  }
}
