// Where an error message points in a query, when the answer came from a server (which sends
// only the message): the first quoted or backticked name in the message that the query holds,
// as a value or as a key.

function tokens(message) {
  return [...message.matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => m[1]);
}

function escapeSegment(key) {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

function find(value, wanted, pointer) {
  if (value === wanted) return pointer;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = find(value[i], wanted, `${pointer}/${i}`);
      if (hit !== null) return hit;
    }
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const path = `${pointer}/${escapeSegment(key)}`;
      if (key === wanted) return path;
      const hit = find(child, wanted, path);
      if (hit !== null) return hit;
    }
  }
  return null;
}

/** A JSON pointer into `query` for `message`, or null when nothing in it is named. */
export function guessPointer(query, message) {
  for (const token of tokens(message)) {
    const hit = find(query, token, "");
    if (hit !== null) return hit;
  }
  return null;
}
