// Bundles the playground into one folder of static assets.
//
//   node build.mjs --outdir ../site/assets/playground --python '{"pyodide": ..., "pack": ...}'
//
// Entry points: playground.mjs (the small widget enhancer every docs page loads), worker.mjs
// (the Pyodide Web Worker) and playground.css. The editor is a separate chunk, imported only
// when a reader starts editing. The Python side (statsref.docsgen.python_runtime) writes
// Pyodide and the Python pack into the folder first, under names that carry their hash, and
// passes them as --python: the worker gets them as the constant STATSREF_PYTHON.
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));

export async function build(outdir, python) {
  return esbuild.build({
    absWorkingDir: here,
    entryPoints: [
      { in: "src/pages/playground.js", out: "playground" },
      { in: "src/runners/worker.js", out: "worker" },
      { in: "src/pages/playground.css", out: "playground" },
    ],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    target: "es2020",
    minify: true,
    legalComments: "none",
    outExtension: { ".js": ".mjs" },
    chunkNames: "[name]-[hash]",
    // As a string: an object would become a module shared by every entry point.
    define: { STATSREF_PYTHON: JSON.stringify(python) },
    metafile: true,
    logLevel: "warning",
  });
}

const { values: args } = parseArgs({
  options: { outdir: { type: "string" }, python: { type: "string" } },
});
if (!args.outdir || !args.python) {
  throw new Error("usage: node build.mjs --outdir <folder> --python <runtime JSON>");
}
const outdir = path.resolve(args.outdir);
const result = await build(outdir, args.python);
for (const [file, info] of Object.entries(result.metafile.outputs)) {
  console.log(`${path.relative(outdir, path.resolve(here, file))}\t${info.bytes}`);
}
