// The Markdown shown for a name of the query language in completion info and hover docs: its
// title and description from the schema, its requirements and facts (value type, scope, group,
// example), the days a date range covers under the runner's clock, and a link to where the
// reference pages document it (`assets/editor.json` says where).
import { clockText } from "../runners/clock.js";
import { rangeText, resolveRange } from "./dates.js";
import { code, listed } from "./messages.js";

const FACTS = { "x-value-type": "value", "x-scope": "scope", "x-group": "group" };

/** Where the reference documents `name` (a URL relative to the site root), or null. */
export function linkFor(links, name) {
  if (!links || typeof name !== "string") return null;
  if (links.names?.[name]) return links.names[name];
  const pattern = (links.patterns ?? []).find(([regex]) => new RegExp(regex).test(name));
  return pattern ? pattern[1] : null;
}

/** `{timezone, nativeDays, limits}` of the query's site, for date range resolution. */
export function siteClock(data, query) {
  const site = data?.sites?.[query?.site_id];
  return {
    timezone: site?.timezone ?? "UTC",
    nativeDays: site?.native_days ?? 0,
    limits: data?.ranges ?? {},
    known: Boolean(site),
  };
}

/**
 * "2026-10-26 to 2026-11-01 (examples' clock)": the days `value` covers under the context's
 * clock, named by whose clock it is (`ctx.clockName`) when the context says, or null if `value`
 * is no shorthand.
 */
export function resolvedRange(value, ctx) {
  const site = siteClock(ctx.data, ctx.query);
  const range = resolveRange(value, { clock: ctx.clock, ...site });
  if (!range) return null;
  const days = rangeText(range);
  const text = ctx.clockName ? `${days} (${ctx.clockName})` : days;
  return { text, days, timezone: site.timezone, known: site.known };
}

/** "value: integer · scope: either"; the documented example only where nothing is resolved. */
function facts(node, resolved) {
  const list = Object.entries(FACTS)
    .filter(([key]) => node[key] !== undefined)
    .map(([key, label]) => `${label}: ${node[key]}`);
  if (node["x-example"] !== undefined && !resolved) list.push(`example: \`${JSON.stringify(node["x-example"])}\``);
  return list.join(" · ");
}

function rangeLine(range, ctx) {
  if (!range) return "";
  const where = range.known ? `in ${range.timezone}, the site's timezone` : "in UTC (the site's timezone may differ)";
  return `Under the ${ctx.clockName ?? "clock"} ${clockText(ctx.clock)}: **${range.days}**, ${where}.`;
}

function referenceLink(ctx, name) {
  const href = linkFor(ctx.data?.links, name);
  return href ? `[Reference](${href})` : "";
}

/**
 * Markdown for the value `value` listed by `node` (a const or pattern entry of the schema).
 * `ctx`: {paths, data, clock, query}.
 */
export function entryDocs(node, value, ctx) {
  const { title, description } = ctx.paths.describe(node);
  const name = typeof value === "string" ? value : JSON.stringify(value);
  const head = title && title !== name ? `**${title}** (${code(name)})` : code(name); // may be the reader's
  const requires = node["x-requires"]?.length ? `Requires ${listed(node["x-requires"], "and")}.` : "";
  const range = typeof value === "string" ? resolvedRange(value, ctx) : null;
  return [head, description, requires, rangeLine(range, ctx), facts(node, range), referenceLink(ctx, name)]
    .filter(Boolean)
    .join("\n\n");
}

/** Markdown for a key of the query (or of one of its objects) described by `node`. */
export function keyDocs(key, node, ctx) {
  const { title, description } = ctx.paths.describe(node);
  const head = title ? `**${title}** (${code(key)})` : code(key);
  return [head, description, referenceLink(ctx, key)].filter(Boolean).join("\n\n");
}

/** Markdown for a place that lists no names (clauses, a date): its title and description. */
export function nodeDocs(node, ctx) {
  const { title, description } = ctx.paths.describe(node);
  return [title && `**${title}**`, description].filter(Boolean).join("\n\n") || null;
}
