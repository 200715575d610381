// Links to the query: the `#q=` fragment that reproduces it, the Playground page's address
// kept in step, Link, and Open in Playground (lib/permalink.js writes and reads fragments).
import { copyText } from "../lib/dom.js";
import { MAX_FRAGMENT, encodeFragment, linkSize, permalink } from "../lib/permalink.js";
import { sitesMarker } from "../runners/sites.js";
import { flash } from "./actions.js";

/** Widget methods: the query's link and the page's address. */
export const address = {
  /** The fragment that reproduces the query (null when too long): the example only while the
   * query is its own, the clock when it is now, the sites file the in-browser mock answers it
   * for (or, until that is settled, the one the link this page was opened with needs). */
  fragment() {
    const example = this.example && this.unedited() ? this.example.slug : null;
    const sites = this.linkSites ? this.linkSites.marker : sitesMarker(this.activeSites());
    return encodeFragment(this.getText(), { example, clock: this.clock.mode, sites });
  },

  /** Keep the Playground page's address in step with the query; a query too long for a link
   * leaves the address without one rather than with a stale one. */
  writeAddress() {
    history.replaceState(null, "", this.fragment() ?? window.location.pathname + window.location.search);
  },

  tooLongForALink() {
    const size = linkSize(this.getText());
    const limit = `${MAX_FRAGMENT / 1024} KB`;
    return `This query is too long for a link (${size}; links hold up to ${limit}). Copy the query itself instead.`;
  },

  /** "Open in Playground" carries the query, unless it is too long for a link. */
  openInPlayground(event) {
    const fragment = this.fragment();
    if (fragment) event.currentTarget.href = this.shared.playgroundUrl + fragment;
    else {
      event.preventDefault();
      this.toast(this.tooLongForALink());
    }
  },

  async copyLink(button) {
    const fragment = this.fragment();
    if (!fragment) return this.toast(this.tooLongForALink());
    if (this.full) history.replaceState(null, "", fragment);
    await copyText(permalink(fragment));
    flash(button, "Link copied");
  },
};
