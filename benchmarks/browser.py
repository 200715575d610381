"""Playground timings in headless Chromium (``nox -s bench-browser``): loopback only.

Serves the built site with ``statsref serve`` (clock pinned to the corpus clock) and opens the
Playground page in fresh browser contexts (empty cache), measuring what issue 13 sets targets for:

- editor ready: navigation start to the CodeMirror editor in the page;
- edited run: as soon as the editor is there, ``"7d"`` is changed to ``"30d"`` by typing and
  Run pressed at once; Run to the response on screen (an unedited example may answer from its
  documented response, so the engine must be made to work);
- after typing: the same edit, then 3 s of typing (the runtime may start at the first
  keystroke), then Run; Run to the response;
- bytes on the wire before the edited run's response: the encoded body sizes the browser
  received, the worker's requests included, by kind of file;
- the stage breakdown of the edited run, from the worker's own progress messages and the
  network timings: download (runtime stage start to the last runtime file received), runtime
  start (to the engine stage), engine import, dataset build, query (to the response);
- warm p50/p95: every corpus example (of those both sites have) picked and run once more on
  the engine in the first page;
- embedded (issue 23): a plain page on another origin (another port) with one
  ``<pre data-statsref-query>`` and ``embed.js``: the bytes it receives from the site before a
  reader touches the widget (as sent, compressed), then the query edited (``7d`` to ``30d``) and
  Run: Run to the response, cold (the editor is there; Python, the engine and the rows load).

Timestamps come from the page's clock (``performance.now()``), recorded by an init script, so
Playwright's round trips do not inflate them. With ``--compare OLD_SITE_DIR`` an older build is
served too and measured in the same runs, alternating, and both are printed side by side.
Prints the figures next to the targets and writes ``bench-results/browser.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Request, sync_playwright
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.browser.host import host_pages

from benchmarks.server import start_server

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench-results" / "browser.json"
RUN_TIMEOUT_MS = 120_000
TYPING_S = 3.0
KEY_DELAY_MS = 100
MB = 1_000_000

# Records, on the page's clock: the editor's appearance, Run clicks, each new response on the
# status line, the first keystroke in the editor, and the Python worker's creation (not the
# search's) and progress messages.
PROBE = """
window.__sr = { results: [], progress: [] };
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args);
    if (String(args[0]).includes("/playground/")) window.__sr.workerAt ??= performance.now();
    this.addEventListener("message", ({ data }) => {
      if (data?.type === "progress") window.__sr.progress.push({ ...data, at: performance.now() });
    });
  }
};
document.addEventListener("click", (event) => {
  if (event.target.closest(".sr-full .sr-pg-run, .sr-full .sr-pg-rerun")) {
    window.__sr.clickAt = performance.now();
  }
}, true);
document.addEventListener("keydown", (event) => {
  if (event.target.closest(".sr-full .cm-editor")) window.__sr.keyAt ??= performance.now();
}, true);
new MutationObserver(() => {
  const sr = window.__sr;
  if (!sr.editorAt && document.querySelector(".sr-full .cm-editor")) {
    sr.editorAt = performance.now();
  }
  const line = document.querySelector(".sr-full .sr-pg-statusline");
  const status = line?.querySelector(".sr-pg-status") ? line.textContent : null;
  if (status && (line !== sr.lastLine || status !== sr.lastStatus)) {
    sr.lastLine = line;
    sr.lastStatus = status;
    sr.results.push({ at: performance.now(), status });
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""

RERUN = ".sr-full .sr-pg-rerun"
"""The status line's "Run on the engine", shown with a documented response."""

# The files of the Python runtime, old layout and new: their last byte ends "download".
RUNTIME = re.compile(r"pyodide(\.asm)?\.(mjs|wasm)|pyodide-lock\.json|[\w-]+\.zip")

# The issues' targets: each figure must stay under its limit (the embedded one where measured).
TARGETS = {
    "editor_ready_ms": 800,
    "edited_run_ms": 3000,
    "after_typing_run_ms": 1000,
    "wire_bytes_before_result": 4 * MB,
    "embed_idle_bytes": 150_000,
}

# Another site's page embedding one widget from the site at {site}.
EMBED_PAGE = (
    '<!doctype html><meta charset="utf-8"><title>A post</title>'
    '<script type="module" src="{site}/embed.js"></script>'
    '<pre data-statsref-query>{{"site_id": "dummy.site", "metrics": ["visitors"], '
    '"date_range": "7d"}}</pre>'
)
# Presses Run in the embedded widget; resolves with the ms until its status line shows (page clock).
EMBED_RUN = """async () => {
  const root = document.querySelector("statsref-query").shadowRoot;
  const status = () => root.querySelector(".sr-pg-statusline .sr-pg-status");
  const started = performance.now();
  root.querySelector(".sr-pg-run").click();
  await new Promise((resolve) => {
    const check = () => status() && (observer.disconnect(), resolve());
    const observer = new MutationObserver(check);
    observer.observe(root, { subtree: true, childList: true });
    check();
  });
  return { ms: performance.now() - started, status: status().textContent };
}"""


def kind(url: str) -> str:
    """The kind of file a URL names, for the bytes-on-the-wire breakdown."""
    name = url.split("?")[0].rsplit("/", 1)[-1]
    suffix = name.rsplit(".", 1)[-1] if "." in name else "html"
    return {"mjs": "js", "zip": "python", "map": "js"}.get(suffix, suffix)


@dataclass
class Transfer:
    """The requests a context finished: end time (epoch ms), URL, encoded body size."""

    requests: list[Request] = field(default_factory=list)

    def record(self, request: Request) -> None:
        self.requests.append(request)

    def finished(self) -> list[tuple[float, str, int]]:
        rows = []
        for request in self.requests:
            timing = request.timing
            if timing["responseEnd"] < 0:
                continue
            size = max(request.sizes()["responseBodySize"], 0)  # -1: not known (a cache hit)
            if size == 0:  # not reported for a worker's own script: its header says it
                response = request.response()
                size = int(response.headers.get("content-length", 0)) if response else 0
            rows.append((timing["startTime"] + timing["responseEnd"], request.url, size))
        return rows


def _page_clock(page: Page) -> float:
    return page.evaluate("performance.timeOrigin")


def _wait(page: Page, condition: str) -> None:
    """Poll ``condition`` in the page; as a function, which the site's CSP allows (a bare
    expression would be evaluated as a string, which it forbids)."""
    page.wait_for_function(f"() => {condition}", timeout=RUN_TIMEOUT_MS)


def _open(browser: Browser, url: str) -> tuple[Page, Transfer, Callable[[], None]]:
    context = browser.new_context()
    context.add_init_script(PROBE)
    transfer = Transfer()
    context.on("requestfinished", transfer.record)
    page = context.new_page()
    page.goto(f"{url}/playground/")
    _wait(page, "window.__sr.editorAt !== undefined")
    return page, transfer, context.close


def _edit_date_range(page: Page) -> None:
    """Select ``7d`` in the editor and type ``30d`` over it."""
    page.locator(".sr-full .cm-content span", has_text="7d").first.dblclick()
    page.keyboard.type("30d")


def _run_and_wait(page: Page, button: str = ".sr-full .sr-pg-run") -> dict[str, Any]:
    """Press Run; the response's ``at`` (page clock), ``ms`` after the click and ``status``."""
    done = page.evaluate("window.__sr.results.length")
    page.click(button)
    _wait(page, f"window.__sr.results.length > {done}")
    result = page.evaluate(f"window.__sr.results[{done}]")
    return {**result, "ms": result["at"] - page.evaluate("window.__sr.clickAt")}


def edited_run(browser: Browser, url: str) -> tuple[dict[str, Any], Page, Callable[[], None]]:
    """Editor ready, edit, Run at once: times, stages and bytes before the response."""
    page, transfer, close = _open(browser, url)
    _edit_date_range(page)
    result = _run_and_wait(page)
    page.wait_for_timeout(300)  # let the last requestfinished events arrive
    probe = page.evaluate("window.__sr")
    origin = _page_clock(page)
    finished = [(end - origin, link, size) for end, link, size in transfer.finished()]
    before = [(link, size) for end, link, size in finished if end <= result["at"]]
    by_kind: dict[str, int] = {}
    for link, size in before:
        by_kind[kind(link)] = by_kind.get(kind(link), 0) + size
    downloaded = max(
        (end for end, link, _ in finished if RUNTIME.fullmatch(link.rsplit("/", 1)[-1])),
        default=None,
    )
    figures = {
        "editor_ready_ms": probe["editorAt"],
        "edited_run_ms": result["ms"],
        "edited_from_keystroke_ms": result["at"] - probe["keyAt"],
        "first_status": result["status"],
        "wire_bytes_before_result": sum(size for _, size in before),
        "wire_requests_before_result": len(before),
        "wire_bytes_by_kind": dict(sorted(by_kind.items(), key=lambda item: -item[1])),
        "stages_ms": stages(probe, downloaded, result["at"]),
    }
    return figures, page, close


def stages(probe: dict[str, Any], downloaded: float | None, result_at: float) -> dict[str, int]:
    """The edited run's breakdown in ms: each stage lasts until the worker's next message."""
    progress = probe["progress"]

    def first(test: Callable[[dict], bool]) -> int | None:
        return next((i for i, message in enumerate(progress) if test(message)), None)

    def until_next(index: int) -> float:
        end = progress[index + 1]["at"] if index + 1 < len(progress) else result_at
        return end - progress[index]["at"]

    runtime = first(lambda m: m["stage"] == 1)
    engine = first(lambda m: m["label"] == "Loading the engine")
    dataset = first(lambda m: m["stage"] == 3)
    query = first(lambda m: m["label"] == "Running the query" and m["at"] >= probe["clickAt"])
    out = {"worker created (after navigation)": probe.get("workerAt", result_at)}
    if runtime is not None and downloaded is not None:
        out["download"] = downloaded - progress[runtime]["at"]
        if engine is not None:
            out["runtime start"] = progress[engine]["at"] - downloaded
    if engine is not None:
        out["engine import"] = until_next(engine)
    if dataset is not None:
        out["dataset build"] = until_next(dataset)
    if query is not None:
        out["query"] = result_at - progress[query]["at"]
    return {name: round(ms) for name, ms in out.items()}


def after_typing(browser: Browser, url: str) -> float:
    """Edit, keep typing for ``TYPING_S`` (whitespace in and out), then Run: Run to result."""
    page, _, close = _open(browser, url)
    started = time.monotonic()
    _edit_date_range(page)
    while time.monotonic() - started < TYPING_S:
        page.keyboard.press("End")
        page.keyboard.type(" ", delay=KEY_DELAY_MS)
        page.keyboard.press("Backspace", delay=KEY_DELAY_MS)
    elapsed = _run_and_wait(page)["ms"]
    close()
    return elapsed


def embedded_run(browser: Browser, url: str, host: str) -> dict[str, Any]:
    """The embedding page at ``host``: what the site ``url`` sent it before any touch, then
    an edit and Run: Run to the response, cold."""
    context = browser.new_context()
    transfer = Transfer()
    context.on("requestfinished", transfer.record)
    page = context.new_page()
    page.goto(host)
    static = page.locator("statsref-query .sr-pg-static")
    static.wait_for()
    page.wait_for_load_state("networkidle")
    idle = sum(size for _, link, size in transfer.finished() if link.startswith(url))
    static.click()
    page.locator("statsref-query .cm-content span", has_text="7d").first.dblclick()
    page.keyboard.type("30d")
    result = page.evaluate(EMBED_RUN)
    context.close()
    return {"embed_idle_bytes": idle, "embed_edited_run_ms": result["ms"]}


def warm_runs(page: Page, slugs: list[str]) -> list[float]:
    """Pick and run every example once more in an already warm page, on the engine: where
    Run answers with the documented response, "Run on the engine" is pressed too."""
    timings = []
    for slug in slugs:
        page.select_option(".sr-full .sr-pg-picker", slug)
        result = _run_and_wait(page)
        if page.locator(RERUN).count():
            result = _run_and_wait(page, RERUN)
        timings.append(result["ms"])
    return timings


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


def _medians(samples: list[dict[str, float]]) -> dict[str, float]:
    """Per key, the median over the samples that have it."""
    keys = dict.fromkeys(key for sample in samples for key in sample)
    return {key: _median([s[key] for s in samples if key in s]) for key in keys}


def summarise(
    edited: list[dict], typing: list[float], warm: list[float], embedded: list[dict]
) -> dict[str, Any]:
    return {
        **_medians(embedded),
        "runs": len(edited),
        **_medians([{k: v for k, v in e.items() if isinstance(v, int | float)} for e in edited]),
        "after_typing_run_ms": _median(typing),
        "wire_bytes_by_kind": _medians([e["wire_bytes_by_kind"] for e in edited]),
        "stages_ms": _medians([e["stages_ms"] for e in edited]),
        "first_status": edited[-1]["first_status"],
        "warm_p50_ms": _median(warm),
        "warm_p95_ms": _percentile(warm, 0.95),
        "warm_queries": len(warm),
    }


def _examples(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / "assets" / "examples.json").read_text(encoding="utf-8"))


def measure(sites: dict[str, Path], runs: int) -> dict[str, dict[str, Any]]:
    """Every scenario ``runs`` times on each site, alternating sites within a run; the warm
    runs use the examples every site has."""
    examples = _examples(next(iter(sites.values())))
    shared = set.intersection(*({e["slug"] for e in _examples(site)} for site in sites.values()))
    slugs = [e["slug"] for e in examples if e["slug"] in shared]
    samples: dict[str, dict[str, list]] = {
        name: {"edited": [], "typing": [], "warm": [], "embedded": []} for name in sites
    }
    with ExitStack() as stack:
        urls = {}
        for name, site in sites.items():
            process, url, _ = start_server("--site-dir", str(site), "--now", examples[0]["now"])
            stack.callback(_stop, process)
            urls[name] = url
        hosts = _host_pages(
            stack, {n: u for n, u in urls.items() if (sites[n] / "embed.js").is_file()}
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for index in range(runs):
                for name, url in urls.items():
                    edited, page, close = edited_run(browser, url)
                    if index == 0:
                        samples[name]["warm"] = warm_runs(page, slugs)
                    close()
                    samples[name]["edited"].append(edited)
                    samples[name]["typing"].append(after_typing(browser, url))
                    if name in hosts:
                        samples[name]["embedded"].append(embedded_run(browser, url, hosts[name]))
            browser.close()
    return {name: summarise(**sample) for name, sample in samples.items()}


def _host_pages(stack: ExitStack, urls: dict[str, str]) -> dict[str, str]:
    """A page on another origin embedding each site of ``urls``; its address by site name (a
    site built before ``embed.js`` existed gets none)."""
    pages = stack.enter_context(host_pages())
    return {
        name: pages.put(f"/{name}.html", EMBED_PAGE.format(site=url)) for name, url in urls.items()
    }


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def _mb(value: float) -> str:
    return f"{value / MB:.2f} MB"


def _kb(value: float | None) -> str:
    return "-" if value is None else f"{value / 1000:.1f} KB"


def report(figures: dict[str, dict[str, Any]], labels: dict[str, str]) -> str:
    """A table: a row per figure with its target, a column per site."""
    names = list(figures)
    rows: list[tuple[str, str, list[str]]] = []

    def add(title: str, target: str, cell: Callable[[dict[str, Any]], str]) -> None:
        rows.append((title, target, [cell(figures[name]) for name in names]))

    add("editor ready", "< 800 ms", lambda f: _ms(f["editor_ready_ms"]))
    add("edited query, Run -> result", "< 3000 ms", lambda f: _ms(f["edited_run_ms"]))
    add("  first keystroke -> result", "", lambda f: _ms(f["edited_from_keystroke_ms"]))
    add("3 s of typing, Run -> result", "< 1000 ms", lambda f: _ms(f["after_typing_run_ms"]))
    add("on the wire before result", "< 4 MB", lambda f: _mb(f["wire_bytes_before_result"]))
    for kind_ in sorted({k for f in figures.values() for k in f["wire_bytes_by_kind"]}):
        add(f"  {kind_}", "", lambda f, k=kind_: _mb(f["wire_bytes_by_kind"].get(k, 0)))
    add("  requests", "", lambda f: str(f["wire_requests_before_result"]))
    add("edited run stages", "", lambda f: "")
    for stage in dict.fromkeys(s for f in figures.values() for s in f["stages_ms"]):
        add(f"  {stage}", "", lambda f, s=stage: _ms(f["stages_ms"].get(s)))
    add(
        "warm examples p50 / p95", "", lambda f: f"{f['warm_p50_ms']:.0f} / {_ms(f['warm_p95_ms'])}"
    )
    add("embedded, idle page pays", "< 150 KB", lambda f: _kb(f.get("embed_idle_bytes")))
    add("  edited Run -> result, cold", "", lambda f: _ms(f.get("embed_edited_run_ms")))
    width = max(len(title) for title, _, _ in rows) + 2
    lines = [f"{'':{width}}{'target':>10}" + "".join(f"{labels[n]:>24}" for n in names)]
    lines += [
        f"{title:{width}}{target:>10}" + "".join(f"{cell:>24}" for cell in cells)
        for title, target, cells in rows
    ]
    for name in names:
        measured = {key: limit for key, limit in TARGETS.items() if key in figures[name]}
        missed = [key for key, limit in measured.items() if figures[name][key] >= limit]
        verdict = f"missed: {', '.join(missed)}" if missed else f"all {len(measured)} targets met"
        lines.append(f"{labels[name]}: {verdict}")
    lines.append(f"median of {figures[names[0]]['runs']} cold runs each; MB = 10^6 bytes")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="built site")
    parser.add_argument("--runs", type=int, default=3, help="cold runs (fresh contexts)")
    parser.add_argument(
        "--compare", type=Path, metavar="OLD_SITE_DIR", help="an older build to measure too"
    )
    args = parser.parse_args(argv)
    sites = {"old": args.compare, "new": args.site_dir} if args.compare else {"new": args.site_dir}
    for site in sites.values():
        if not (site / "assets" / "playground" / "playground.mjs").is_file():
            print(f"no built playground under {site}: run `nox -s docs` first", file=sys.stderr)
            return 2
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}", file=sys.stderr)
        return 2
    load = os.getloadavg()[0]
    figures = measure(sites, max(1, args.runs))
    labels = {name: f"{name} ({site.name})" for name, site in sites.items()}
    print(report(figures, labels))
    print(f"load average at start: {load:.2f} on {os.cpu_count()} cores")
    RESULTS.parent.mkdir(exist_ok=True)
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "load": load}
    RESULTS.write_text(
        json.dumps(
            {"sites": {n: str(s) for n, s in sites.items()}, "machine": machine, **figures},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
