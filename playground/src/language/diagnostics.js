// One message per mistake. Three sources know about mistakes in a query: the JSON parser, the
// schema (validate.js, worded by messages.js) and the engine, once the reader has started it.
// The engine answers as the API will, so where it and the schema both object to the same
// place (one pointer inside the other) the engine's message is kept, the API's exact text,
// marked at the more precise of the two places, with a plain `hint` under it saying what to
// change: the engine's own (a rule's), else the schema's words for the same mistake.
// Problems: {pointer, message, source, hint}.

/** A JSON pointer ("/filters/0/1") for a path of keys and indices. */
export function toPointer(path) {
  return path.map((key) => `/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

const within = (inner, outer) => inner === outer || inner.startsWith(`${outer}/`);

/**
 * The engine's verdict or a Run's error (`{message, pointer}` or null) as problems of `source`:
 * the API joins every schema problem into one message of `#<pointer>: <text>` lines; each line
 * becomes one problem.
 */
export function engineProblems(verdict, source) {
  if (!verdict) return [];
  const hint = verdict.hint ?? null;
  const lines = verdict.message.split("\n").map((line) => /^#(\/[^:]*)?: (.*)$/s.exec(line));
  if (lines.every(Boolean)) {
    const own = lines.length === 1 ? hint : null; // a rule's hint is about its one line
    return lines.map(([, pointer, message]) => ({ pointer: pointer ?? "", message, source, hint: own }));
  }
  return [{ pointer: verdict.pointer ?? "", message: verdict.message, source, hint }];
}

const overlap = (a, b) => within(a.pointer, b.pointer) || within(b.pointer, a.pointer);

/**
 * The schema's problems and the engine's, one per place: the engine's wins where both object,
 * at the finer place, with the schema's words as its hint when it has none of its own.
 */
export function mergeProblems(schema, engine) {
  const kept = engine.map((problem) => {
    const finer = schema.find((s) => within(s.pointer, problem.pointer) && s.pointer !== problem.pointer);
    const plain = schema.find((s) => overlap(s, problem))?.message ?? null;
    return { ...problem, pointer: finer?.pointer ?? problem.pointer, hint: problem.hint ?? plain };
  });
  return [...schema.filter((s) => !engine.some((e) => overlap(s, e))), ...kept];
}

/**
 * `{from, message}` for text that is not JSON, from the browser's parser: its position and a
 * plain sentence ("Not valid JSON here: expected ',' or '}' after property value.").
 */
export function parseProblem(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const position = /position (\d+)/.exec(error.message);
    const from = position ? Number(position[1]) : text.length;
    if (/^[}\]]/.test(text.slice(from)) && /,\s*$/.test(text.slice(0, from))) {
      return { from, message: "Not valid JSON here: remove the comma before the closing bracket." };
    }
    const reason = error.message
      .replace(/\s*(in JSON )?at position \d+.*$/s, "")
      .replace(/^JSON\.parse: /, "")
      .replace(/, "[\s\S]*" is not valid JSON$/, "");
    const plain = /Unexpected end of JSON input/i.test(reason)
      ? "the query ends too early (a bracket or quote is missing)"
      : reason.charAt(0).toLowerCase() + reason.slice(1);
    return { from: Math.min(from, text.length), message: `Not valid JSON here: ${plain.replace(/\.?$/, ".")}` };
  }
}
