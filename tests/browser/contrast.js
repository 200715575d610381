// WCAG 2.1 contrast of what a page shows, computed in the page. `(root) => failures`:
// text (>= 4.5:1, large text >= 3:1) and the UI parts the playground draws (>= 3:1): control
// borders, the selected tab and view markers, chart lines. Backgrounds are composited from the
// element up to the first opaque ancestor.
(root) => {
  const parse = (color) => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a), 1];
  const channel = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const color = parse(getComputedStyle(node).backgroundColor);
      if (color && color[3] > 0) {
        layers.push(color);
        if (color[3] >= 1) break;
      }
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && Number(style.opacity) > 0.1;
  };
  const name = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent || "").trim().slice(0, 30)}"`;
  const failures = [];
  for (const el of root.querySelectorAll("*")) {
    if (!visible(el) || el.closest("svg, .md-search, [hidden]")) continue;
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
    if (!hasText) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const r = ratio(fg, bg);
    if (r < (large ? 3 : 4.5)) failures.push(`text ${r.toFixed(2)}:1 ${name(el)}`);
  }
  const ui = [
    [".sr-pg-btn, .sr-pg select, .sr-pg input[type=url], .sr-pg input[type=password], .sr-pg-seg button, .sr-pg-editor, .sr-target select", "borderTopColor"],
    [".sr-pg-tabs [aria-selected=true]", "borderBottomColor"],
    [".sr-pg-seg [aria-pressed=true]", "borderTopColor"],
    ["svg.sr-pg-chart polyline", "stroke"],
  ];
  for (const [selector, property] of ui) {
    for (const el of root.querySelectorAll(selector)) {
      if (!visible(el)) continue;
      const bg = background(el.parentElement);
      const color = parse(getComputedStyle(el)[property]);
      if (!color) continue;
      const r = ratio(over(color, bg), bg);
      if (r < 3) failures.push(`ui ${property} ${r.toFixed(2)}:1 ${name(el)}`);
    }
  }
  return failures;
}
