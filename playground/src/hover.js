// Hover docs from the schema's annotations. For a value chosen from a list (a metric, a
// dimension, an operator, a date-range shorthand) the tooltip shows that entry's title,
// description, requirements and facts (value type, scope, group, example), where the stock
// hover of codemirror-json-schema would only list the alternatives' types.
import { codeSpan } from "./markdown.js";
import { pointerKeys } from "./pointer.js";

function valueAt(data, pointer) {
  let value = data;
  for (const key of pointerKeys(pointer)) {
    if (value === null || typeof value !== "object" || !(key in value)) return undefined;
    value = value[key];
  }
  return value;
}

function matches(entry, value) {
  if ("const" in entry) return entry.const === value;
  if (typeof entry.pattern === "string" && typeof value === "string") {
    return new RegExp(entry.pattern).test(value);
  }
  return false;
}

function entryFor(schema, value) {
  if (value === undefined) return null;
  const alternatives = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return alternatives.find((entry) => entry && typeof entry === "object" && matches(entry, value)) ?? null;
}

function facts(entry) {
  const names = { "x-value-type": "value", "x-scope": "scope", "x-group": "group" };
  const list = Object.entries(names)
    .filter(([key]) => entry[key])
    .map(([key, label]) => `${label}: ${entry[key]}`);
  if (entry["x-example"] !== undefined) list.push(`example: \`${JSON.stringify(entry["x-example"])}\``);
  return list.join(" · ");
}

function describeEntry(entry, value) {
  // `value` is the reader's text (a pattern entry matches many): one code span, whatever it holds.
  const head = entry.title ? `**${entry.title}** (${codeSpan(value)})` : codeSpan(value);
  const requires = entry["x-requires"]?.length ? `Requires ${entry["x-requires"].join("; ")}.` : "";
  return [head, entry.description, requires].filter(Boolean).join("\n\n");
}

function typeOf(schema) {
  if (Array.isArray(schema.type)) return schema.type.join(" or ");
  return schema.type ?? "";
}

/** `getHoverTexts` for codemirror-json-schema's hover; `getText` returns the editor's text. */
export function hoverTexts(getText) {
  return ({ schema, pointer }) => {
    let data;
    try {
      data = JSON.parse(getText());
    } catch {
      data = undefined;
    }
    const value = valueAt(data, pointer);
    const entry = entryFor(schema, value);
    if (entry) return { message: describeEntry(entry, value), typeInfo: facts(entry) };
    const message = [schema.title && `**${schema.title}**`, schema.description].filter(Boolean).join("\n\n");
    return { message: message || null, typeInfo: typeOf(schema) };
  };
}
