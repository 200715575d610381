// The days a relative date range covers, as the engine resolves them (statsref.engine.language.dates):
// "today" is the date of the clock in the site's timezone; `Nd` ends yesterday, `Nmo` is whole
// months before the current one, `month` and `year` are the current ones, `all` starts the
// site's first day of stats. The editor shows them in completion and hover without starting
// the Python runtime; a browser test checks them against the engine.

const DAY_MS = 86_400_000;

/** `{year, month, day, hour, minute}` of `instant` (a Date) on the wall clock of `timeZone`. */
function wallClock(instant, timeZone) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** A calendar day as a UTC midnight timestamp, so day arithmetic never meets a DST change. */
const day = (year, month, date) => Date.UTC(year, month - 1, date);
const iso = (timestamp) => new Date(timestamp).toISOString().slice(0, 10);
const pad = (n) => String(n).padStart(2, "0");

function monthStart(today, shift) {
  const d = new Date(today);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + shift, 1);
}

/**
 * `{first, last}` (`YYYY-MM-DD`, or `YYYY-MM-DD HH:MM` for `24h`) of the shorthand `range` at
 * `clock` (ISO 8601) for a site in `timezone` whose stats start `nativeDays` before today;
 * null for anything that is not a shorthand the engine accepts (`limits`: its `max_days` and
 * `max_months`).
 */
export function resolveRange(range, { clock, timezone = "UTC", nativeDays = 0, limits = {} }) {
  if (typeof range !== "string" || !clock) return null;
  const instant = new Date(clock);
  if (Number.isNaN(instant.getTime())) return null;
  const now = wallClock(instant, timezone);
  const today = day(now.year, now.month, now.day);
  const count = /^(\d+)(d|mo)$/.exec(range);
  if (count) {
    const n = Number(count[1]);
    const max = count[2] === "d" ? limits.max_days : limits.max_months;
    if (n < 1 || (max !== undefined && n > max)) return null;
    if (count[2] === "d") return { first: iso(today - n * DAY_MS), last: iso(today - DAY_MS) };
    return { first: iso(monthStart(today, -n)), last: iso(monthStart(today, 0) - DAY_MS) };
  }
  switch (range) {
    case "day":
      return { first: iso(today), last: iso(today) };
    case "24h": {
      const before = wallClock(new Date(instant.getTime() - DAY_MS), timezone);
      const stamp = (w) => `${iso(day(w.year, w.month, w.day))} ${pad(w.hour)}:${pad(w.minute)}`;
      return { first: stamp(before), last: stamp(now) };
    }
    case "month":
      return { first: iso(monthStart(today, 0)), last: iso(monthStart(today, 1) - DAY_MS) };
    case "year":
      return { first: `${now.year}-01-01`, last: `${now.year}-12-31` };
    case "all":
      return { first: iso(today - nativeDays * DAY_MS), last: iso(today) };
    default:
      return null;
  }
}

/** "2026-10-26 to 2026-11-01" */
export function rangeText({ first, last }) {
  return first === last ? first : `${first} to ${last}`;
}
