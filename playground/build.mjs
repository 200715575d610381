// Bundles the playground into one folder of static assets.
//
//   node build.mjs --outdir ../site/assets/playground
//
// Entry points: playground.mjs (the small widget enhancer every docs page loads), worker.mjs
// (the Pyodide Web Worker) and playground.css. The editor is a separate chunk, imported only
// when a reader starts editing. The worker imports ./pyodide/pyodide.mjs at run time: the
// Python side (statsref.docsgen.playground) copies Pyodide there, so it stays external here.
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const at = argv.indexOf("--outdir");
  if (at < 0 || !argv[at + 1]) {
    throw new Error("usage: node build.mjs --outdir <folder>");
  }
  return { outdir: path.resolve(argv[at + 1]) };
}

export async function build(outdir) {
  return esbuild.build({
    absWorkingDir: here,
    entryPoints: [
      { in: "src/playground.js", out: "playground" },
      { in: "src/worker.js", out: "worker" },
      { in: "src/playground.css", out: "playground" },
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
    external: ["./pyodide/pyodide.mjs"],
    loader: { ".py": "text" },
    metafile: true,
    logLevel: "warning",
  });
}

const { outdir } = parseArgs(process.argv.slice(2));
const result = await build(outdir);
for (const [file, info] of Object.entries(result.metafile.outputs)) {
  console.log(`${path.relative(outdir, path.resolve(here, file))}\t${info.bytes}`);
}
