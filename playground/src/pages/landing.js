// Search results for a name (statsref.docsgen.search) link to `<page>?name=<name>`: on such a
// page, go to the row that documents the name (its `.sr-anchor`), as if the link had named the
// row's anchor, and drop the query string from the address.

/** Move `?name=` to the anchor of the name's row, if the page documents the name. */
export function landOnName(doc = document, location = window.location) {
  const url = new URL(location.href);
  const name = url.searchParams.get("name");
  if (!name || url.hash) return;
  const row = [...doc.querySelectorAll("a.sr-anchor[id]")].find((a) => a.textContent.trim() === name);
  if (!row) return;
  url.searchParams.delete("name");
  url.searchParams.delete("h");
  history.replaceState(null, "", url.pathname + url.search);
  location.hash = row.id; // scrolls, and :target highlights the row
  // Material's instant navigation may restore a scroll position after this script ran: scroll
  // once more when the page has settled.
  requestAnimationFrame(() => doc.getElementById(row.id)?.scrollIntoView({ block: "start" }));
}
