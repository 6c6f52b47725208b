"""Page load in Chromium: the form against the dashboard, and the weight of each page.

Starts the production server (fresh SQLite database with the demo data), signs the demo operator
in, then loads the dashboard and the application form alternately (a fresh browser context each
time, so nothing is cached) and prints, per page, the median over the runs of:
  * first contentful paint (the browser's own figure);
  * ready: until the page shows its content (the dossier table; the form's first input);
  * the JavaScript and CSS the page loads, raw and gzip-compressed (as a reverse proxy would send it).

    python -m bench.page_load --runs 7
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

from bench.field_check import login, new_draft
from bench.server import running_server

PAGES = {
    "tableau de bord": ("/", "#dossier-table"),
    "formulaire": ("/formulaire?dossier={id}", "#f-contact_demande_telephone"),
}
FCP = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0"
RESOURCES = (
    "() => performance.getEntriesByType('resource')"
    ".filter(r => /\\.(js|css)(\\?|$)/.test(r.name)).map(r => r.name)"
)


def _weights(urls: list[str], cache: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """(raw, gzip) bytes per kind, ``js`` and ``css``."""
    totals = {"js": [0, 0], "css": [0, 0]}
    for url in sorted(set(urls)):
        if url not in cache:
            with urllib.request.urlopen(url, timeout=30) as response:
                body = response.read()
            cache[url] = (len(body), len(gzip.compress(body, 6)))
        kind = "css" if url.split("?")[0].endswith(".css") else "js"
        totals[kind][0] += cache[url][0]
        totals[kind][1] += cache[url][1]
    return {k: (v[0], v[1]) for k, v in totals.items()}


def measure(url: str, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    token = login(url, "operateur@demo.fr", os.environ.get("BENCH_PASSWORD", "Demo-2026!"))
    dossier_id = new_draft(token)
    host = url.split("//")[1].split(":")[0]
    figures: dict[str, dict[str, list[float]]] = {name: {"fcp": [], "ready": []} for name in PAGES}
    weights: dict[str, dict[str, tuple[int, int]]] = {}
    cache: dict[str, tuple[int, int]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
        for run in range(runs + 1):  # the first round warms the server up and is not counted
            for name, (path, ready) in PAGES.items():
                context = browser.new_context(locale="fr-FR")
                context.add_cookies([{"name": "rp_sid", "value": token, "domain": host, "path": "/"}])
                page = context.new_page()
                started = time.perf_counter()
                page.goto(url + path.format(id=dossier_id))
                page.locator(ready).wait_for(state="visible", timeout=60_000)
                elapsed = (time.perf_counter() - started) * 1000
                if run:
                    figures[name]["ready"].append(elapsed)
                    figures[name]["fcp"].append(float(page.evaluate(FCP)))
                else:
                    weights[name] = _weights(page.evaluate(RESOURCES), cache)
                context.close()
        browser.close()
    print(f"runs={runs} (median; fresh browser context each load)")
    for name, values in figures.items():
        js, css = weights[name]["js"], weights[name]["css"]
        print(
            f"{name:<16} first paint {statistics.median(values['fcp']):6.0f} ms   ready "
            f"{statistics.median(values['ready']):6.0f} ms   JS {js[0] / 1024:6.0f} KB ({js[1] / 1024:4.0f} KB gzip)"
            f"   CSS {css[0] / 1024:5.0f} KB ({css[1] / 1024:3.0f} KB gzip)"
        )
    form, board = (statistics.median(figures[n]["fcp"]) for n in ("formulaire", "tableau de bord"))
    print(f"form / dashboard first paint: {form / board:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="", help="a running server (default: start one on a free port)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if args.url:
        measure(args.url.rstrip("/"), args.runs)
        return
    with running_server(Path(__file__).resolve().parent.parent) as url:
        measure(url, args.runs)


if __name__ == "__main__":
    sys.exit(main())
