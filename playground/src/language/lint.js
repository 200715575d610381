// What the editor's one linter reports for a decoded query, bounded whatever the text: the
// engine's size bounds first (limits.js: a query past one gets that one problem, as the engine
// answers, and the schema's checks never walk it), then the schema's problems in plain words,
// merged with the engine's and a Run's (diagnostics.js), each once, at most MAX_PROBLEMS of
// them: a reader fixes the first ones first, and each shown costs the page some work.
import { mergeProblems, toPointer } from "./diagnostics.js";
import { limitProblem } from "./limits.js";

export const MAX_PROBLEMS = 100;

/**
 * The schema's problems of `query` (`language`: `{validator, messages}`), or the engine's size
 * bound it passes: `{pointer, message, source, key, hint}`, at most MAX_PROBLEMS worded.
 */
export function schemaProblems(language, query) {
  const limit = limitProblem(query);
  if (limit) return [{ ...limit, source: "limits", key: false }];
  return language.validator.check(query).slice(0, MAX_PROBLEMS).map((error) => ({
    pointer: toPointer(error.path),
    message: language.messages.message(error),
    source: "schema",
    key: error.kind === "additionalProperties",
    hint: null,
  }));
}

/**
 * `{problems, hidden}`: the problems of `query`, the schema's merged with the `authoritative`
 * ones (the engine's verdict, a Run's error), each (place, message) once; the authoritative ones
 * first when there are more than MAX_PROBLEMS, `hidden` counting those left out.
 */
export function lintProblems(language, query, authoritative) {
  const seen = new Set();
  const unique = mergeProblems(schemaProblems(language, query), authoritative.slice(0, MAX_PROBLEMS))
    .filter((p) => !seen.has(`${p.pointer} ${p.message}`) && seen.add(`${p.pointer} ${p.message}`));
  const ordered = [...unique.filter((p) => !isOwn(p)), ...unique.filter(isOwn)];
  return { problems: ordered.slice(0, MAX_PROBLEMS), hidden: Math.max(0, ordered.length - MAX_PROBLEMS) };
}

/** A problem the page found itself (rather than the engine or a server). */
const isOwn = (problem) => problem.source === "schema" || problem.source === "limits";
