// The subset of Markdown the schema's descriptions use: `code`, **strong**, *emphasis* and
// [links](url), for completion info and hover docs. Everything is HTML-escaped first.
//
// Links may only lead to this site's pages: a relative link is resolved against the site's
// root, and anything that ends up elsewhere (another host, `//host`, `/\host`, `javascript:`,
// any other scheme, or outside the site's base path) is shown as its label alone.
//
// Text that comes from the engine or a server may echo the query, so it is never read as
// Markdown: `renderCodeSpans` keeps it as text with code spans at most.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * `href` as a URL within the site rooted at `base` (an absolute URL ending in `/`), or null.
 * Only relative references are accepted: no scheme, no `//host`, no backslashes or control
 * characters, which browsers may read as a host or strip.
 */
export function siteHref(href, base) {
  if (!base || SCHEME.test(href) || href.startsWith("//") || /[\\\u0000-\u001f\s]/.test(href)) return null;
  let url;
  let root;
  try {
    root = new URL(base);
    url = new URL(href, root);
  } catch {
    return null;
  }
  if (url.origin !== root.origin || !/^https?:$/.test(url.protocol)) return null;
  if (!url.pathname.startsWith(root.pathname)) return null;
  return url.href;
}

function inlineSpans(text, base) {
  return text
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, url) => {
      const href = siteHref(url.replace(/&amp;/g, "&"), base);
      return href ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
    });
}

function paragraphs(html, inline) {
  return inline ? html : `<p>${html.replace(/\n{2,}/g, "</p><p>")}</p>`;
}

/**
 * Render `markdown` to HTML; code spans are kept verbatim (escaped), links are kept only when
 * they lead into the site at `base`. `inline`: no paragraphs.
 */
export function renderMarkdown(markdown, { base = null, inline = true } = {}) {
  const parts = escapeHtml(markdown ?? "").split(/`([^`]*)`/);
  const html = parts.map((part, i) => (i % 2 ? `<code>${part}</code>` : inlineSpans(part, base))).join("");
  return paragraphs(html, inline);
}

/** Text from the engine or a server: escaped, with its backticked names as code spans only. */
export function renderCodeSpans(text) {
  const parts = escapeHtml(text ?? "").split(/`([^`]*)`/);
  return parts.map((part, i) => (i % 2 ? `<code>${part}</code>` : part)).join("");
}
