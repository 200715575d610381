// How a metric's value reads in a table or chart, by its `x-value-type` in the query schema
// (integer, float, percentage, seconds, revenue). Names are never listed here: the schema
// says which metric has which type.

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** `{metric name: value type}` from every `oneOf` entry of the schema with an x-value-type. */
export function valueTypes(schema) {
  const types = {};
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      if (typeof node.const === "string" && node["x-value-type"]) types[node.const] = node["x-value-type"];
      Object.values(node).forEach(visit);
    }
  };
  visit(schema);
  return types;
}

function duration(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function isRevenue(value) {
  return Boolean(value && typeof value === "object" && "value" in value);
}

/** The number a chart or CSV uses for `value` (revenue objects give their amount). */
export function numeric(value) {
  if (isRevenue(value)) return Number(value.value);
  return typeof value === "number" ? value : null;
}

function money(value) {
  if (value.long) return value.long;
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: value.currency }).format(value.value);
  } catch {
    return `${decimal.format(value.value)} ${value.currency ?? ""}`.trim();
  }
}

/** Display text of one metric value. */
export function formatValue(value, type) {
  if (value === null || value === undefined) return "—";
  if (isRevenue(value)) return money(value);
  if (typeof value !== "number") return String(value);
  switch (type) {
    case "percentage":
      return `${decimal.format(value)}%`;
    case "seconds":
      return duration(value);
    case "integer":
      return integer.format(value);
    default:
      return decimal.format(value);
  }
}
