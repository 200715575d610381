// How Python starts, for the worker (worker.js) and for the build's recording run
// (pack-python.mjs) alike: the pack holds the standard library modules the recording saw
// imported, so both must start Python the same way.

// The modules the pack adds to the standard library, as playground/src/runners names them.
export const BRIDGE_MODULE = "bridge";
export const FALLBACK_MODULE = "stdlib_fallback";
export const ZONES_MODULE = "zones";

/** A lock file listing no package: the worker installs none, so it skips Pyodide's 119 KB one. */
export function noPackages(info) {
  return { info, packages: {} };
}
