"""What a sites file costs on the Playground page, in headless Chromium: loopback only.

Serves the built site with ``statsref serve`` (clock pinned to the corpus clock) and, in fresh
browser contexts (empty cache), pastes the sites-file guide's own file (``acme.test`` in
``Asia/Tokyo``, a zone the pack lacks) into **Sites file…** and loads it, measuring on the page's
clock:

- cold load: the click on "Load the pasted file" to the status naming its site, the Python
  runtime loaded first (the reader has not edited anything yet);
- first run: a ``7d`` query on the file's site, Run to the response;
- warm load: another version of the file loaded in the same page, click to status;
- bytes on the wire during the cold load, and those of every time zone (``tzdata-<hash>.zip``).

Prints medians (``nox -s bench-browser`` runs it after ``benchmarks.browser``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

from benchmarks.browser import MB, ROOT, _open, _page_clock, _run_and_wait, _stop, _wait
from benchmarks.server import start_server

ACME = ROOT / "tests" / "fixtures" / "sites" / "acme.toml"
QUERY = {"site_id": "acme.test", "metrics": ["visitors", "pageviews"], "date_range": "7d"}
STATUS = ".sr-full .sr-pg-sites-status"
ZONES = "/tzdata-"


def _load(page: Page, text: str) -> float:
    """Paste ``text``, press Load; ms from the click to the status naming ``acme.test`` (the
    click turns it into "Reading…" at once)."""
    page.fill(".sr-full .sr-pg-sites-paste", text)
    started = page.evaluate("performance.now()")
    page.get_by_role("button", name="Load the pasted file").click()
    _wait(page, f"document.querySelector({json.dumps(STATUS)}).textContent.includes('acme.test')")
    return page.evaluate("performance.now()") - started


def one_run(browser: Browser, url: str) -> dict[str, float]:
    page, transfer, close = _open(browser, url)
    page.click(".sr-full .sr-pg-sites summary")
    text = ACME.read_text(encoding="utf-8")
    origin = _page_clock(page)
    begun = page.evaluate("performance.now()")
    cold = _load(page, text)
    page.wait_for_timeout(300)  # let the last requestfinished events arrive
    during = [
        (link, size)
        for end, link, size in transfer.finished()
        if begun <= end - origin <= begun + cold
    ]
    page.locator(".sr-full .cm-content").fill(json.dumps(QUERY))
    first_run = _run_and_wait(page)
    warm = _load(page, text + "\n# another version\n")
    close()
    return {
        "cold_load_ms": cold,
        "first_run_ms": first_run["ms"],
        "warm_load_ms": warm,
        "wire_bytes_during_load": sum(size for _, size in during),
        "zones_wire_bytes": sum(size for link, size in during if ZONES in link),
    }


def measure(site: Path, runs: int) -> dict[str, Any]:
    examples = json.loads((site / "assets" / "examples.json").read_text(encoding="utf-8"))
    process, url, _ = start_server("--site-dir", str(site), "--now", examples[0]["now"])
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            samples = [one_run(browser, url) for _ in range(runs)]
            browser.close()
    finally:
        _stop(process)
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="built site")
    parser.add_argument("--runs", type=int, default=3, help="cold runs (fresh contexts)")
    args = parser.parse_args(argv)
    [zones] = (args.site_dir / "assets" / "playground").glob("tzdata-*.zip")
    figures = measure(args.site_dir, max(1, args.runs))
    print(f"sites file (acme.toml, Asia/Tokyo), median of {args.runs} cold runs:")
    print(f"  load, Python not started yet   {figures['cold_load_ms']:8.0f} ms")
    print(f"  first 7d run on its site        {figures['first_run_ms']:8.0f} ms")
    print(f"  load again, Python running      {figures['warm_load_ms']:8.0f} ms")
    print(f"  on the wire during the load     {figures['wire_bytes_during_load'] / MB:8.2f} MB")
    print(f"  of which every time zone        {figures['zones_wire_bytes'] / 1000:8.1f} KB")
    print(f"  every time zone, uncompressed   {zones.stat().st_size / 1000:8.1f} KB ({zones.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
