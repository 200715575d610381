"""Playground timings in headless Chromium (``nox -s bench-browser``): loopback only.

Serves the built site with ``statsref serve`` (clock pinned to the corpus clock) and, in a
fresh browser context per run (empty cache), opens the Playground page and measures:

- editor ready: navigation start to the CodeMirror editor in the page;
- cold first result: Run pressed as soon as the editor is ready, to the response on screen
  (Pyodide, the engine archive and the build of the rows the query reads included);
- warm p50/p95: every corpus example picked and run once more in the same page;
- bytes before the editor is usable and before the first result, raw and gzip-compressed
  (the server sends no Content-Encoding, so gzip sizes are computed from the bodies; the
  worker's requests, Pyodide's included, are counted).

Timestamps come from the page's own clock (``performance.now()``), recorded by an init
script, so Playwright's round trips do not inflate them. Prints the figures and writes
``bench-results/browser.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Request, sync_playwright
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

from benchmarks.server import start_server

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench-results" / "browser.json"
RUN_TIMEOUT_MS = 120_000

# Records, on the page's clock, when the editor appears, when Run is pressed and when each
# response is rendered (a new status line in the Playground widget).
PROBE = """
window.__sr = { results: [], stages: [] };
document.addEventListener("click", (event) => {
  if (event.target.closest(".sr-full .sr-pg-run")) window.__sr.clickAt = performance.now();
}, true);
new MutationObserver(() => {
  const sr = window.__sr;
  if (!sr.editorAt && document.querySelector(".sr-full .cm-editor")) {
    sr.editorAt = performance.now();
  }
  const stage = document.querySelector(".sr-full .sr-pg-progress span")?.textContent;
  if (stage && stage !== sr.stages.at(-1)?.label) {
    sr.stages.push({ label: stage, ms: performance.now() - sr.clickAt });
  }
  const line = document.querySelector(".sr-full .sr-pg-statusline");
  if (line && line !== sr.lastLine) {
    sr.lastLine = line;
    const status = [...line.children].map((part) => part.textContent).join(" ");
    sr.results.push({ ms: performance.now() - sr.clickAt, status });
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


@dataclass
class Transfer:
    """Finished requests with their end time (epoch ms) and body sizes."""

    items: list[tuple[float, int, int]] = field(default_factory=list)

    def record(self, request: Request) -> None:
        response = request.response()
        if response is None:
            return
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body to count
            return
        end = request.timing["startTime"] + max(request.timing["responseEnd"], 0)
        self.items.append((end, len(body), len(gzip.compress(body, 6))))

    def before(self, epoch_ms: float) -> dict[str, int]:
        done = [(raw, packed) for end, raw, packed in self.items if end <= epoch_ms]
        return {
            "requests": len(done),
            "raw_bytes": sum(raw for raw, _ in done),
            "gzip_bytes": sum(packed for _, packed in done),
        }


def _probe(page: Page, key: str) -> float:
    return page.evaluate(f"window.__sr.{key}")


def _wait_results(page: Page, count: int) -> dict:
    page.wait_for_function(f"window.__sr.results.length >= {count}", timeout=RUN_TIMEOUT_MS)
    return page.evaluate(f"window.__sr.results[{count - 1}]")


def cold_run(context: BrowserContext, url: str) -> dict:
    """One fresh page: editor ready, then Run at once, then the first result."""
    transfer = Transfer()
    context.on("requestfinished", transfer.record)
    page = context.new_page()
    page.goto(f"{url}/playground/")
    page.wait_for_function("window.__sr.editorAt !== undefined", timeout=RUN_TIMEOUT_MS)
    page.click(".sr-full .sr-pg-run")
    first = _wait_results(page, 1)
    origin = page.evaluate("performance.timeOrigin")
    editor_at = _probe(page, "editorAt")
    result_at = _probe(page, "clickAt") + first["ms"]
    page.wait_for_timeout(200)  # let the last requestfinished events arrive
    return {
        "page": page,
        "editor_ready_ms": editor_at,
        "cold_first_result_ms": first["ms"],
        "first_status": first["status"],
        "stages": page.evaluate("window.__sr.stages"),
        "before_editor": transfer.before(origin + editor_at),
        "before_first_result": transfer.before(origin + result_at),
    }


def warm_runs(page: Page, slugs: list[str]) -> list[float]:
    """Pick and run every example once in an already warm page."""
    timings = []
    done = page.evaluate("window.__sr.results.length")
    for slug in slugs:
        page.select_option(".sr-full .sr-pg-picker", slug)
        page.click(".sr-full .sr-pg-run")
        done += 1
        timings.append(_wait_results(page, done)["ms"])
    return timings


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


def measure(site_dir: Path, runs: int) -> dict:
    examples = json.loads((site_dir / "assets" / "examples.json").read_text(encoding="utf-8"))
    if not examples:
        raise SystemExit(f"{site_dir}/assets/examples.json holds no examples")
    process, url, _ = start_server("--site-dir", str(site_dir), "--now", examples[0]["now"])
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            colds = []
            warm: list[float] = []
            for index in range(runs):
                context = browser.new_context()
                context.add_init_script(PROBE)
                cold = cold_run(context, url)
                if index == 0:
                    warm = warm_runs(cold["page"], [e["slug"] for e in examples])
                colds.append(cold)
                context.close()
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    return summarise(colds, warm, len(examples))


def summarise(colds: list[dict], warm: list[float], corpus_size: int) -> dict:
    last = colds[-1]
    return {
        "runs": len(colds),
        "editor_ready_ms": _median([c["editor_ready_ms"] for c in colds]),
        "cold_first_result_ms": _median([c["cold_first_result_ms"] for c in colds]),
        "first_status": last["first_status"],
        "cold_stages_ms": [[s["label"], round(s["ms"])] for s in last["stages"]],
        "warm_p50_ms": _median(warm),
        "warm_p95_ms": _percentile(warm, 0.95),
        "warm_queries": len(warm),
        "corpus_size": corpus_size,
        "bytes_before_editor": last["before_editor"],
        "bytes_before_first_result": last["before_first_result"],
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
    }


def report(figures: dict) -> None:
    editor, first = figures["bytes_before_editor"], figures["bytes_before_first_result"]
    lines = [
        f"editor ready            {figures['editor_ready_ms']:>9.0f} ms  (target < 1000)",
        f"cold first result       {figures['cold_first_result_ms']:>9.0f} ms  (target < 4000)",
        f"warm p50 / p95          {figures['warm_p50_ms']:>9.1f} / {figures['warm_p95_ms']:.1f} ms"
        f"  over {figures['warm_queries']} examples (target p50 < 100)",
        f"before editor usable    {editor['gzip_bytes'] / 1024:>9.0f} KB gzip"
        f"  ({editor['raw_bytes'] / 1024:.0f} KB raw, {editor['requests']} requests;"
        " target < 400 KB)",
        f"before first result     {first['gzip_bytes'] / 1024:>9.0f} KB gzip"
        f"  ({first['raw_bytes'] / 1024:.0f} KB raw, {first['requests']} requests)",
        f"median of {figures['runs']} cold runs; first response: {figures['first_status']}",
        "cold run stages (ms after Run): "
        + ", ".join(f"{label} @ {ms}" for label, ms in figures["cold_stages_ms"]),
    ]
    print("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="built site")
    parser.add_argument("--runs", type=int, default=3, help="cold runs (fresh contexts)")
    args = parser.parse_args(argv)
    if not (args.site_dir / "assets" / "playground" / "playground.mjs").is_file():
        print(
            f"no built playground under {args.site_dir}: run `nox -s docs` first", file=sys.stderr
        )
        return 2
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}", file=sys.stderr)
        return 2
    figures = measure(args.site_dir, max(1, args.runs))
    report(figures)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
