"""Reader-side measurements: bytes a page loads (headless Chromium via Playwright) and Lighthouse scores.

Both use Debian's Chromium (/usr/bin/chromium) and a site served by bench/serve.py (gzip, like a static host).
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node" / "node_modules" / "lighthouse" / "cli" / "index.js"


def bytes_loaded(urls: list[str]) -> dict[str, dict]:
    """For each URL: bytes transferred (compressed bodies + headers) and requests made while the page loads
    (until the network is idle), on a fresh browser profile: what a first visit costs; `font_bytes`, the part of
    `bytes` that is the site's fonts (its .woff2 files), which have a budget of their own."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for url in urls:
            context = browser.new_context()
            page = context.new_page()
            responses: list = []
            page.on("requestfinished", lambda request, seen=responses: seen.append(request))  # not a builtin
            page.goto(url, wait_until="networkidle")
            page.wait_for_timeout(500)
            resources = []
            for request in responses:
                sizes = request.sizes()
                resources.append({"url": request.url,
                                  "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"]})
            results[url] = {"bytes": sum(r["bytes"] for r in resources), "requests": len(resources),
                            "font_bytes": sum(r["bytes"] for r in resources if r["url"].endswith(".woff2")),
                            "resources": sorted(resources, key=lambda r: -r["bytes"])}
            context.close()
        browser.close()
    return results


def first_search_bytes(page_url: str, query: str) -> dict:
    """What a reader's first search costs on a page: the bytes (compressed bodies + headers) and requests of
    the search's own files (pagefind/...), from going to the field until the results are shown, on a fresh
    browser profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context()
        page = context.new_page()
        page.goto(page_url, wait_until="networkidle")
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.locator("#guide-search-input").fill(query)
        page.wait_for_selector(".guide-search__list a", timeout=60_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        searched = [r for r in finished if "/pagefind/" in r.url]
        sizes = [r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in searched]
        results = page.locator(".guide-search__list a").count()
        browser.close()
    return {"bytes": sum(sizes), "requests": len(sizes), "results_shown": results}


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.is_file():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH / "node", check=True)


def lighthouse(url: str, out: Path) -> dict:
    """Lighthouse's default (mobile) run of one URL: the four category scores, bytes loaded, what failed."""
    ensure_lighthouse()
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   env=env, check=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {name: category["score"] for name, category in report["categories"].items()}
    failing = []
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
                failing.append(f"{name}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}".strip())
    audits = report["audits"]
    return {"scores": scores, "bytes": audits["total-byte-weight"]["numericValue"],
            "requests": len(audits.get("network-requests", {}).get("details", {}).get("items", [])),
            "metrics": {key: audits[key]["numericValue"] for key in
                        ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                         "cumulative-layout-shift", "speed-index") if key in audits},
            "failing": failing}
