// JSON text the way the docs show it: indented, with short arrays and objects kept on one line
// (so `"metrics": ["visitors", "pageviews"]` does not take four lines).

const INLINE_WIDTH = 72;

/** `value` on one line, with a space after each comma and colon. */
export function inline(value) {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (value && typeof value === "object") {
    const items = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
    return items.length ? `{${items.join(", ")}}` : "{}";
  }
  return JSON.stringify(value);
}

/** `value` written where a line starts with `indent`: on one line when it fits, else one item a
 * line, indented two more. */
export function block(value, indent) {
  const flat = inline(value);
  if (flat.length + indent.length <= INLINE_WIDTH || value === null || typeof value !== "object") {
    return flat;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + block(v, inner)).join(",\n")}\n${indent}]`;
  }
  const items = Object.entries(value).map(
    ([k, v]) => `${inner}${JSON.stringify(k)}: ${block(v, inner)}`,
  );
  return `{\n${items.join(",\n")}\n${indent}}`;
}

/** Pretty-print `value`; the top-level object always gets one key per line. */
export function formatJson(value) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const items = Object.entries(value).map(([k, v]) => `  ${JSON.stringify(k)}: ${block(v, "  ")}`);
    return items.length ? `{\n${items.join(",\n")}\n}` : "{}";
  }
  return block(value, "");
}

/** Whether two decoded JSON values are equal, whatever the order of their objects' keys. */
export function sameJson(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
}
