// What an embedding page asks of one widget, read and checked: the query inside the element,
// its documented response (a `<script type="application/json" data-statsref-response>`), and
// the attributes data-site, data-clock, data-theme and data-height. A value in error is named
// in `problems`, in words the page's author can act on, and its default is used: the widget
// always works.
import { formatJson } from "../lib/format.js";
import { isoSeconds } from "../runners/clock.js";

export const THEMES = ["light", "dark", "auto"];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const LENGTH = /^(\d+(?:\.\d+)?)(px|em|rem|vh|svh|lh|ch)?$/;

/** The pinned clock `value` asks for (ISO 8601, to the second, in UTC), or null. */
export function readClock(value) {
  const date = INSTANT.test(value) ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? isoSeconds(date) : null;
}

/** A CSS length from `value` (a bare number is pixels), or null. */
export function readHeight(value) {
  const match = LENGTH.exec(value);
  return match && Number(match[1]) > 0 ? `${match[1]}${match[2] ?? "px"}` : null;
}

// Each attribute's reading: `{value}`, or `{value: its default, problem}`.

function theme(written = "auto") {
  const value = written.trim().toLowerCase();
  if (THEMES.includes(value)) return { value };
  return { value: "auto", problem: `data-theme="${written}" is not light, dark or auto: auto is used.` };
}

function clock(written, examples) {
  const value = written === undefined ? examples : readClock(written.trim());
  if (value) return { value };
  const problem = `data-clock="${written}" is not an instant such as 2026-11-02T14:30:00+00:00: the examples' clock is used.`;
  return { value: examples, problem };
}

function height(written) {
  const value = written === undefined ? null : readHeight(written.trim());
  if (value || written === undefined) return { value };
  return { value, problem: `data-height="${written}" is not a height such as 320 or 20em: the editor takes the query's height.` };
}

function site(written, sites) {
  const value = written?.trim();
  if (value === undefined || sites.includes(value)) return { value };
  const problem = `data-site="${written}" is not one of the demo sites (${sites.join(", ")}): the query's own site_id is kept.`;
  return { value: undefined, problem };
}

/** The query written in the element, on the demo site `domain` when given. */
function query(text, domain) {
  if (!text) return { value: null, problem: "The element holds no query: put the query's JSON inside it." };
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { value: null, problem: `The query is not valid JSON (${error.message}): it is shown as it is.` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return { value: null, problem: 'The query must be a JSON object, like {"site_id": "dummy.site", ...}.' };
  }
  if (!domain) return { value };
  return { value: "site_id" in value ? { ...value, site_id: domain } : { site_id: domain, ...value } };
}

/** The documented answer `{status, body}` of the script's `{text, status}` (its data-status). */
function documented({ text, status }) {
  let body;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { value: null, problem: `The documented response is not valid JSON (${error.message}): Run computes the answer instead.` };
  }
  if (status === undefined) return { value: { status: typeof body?.error === "string" ? 400 : 200, body } };
  const code = Number(status);
  if (Number.isInteger(code) && code >= 200 && code <= 599) return { value: { status: code, body } };
  return { value: null, problem: `data-status="${status}" is not an HTTP status such as 200 or 400: Run computes the answer instead.` };
}

/**
 * The widget's options. `attrs`: the element's attributes by name (absent ones undefined);
 * `text`: the query as written; `script`: `{text, status}` of the documented response's script
 * (`status`: its data-status), or null; `build`: {sites (the demo sites' domains), clock (the
 * examples')}. Returns {text, pinned, theme, height, example (the documented answer as the
 * widget's example, or null), problems}.
 */
export function readOptions(attrs, text, script, build) {
  const problems = [];
  const read = ({ value, problem }) => {
    if (problem) problems.push(problem);
    return value;
  };
  const options = {
    theme: read(theme(attrs["data-theme"])),
    pinned: read(clock(attrs["data-clock"], build.clock)),
    height: read(height(attrs["data-height"])),
  };
  const domain = read(site(attrs["data-site"], build.sites));
  const asked = read(query(text.trim(), domain));
  const answer = asked && script ? read(documented(script)) : null;
  const example = answer && { slug: "", title: null, query: asked, response: answer.body, status: answer.status, now: options.pinned };
  return { ...options, text: asked ? formatJson(asked) : text.trim(), example, problems };
}
