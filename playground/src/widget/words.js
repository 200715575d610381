// The query in words, under the editor: one or two sentences saying what the query asks (or
// what it still lacks), written by the engine (statsref.engine.language.words) so the page and
// the command line read a query the same way.
//
// Where the words come from, in order:
//   1. the build: every example's words (examples.json), and the words of a page's own query
//      (the Migrating page's conversion), for that query under the clock they were written for;
//   2. the in-browser engine, once it is loaded, for any other text or clock;
//   3. until then, a plain statement that the engine writes them: it is loading (the
//      Playground page starts it at the first edit, a Run anywhere), or it loads on a click
//      (on an example page an edit never downloads the runtime by itself).
import { h } from "../lib/dom.js";
import { sameJson } from "../lib/format.js";
import { parse } from "./query.js";

const WORDS_DELAY_MS = 300;
export const PENDING = "Reading your edit in words once the in-browser engine has loaded…";
export const OFFER = "The in-browser engine reads your edit in words; it loads with the first Run.";
export const FAILED = "The in-browser engine is unavailable, so your edit cannot be read in words.";

/**
 * Where the words of `text` at `now` come from: `{state: "ready", words}` when the build wrote
 * them, else `"engine"` (ask it), `"pending"` (it is loading), `"offer"` or `"failed"`.
 * `known`: `[{query, now, words}]`; `python`: `{engineReady, started, failure}`.
 */
export function wordsSource(text, now, known, python) {
  const { query } = parse(text);
  const found = query === undefined ? null : known.find((k) => k.now === now && sameJson(k.query, query));
  if (found) return { state: "ready", words: { text: found.words, valid: found.valid } };
  if (python.engineReady) return { state: "engine" };
  if (python.started) return { state: "pending" };
  return { state: python.failure ? "failed" : "offer" };
}

/** Widget methods: the region and what fills it. */
export const words = {
  buildWords() {
    this.knownWords = this.shared.examples.map((ex) => ({ query: ex.query, now: ex.now, words: ex.words, valid: ex.status === 200 }));
    this.wordsRequest = 0;
    this.wordsText = h("p", { class: "sr-pg-words-text" });
    this.wordsLoad = h("button", { type: "button", class: "sr-pg-btn", hidden: true, onclick: () => this.loadWords() }, "Load it now");
    this.wordsRegion = h("div", { class: "sr-pg-words", role: "region", "aria-label": "Query in words" },
      this.wordsText, this.wordsLoad);
    return this.wordsRegion;
  },

  /** Words written at build time for `query` under the examples' clock (a page's own query). */
  knowWords(query, text, valid = true) {
    this.knownWords.push({ query, now: this.shared.defaultNow, words: text, valid });
    this.showWords();
  },

  wordsSoon() {
    clearTimeout(this.wordsTimer);
    this.wordsTimer = setTimeout(() => this.showWords(), WORDS_DELAY_MS);
  },

  async showWords() {
    clearTimeout(this.wordsTimer);
    const request = ++this.wordsRequest;
    const text = this.getText();
    const now = this.now();
    const sites = this.activeSites(); // the build wrote its words for the demo sites
    const source = wordsSource(text, now, sites ? [] : this.knownWords, this.shared.python);
    if (source.state !== "engine") return this.setWords(source);
    try {
      const result = await this.shared.python.explain(text, now, sites);
      if (request === this.wordsRequest) this.setWords({ state: "ready", words: result });
    } catch {
      if (request === this.wordsRequest) this.setWords({ state: "failed" });
    }
  },

  setWords({ state, words: found }) {
    const messages = { pending: PENDING, offer: OFFER, failed: FAILED };
    this.wordsRegion.dataset.state = state;
    this.wordsRegion.classList.toggle("sr-pg-words-invalid", state === "ready" && !found.valid);
    this.wordsText.textContent = state === "ready" ? found.text : messages[state];
    this.wordsLoad.hidden = state !== "offer" && state !== "failed";
    this.wordsLoad.textContent = state === "failed" ? "Try again" : "Load it now";
  },

  /** The reader asked for the words: start the engine (its status change shows them). */
  loadWords() {
    this.shared.python.start().catch(() => {});
    this.showWords();
  },
};
