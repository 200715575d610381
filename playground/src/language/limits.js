// The engine's size bounds (statsref.engine.language.limits), checked as the engine checks
// them: before anything else, in its order, the first failure alone, with its words. So the
// editor's own checks (validate.js) only ever walk a query the engine would read, and no text
// (a permalink, a paste) can make the page work hard or exhaust its stack: the walk here is
// iterative and stops at the first bound passed. The engine's checks of text and integers in
// the same walk bound no work: they are left to it. tests/playground/test_limits.py keeps these
// numbers, names and messages the engine's.

/** The engine's MAX_BODY_CHARS, MAX_NESTING, MAX_LIST_ITEMS and MAX_FILTER_DEPTH. */
export const LIMITS = { bodyChars: 100_000, nesting: 32, listItems: 1_000, filterDepth: 10 };
/** The filter operators that wrap other filters (the engine's logical and behavioral ones). */
export const WRAPPERS = new Set(["and", "or", "not", "has_done", "has_not_done"]);

/** One JSON pointer reference token (RFC 6901). */
const escape = (key) => String(key).replace(/~/g, "~0").replace(/\//g, "~1");

/** Code points, as the engine counts characters. */
function codePoints(text) {
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) pairs++;
  }
  return text.length - pairs;
}

/** Nesting (and list lengths, with `lists`), depth first without recursion: the engine's walk
 * and order. */
function shapeProblem(body, { lists = true } = {}) {
  const stack = [[body, "", 0]];
  while (stack.length) {
    const [value, pointer, depth] = stack.pop();
    if (value === null || typeof value !== "object") continue;
    if (depth >= LIMITS.nesting) {
      return { pointer, message: `Nested more than ${LIMITS.nesting} levels deep.`, hint: `Nest lists and objects at most ${LIMITS.nesting} levels deep.` };
    }
    if (lists && Array.isArray(value) && value.length > LIMITS.listItems) {
      return {
        pointer,
        message: `Expected a maximum of ${LIMITS.listItems} items but got ${value.length}.`,
        hint: `Put at most ${LIMITS.listItems} items in this list.`,
      };
    }
    for (const [key, item] of Object.entries(value)) stack.push([item, `${pointer}/${escape(key)}`, depth + 1]);
  }
  return null;
}

/** Where a decoded value is nested deeper than the engine reads, as a problem, or null: far
 * below the depth that would exhaust the stack of the page's own recursive code (formatting,
 * `JSON.stringify`, a worker's message), which a value past it must not reach. */
export function nestingProblem(value) {
  return shapeProblem(value, { lists: false });
}

function sizeProblem(body) {
  const size = codePoints(JSON.stringify(body)); // shallow by now: no deep recursion
  if (size <= LIMITS.bodyChars) return null;
  return {
    pointer: "",
    message: `The query is ${size} characters of JSON; the limit is ${LIMITS.bodyChars}.`,
    hint: "Send a smaller query: fewer or shorter clauses, or several queries.",
  };
}

/** Wrapping filter operators above a leaf (at most `nesting` deep by now). */
function filterDepthProblem(body) {
  const filters = body?.filters;
  if (!Array.isArray(filters)) return null;
  const visit = (node, pointer, depth) => {
    if (!(Array.isArray(node) && node.length === 2 && WRAPPERS.has(node[0]))) return null;
    if (depth + 1 > LIMITS.filterDepth) {
      return {
        pointer,
        message: `Filters are nested more than ${LIMITS.filterDepth} levels deep.`,
        hint: `Nest \`and\`, \`or\`, \`not\`, \`has_done\` and \`has_not_done\` at most ${LIMITS.filterDepth} deep: an \`and\` inside an \`and\` can be one list.`,
      };
    }
    const children = node[1];
    if ((node[0] === "and" || node[0] === "or") && Array.isArray(children)) {
      for (const [i, child] of children.entries()) {
        const found = visit(child, `${pointer}/1/${i}`, depth + 1);
        if (found) return found;
      }
      return null;
    }
    return visit(children, `${pointer}/1`, depth + 1);
  };
  for (const [i, item] of filters.entries()) {
    const found = visit(item, `/filters/${i}`, 0);
    if (found) return found;
  }
  return null;
}

/**
 * The first of the engine's size bounds the decoded `query` passes, as `{pointer, message,
 * hint}` (the engine's words), or null. Linear in the size of the query, whatever its depth.
 */
export function limitProblem(query) {
  return shapeProblem(query) ?? sizeProblem(query) ?? filterDepthProblem(query);
}
