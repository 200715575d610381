// The query text a widget holds, read as JSON: the query, or the reader's mistake in words.
import { sameJson } from "../lib/format.js";

/** `{query}`, or `{problem}` when the text is not JSON. */
export function parse(text) {
  try {
    return { query: JSON.parse(text) };
  } catch (error) {
    return { problem: `The query is not valid JSON: ${error.message}` };
  }
}

/** Whether the query text is `query` (whatever its formatting). */
export function sameQuery(text, query) {
  const { query: parsed } = parse(text);
  return parsed !== undefined && sameJson(parsed, query);
}
