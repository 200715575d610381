// The subset of Markdown the schema's descriptions use: `code`, **strong**, *emphasis* and
// [links](url). Stands in for codemirror-json-schema's markdown-it + shiki renderer (see
// build.mjs), and renders the doc lines of the result views.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function safeHref(url) {
  return /^(https?:\/\/|\/|#|\.\.?\/)/.test(url) ? url : "#";
}

function inlineSpans(text) {
  return text
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, url) => `<a href="${safeHref(url)}">${label}</a>`);
}

/** Render `markdown` to HTML; code spans are kept verbatim, everything else is escaped. */
export function renderMarkdown(markdown, inline = true) {
  const parts = escapeHtml(markdown ?? "").split(/`([^`]*)`/);
  const html = parts.map((part, i) => (i % 2 ? `<code>${part}</code>` : inlineSpans(part))).join("");
  return inline ? html : `<p>${html.replace(/\n{2,}/g, "</p><p>")}</p>`;
}
