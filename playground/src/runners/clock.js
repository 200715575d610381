// The clock a widget's queries run under. By default it is the examples' pinned clock, so the
// in-browser engine and the local mock server (which gets it in the X-Statsref-Clock header)
// answer alike and an unedited example reproduces its documented response; the reader may
// switch to "now", frozen at the moment of the switch so the runners keep one dataset. A live
// API always answers under its own clock.

/** An ISO 8601 instant to the second, in UTC with an explicit offset. */
export function isoSeconds(date) {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

/** "2026-11-02 14:30 UTC" */
export function clockText(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export class Clock {
  /** `pinned`: the examples' clock (ISO 8601); `mode`: "pinned" or "now". */
  constructor(pinned, mode = "pinned", today = () => new Date()) {
    this.pinned = pinned;
    this.today = today;
    this.frozen = mode === "now" ? isoSeconds(today()) : null;
  }

  get mode() {
    return this.frozen ? "now" : "pinned";
  }

  /** The instant queries run under. */
  iso() {
    return this.frozen ?? this.pinned;
  }

  toggle() {
    this.frozen = this.frozen ? null : isoSeconds(this.today());
  }

  /** What the status line says about the clock of `iso`. */
  describe(iso) {
    if (!iso) return "the live API's own clock";
    const which = iso === this.pinned ? "the examples' clock" : "now";
    return `clock ${clockText(iso)} (${which})`;
  }

  /** Whose clock it is, for a date range's days: "examples' clock" or "current time". */
  name() {
    return this.frozen ? "current time" : "examples' clock";
  }

  /** The label of the switch to the other clock. */
  switchLabel() {
    return this.frozen ? "Use the examples' clock" : "Use now";
  }
}
