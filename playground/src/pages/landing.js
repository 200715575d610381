// Search results for a name (statsref.docsgen.search) link to `<page>?name=<name>`: on such a
// page, bring the row that documents the name (its `.sr-anchor`) to the top of the screen and
// put the row's anchor in the address instead of the query string.
//
// Material for MkDocs moves the page around a navigation, so the landing keeps out of its way
// (its src/templates/assets/javascripts/integrations/instant/index.ts, patches/scrolllock/):
// - The address changes with the History API, never with `location.hash`: a fragment
//   navigation fires `popstate`, which instant navigation takes for a navigation of its own. On
//   a page loaded in full, that first one fetches the page again, swaps it in and scrolls to the
//   offset it last recorded (0 if its 100 ms debounce ran before our scroll). Without a
//   navigation there is no `:target`: the anchor gets the class `sr-landed` instead, which the
//   reference stylesheet highlights like a target.
// - The page script lands on Material's `document$`, which emits after instant navigation has
//   restored its scroll position and Material has mounted its components (tables get their
//   scrolling wrappers): the row is where it will stay.
// - A result for a name of the page shown is taken before Material sees the click: instant
//   navigation fetches nothing for the page shown, and takes a second `?name=` of one page for a
//   repeat of the first, going back in history.
// - Below 60em an open search locks the page's scrolling; Material closes the search 125 ms
//   after a navigation and, unlocking, scrolls back to the offset it locked. The row is brought
//   up once the search is closed and the page unlocked.

const LANDED = "sr-landed";

/** Land on the row of the page's `?name=`, if the page documents that name. */
export function landOnName(doc = document, win = window) {
  const url = new URL(win.location.href);
  const anchor = nameAnchor(doc, url);
  if (!anchor) return;
  win.history.replaceState(null, "", anchorAddress(url, anchor));
  land(doc, win, anchor);
}

/** Clicks on a result for a name of the page shown land on its row (a new history entry). */
export function landOnNameClicks(doc = document, win = window) {
  const onClick = (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.target || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const url = new URL(link.href);
    if (url.origin !== win.location.origin || url.pathname !== win.location.pathname) return;
    const anchor = nameAnchor(doc, url);
    if (!anchor) return;
    event.preventDefault();
    event.stopPropagation(); // Material's instant navigation listens on the body
    win.history.pushState(null, "", anchorAddress(url, anchor));
    const search = doc.querySelector("[data-md-toggle=search]");
    if (search?.checked) search.click(); // as Material closes it after a result's click
    land(doc, win, anchor);
  };
  win.addEventListener("click", onClick, true);
}

/** The anchor of the row that documents `url`'s `?name=` on this page, if any. */
function nameAnchor(doc, url) {
  const name = url.searchParams.get("name");
  if (!name || url.hash) return undefined;
  return [...doc.querySelectorAll("a.sr-anchor[id]")].find((a) => a.textContent.trim() === name);
}

/** `url` with `anchor` for fragment, without `?name=` (nor the `h=` of Material's search). */
function anchorAddress(url, anchor) {
  const address = new URL(url);
  address.searchParams.delete("name");
  address.searchParams.delete("h");
  address.hash = anchor.id;
  return address.pathname + address.search + address.hash;
}

function land(doc, win, anchor) {
  doc.querySelectorAll(`.${LANDED}`).forEach((a) => a.classList.remove(LANDED));
  anchor.classList.add(LANDED);
  win.addEventListener("hashchange", () => anchor.classList.remove(LANDED), { once: true });
  whenScrollable(doc, () => anchor.scrollIntoView({ block: "start" }));
}

/** Run `then` once Material's search is closed and the page's scrolling is unlocked. */
function whenScrollable(doc, then) {
  const search = doc.querySelector("[data-md-toggle=search]");
  const scrollable = () => !search?.checked && !doc.body.hasAttribute("data-md-scrolllock");
  if (scrollable()) {
    then();
    return;
  }
  const observer = new MutationObserver(check);
  function check() {
    if (!scrollable()) return;
    observer.disconnect();
    search?.removeEventListener("change", check);
    then();
  }
  observer.observe(doc.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });
  search?.addEventListener("change", check);
}
