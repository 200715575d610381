// A line chart of a time-bucketed response, drawn as inline SVG (no chart library): one line
// per combination of the other dimensions (the largest few), for the metric the reader picks.
import { h, segmented } from "../lib/dom.js";
import { columns } from "./table.js";
import { formatValue, numeric } from "./values.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };
const MAX_SERIES = 5;
const Y_TICKS = 4;

export function timeDimensionIndex(dimensions) {
  return dimensions.findIndex((d) => d === "time" || d.startsWith("time:"));
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/** `{buckets, series: [{label, values}]}` of metric `m` over the time dimension `t`. */
function seriesOf(rows, t, m) {
  const buckets = [...new Set(rows.map((r) => r.dimensions[t]))].sort();
  const position = new Map(buckets.map((b, i) => [b, i]));
  const groups = new Map();
  for (const row of rows) {
    const label = row.dimensions.filter((_, i) => i !== t).join(" · ") || "all";
    if (!groups.has(label)) groups.set(label, { label, values: buckets.map(() => null), total: 0 });
    const group = groups.get(label);
    const value = numeric(row.metrics[m]);
    group.values[position.get(row.dimensions[t])] = value;
    group.total += value ?? 0;
  }
  const series = [...groups.values()].sort((a, b) => b.total - a.total).slice(0, MAX_SERIES);
  return { buckets, series };
}

/** Axis labels: percentages as such, small ranges with decimals, the rest as whole numbers. */
function tickFormat(type, max) {
  const kind = type === "percentage" ? "percentage" : max < Y_TICKS * 2 ? "float" : "integer";
  return (value) => formatValue(value, kind);
}

function plot({ buckets, series }, type, label) {
  const max = Math.max(0, ...series.flatMap((x) => x.values.map((v) => v ?? 0))) || 1;
  const format = tickFormat(type, max);
  const x = (i) => PAD.left + (buckets.length < 2 ? 0 : (i * (WIDTH - PAD.left - PAD.right)) / (buckets.length - 1));
  const y = (v) => HEIGHT - PAD.bottom - (v / max) * (HEIGHT - PAD.top - PAD.bottom);
  const grid = Array.from({ length: Y_TICKS + 1 }, (_, i) => {
    const value = (max * i) / Y_TICKS;
    return s("g", { class: "sr-pg-grid" },
      s("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value) }),
      s("text", { x: PAD.left - 6, y: y(value) + 4, "text-anchor": "end" }, format(value)));
  });
  const labelAt = [0, Math.floor((buckets.length - 1) / 2), buckets.length - 1];
  const xLabels = [...new Set(labelAt)].map((i) =>
    s("text", { x: x(i), y: HEIGHT - 8, "text-anchor": i === 0 ? "start" : i === buckets.length - 1 ? "end" : "middle" },
      String(buckets[i]).slice(0, 16)));
  const lines = series.map((one, k) => {
    const points = one.values.map((v, i) => (v === null ? null : `${x(i)},${y(v)}`)).filter(Boolean);
    return s("polyline", { class: `sr-pg-series sr-pg-series-${k}`, points: points.join(" ") },
      s("title", {}, one.label));
  });
  const svg = { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": label, class: "sr-pg-chart" };
  return s("svg", svg, ...grid, ...xLabels, ...lines);
}

/** The chart view with its metric picker, or null when the query has no time dimension. */
export function renderChart(query, body, types) {
  const { dimensions, metrics } = columns(query, body);
  const t = timeDimensionIndex(dimensions);
  const rows = body.results ?? [];
  if (t < 0 || !rows.length) return null;
  const holder = h("div", { class: "sr-pg-chartwrap" });
  const draw = (m) => {
    const data = seriesOf(rows, t, m);
    const legend = data.series.length > 1
      ? h("ul", { class: "sr-pg-legend" }, data.series.map((one, k) => h("li", { class: `sr-pg-series-${k}` }, one.label)))
      : "";
    const { buckets, series } = data;
    const label = `${metrics[m]} by ${dimensions[t]}, ${buckets[0]} to ${buckets.at(-1)}` +
      (series.length > 1 ? `, ${series.length} series` : "") + " (the Table view has the values)";
    holder.replaceChildren(plot(data, types[metrics[m]], label), legend);
  };
  const picker = segmented("Metric", metrics.map((name) => ({ label: name })), draw);
  draw(0);
  return h("div", {}, metrics.length > 1 ? picker : null, holder);
}
