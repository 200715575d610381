// Bundles the playground into the built site: its assets under `assets/playground/`, and the
// embedding script at the site's root.
//
//   node build.mjs --outdir ../site --python '{"pyodide": ..., "pack": ...}' --site '{"targets": ...}'
//
// Entry points: playground.mjs (the small widget enhancer every docs page loads), worker.mjs
// (the Pyodide Web Worker), playground.css, and /embed.js (what another site's page loads to
// embed widgets, src/embed/), which finds the rest relative to its own URL. The editor is a
// separate chunk, imported only when a reader starts editing; code the entry points share
// goes into chunks too. The Python side (statsref.docsgen.python_runtime) writes Pyodide and
// the Python pack into `assets/playground/` first, under names that carry their hash, and
// passes them as --python: the worker gets them as the constant STATSREF_PYTHON. --site is
// what the embedding script must know without asking: the code samples' targets, the
// examples' clock and the demo sites (STATSREF_SITE).
import * as esbuild from "esbuild";
import { rename } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const ASSETS = "assets/playground"; // as src/widget/context.js and statsref.docsgen.playground say
const EMBED = "embed";

/**
 * CSS that a script imports (`import css from "./embed.css"`) arrives as its bundled, minified
 * text, for a shadow root to adopt, with each rem turned into `--sr-rem`: in a shadow root a
 * rem is still the host page's, whatever its size.
 */
const cssText = {
  name: "css-text",
  setup(build) {
    build.onResolve({ filter: /\.css$/ }, (args) =>
      args.kind === "import-statement" ? { path: path.resolve(args.resolveDir, args.path), namespace: "css-text" } : undefined);
    build.onLoad({ filter: /.*/, namespace: "css-text" }, async (args) => {
      const result = await esbuild.build({ entryPoints: [args.path], bundle: true, minify: true, write: false, metafile: true, logLevel: "warning" });
      const text = result.outputFiles[0].text;
      if (/@media[^{]*rem/.test(text)) throw new Error(`${args.path}: a media query in rem cannot use --sr-rem`);
      return {
        contents: text.replace(/(-?\d*\.?\d+)rem\b/g, "calc($1*var(--sr-rem))"),
        loader: "text",
        watchFiles: Object.keys(result.metafile.inputs).map((file) => path.resolve(file)),
      };
    });
  },
};

export async function build(outdir, python, site) {
  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: [
      { in: "src/pages/playground.js", out: `${ASSETS}/playground` },
      { in: "src/runners/worker.js", out: `${ASSETS}/worker` },
      { in: "src/pages/playground.css", out: `${ASSETS}/playground` },
      { in: "src/embed/embed.js", out: EMBED },
    ],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    target: "es2020",
    minify: true,
    legalComments: "none",
    outExtension: { ".js": ".mjs" },
    chunkNames: `${ASSETS}/[name]-[hash]`,
    // As strings: an object would become a module shared by every entry point.
    define: { STATSREF_PYTHON: JSON.stringify(python), STATSREF_SITE: JSON.stringify(site) },
    plugins: [cssText],
    metafile: true,
    logLevel: "warning",
  });
  // The embedding script's address is the one third parties write: `/embed.js`, not `.mjs`.
  // Nothing imports it, so no other file names it.
  await rename(path.join(outdir, `${EMBED}.mjs`), path.join(outdir, `${EMBED}.js`));
  /** `[name, bytes]` of each file written, its name relative to `outdir`. */
  return Object.entries(result.metafile.outputs).map(([file, { bytes }]) =>
    [path.relative(outdir, path.resolve(here, file)).replace(new RegExp(`^${EMBED}\\.mjs$`), `${EMBED}.js`), bytes]);
}

const { values: args } = parseArgs({
  options: { outdir: { type: "string" }, python: { type: "string" }, site: { type: "string" } },
});
if (!args.outdir || !args.python || !args.site) {
  throw new Error("usage: node build.mjs --outdir <site folder> --python <runtime JSON> --site <embed JSON>");
}
const outdir = path.resolve(args.outdir);
for (const [file, bytes] of await build(outdir, args.python, args.site)) console.log(`${file}\t${bytes}`);
