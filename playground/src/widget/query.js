// The query text a widget holds, read as JSON: the query, or the reader's mistake in words.
import { nestingProblem } from "../language/limits.js";
import { sameJson } from "../lib/format.js";

/** `{query}`, or `{problem}` when the text is not JSON, or JSON nested deeper than the engine
 * reads (which Run, Format and Copy as could not even write out). */
export function parse(text) {
  let query;
  try {
    query = JSON.parse(text);
  } catch (error) {
    return { problem: `The query is not valid JSON: ${error.message}` };
  }
  const deep = nestingProblem(query);
  return deep ? { problem: `The query is nested too deep at #${deep.pointer}: ${deep.hint}` } : { query };
}

/** Whether the query text is `query` (whatever its formatting). */
export function sameQuery(text, query) {
  const { query: parsed } = parse(text);
  return parsed !== undefined && sameJson(parsed, query);
}
