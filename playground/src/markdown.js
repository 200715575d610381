// The subset of Markdown the schema's descriptions use: `code`, **strong**, *emphasis* and
// [links](url). Stands in for codemirror-json-schema's markdown-it + shiki renderer (see
// build.mjs), which also renders its lint messages with it, and those quote the reader's own
// text: a link is therefore only a link when it stays on this site (`sitePageHref`);
// otherwise its label is shown as text.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Whether `url` is a relative reference to a page of this site: no scheme (`https:`,
 * `javascript:`), no host (`//host`, or `/\host`, which browsers read the same way), not
 * root-relative (the site may be served below a path), and no control character or space a
 * browser would strip before reading it.
 */
export function sitePageHref(url) {
  return !/[\u0000-\u0020\u007f]/.test(url) && !/^[/\\]/.test(url) && !/^[^/?#]*:/.test(url);
}

function link(label, url) {
  return sitePageHref(url) ? `<a href="${url}">${label}</a>` : label;
}

function inlineSpans(text) {
  return text
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, url) => link(label, url));
}

function withCodeSpans(text, render) {
  const parts = escapeHtml(text ?? "").split(/`([^`]*)`/);
  return parts.map((part, i) => (i % 2 ? `<code>${part}</code>` : render(part))).join("");
}

/** Render `markdown` to HTML; code spans are kept verbatim, everything else is escaped. */
export function renderMarkdown(markdown, inline = true) {
  const html = withCodeSpans(markdown, inlineSpans);
  return inline ? html : `<p>${html.replace(/\n{2,}/g, "</p><p>")}</p>`;
}

/** A message that quotes the reader's query (the engine's, the API's) as HTML: escaped text
 * whose backtick-quoted names become code, never links, emphasis or markup. */
export function renderCodeSpans(message) {
  return withCodeSpans(message, (part) => part);
}

/** `text` as one code span, whatever backticks it holds (they would end the span early). */
export function codeSpan(text) {
  return "`" + String(text).replaceAll("`", "\u02cb") + "`";
}
