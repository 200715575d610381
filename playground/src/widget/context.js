// What every widget on a page shares, whichever page it is on: the site's files they read (the
// query schema, the editor's data), the editor chunk, the metrics' value types and one Python
// worker. pages/playground.js adds a docs page's examples and targets; embed/ adds what an
// embedding page gives. Nothing is fetched until a widget asks.
import { once } from "../lib/dom.js";
import { PythonClient } from "../runners/pyclient.js";
import { valueTypes } from "../views/values.js";

/** Where the build puts the playground's assets, under the site's root (build.mjs). */
export const ASSETS = "assets/playground/";

/** The shared context of the widgets of the site whose root URL is `siteRoot`. */
export function siteContext(siteRoot) {
  const siteUrl = (path) => new URL(path, siteRoot).href;
  const fetchJson = async (path) => {
    const response = await fetch(siteUrl(path));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  };
  const schema = once(() => fetchJson("schema/query.schema.json"));
  return {
    siteRoot: siteUrl("./"),
    fetchJson,
    schema,
    // What completion suggests beyond the schema (demo values, links): statsref.docsgen.editor_data.
    editorData: once(() => fetchJson("assets/editor.json").catch(() => ({}))),
    valueTypes: once(async () => valueTypes(await schema().catch(() => ({})))),
    loadEditor: once(() => import("../editor/editor.js")),
    // Only when a reader opens a builder: never prefetched.
    loadBuilder: once(() => import("../builder/builder.js")),
    python: new PythonClient(siteUrl(`${ASSETS}worker.mjs`)),
    playgroundUrl: siteUrl("playground/"),
  };
}
