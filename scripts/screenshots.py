"""Desktop (1280x900) and phone (390x844) screenshots of the main page types of a built site, into screenshots/.

Builds nothing: build the site first, then point this at it.

    bash scripts/serve.sh build                      # writes site/
    .venv/bin/python scripts/screenshots.py          # site/ -> screenshots/*.png
    .venv/bin/python scripts/screenshots.py SITE --out FOLDER --language nl

The site is served on a free port of 127.0.0.1 and shown in Debian's Chromium (/usr/bin/chromium, or
GUIDE_CHROMIUM), through the same helpers as the browser tests (tests/browser.py).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.append(str(REPO))  # guide.needs, with the standard library only, whichever Python runs this

from guide.needs import require_packages, rerun  # noqa: E402

# scripts/serve.sh installs the site's packages only; Playwright comes with the tests' (requirements-dev.lock)
require_packages("scripts/screenshots.py", rerun("scripts/screenshots.py"), dev=("playwright",))

from browser import (  # noqa: E402
    DESKTOP,
    LANGUAGES,
    PHONE,
    SiteServer,
    chromium_missing_message,
    launch_chromium,
    prefix,
)

# page type -> (folder, the entity preferred when it exists); otherwise the kind's longest page
PAGES = {
    "home": ("", None),
    "role": ("roles", "e-commerce-manager"),
    "evidence": ("roles", "e-commerce-manager"),  # the role page with the evidence of a citation open
    "compare": ("compare", "e-commerce-director--e-commerce-manager"),
    "competency": ("competencies", "data-driven"),
    "source": ("sources", None),
    "matrix": ("matrix", ""),
    "evolution": ("evolution", ""),
}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def page_path(site: Path, language: str, folder: str, preferred: str | None) -> str:
    base = site / prefix(language)
    if not folder:
        return prefix(language)
    if preferred == "":
        chosen = ""
    elif preferred and (base / folder / preferred / "index.html").is_file():
        chosen = preferred + "/"
    else:
        pages = sorted(base.glob(f"{folder}/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
        if not pages:
            raise SystemExit(f"{base / folder}: no page to show")
        chosen = pages[0].parent.name + "/"
    path = f"{prefix(language)}{folder}/{chosen}"
    if not (site / path / "index.html").is_file():
        raise SystemExit(f"{site / path}: no such page")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default=str(REPO / "site"), help="a built site (default: site/)")
    parser.add_argument("--out", default=str(REPO / "screenshots"), help="where the PNGs go (default: screenshots/)")
    parser.add_argument("--language", default=LANGUAGES[0], choices=list(LANGUAGES))
    options = parser.parse_args(argv)
    site, out = Path(options.site).resolve(), Path(options.out)
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}: not a built site (no index.html); build it first: bash scripts/serve.sh build")
    missing = chromium_missing_message()
    if missing:  # before the site is served and Playwright started
        raise SystemExit(f"scripts/screenshots.py: {missing}")
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    server = SiteServer(site).start()
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for viewport_name, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport, locale="en-US", service_workers="block")
                page = context.new_page()
                for name, (folder, preferred) in PAGES.items():
                    path = page_path(site, options.language, folder, preferred)
                    response = page.goto(server.url(path))
                    if response is None or response.status >= 400:
                        raise SystemExit(f"{path}: HTTP {response and response.status}")
                    page.wait_for_load_state("networkidle")
                    if name == "evidence":  # as a reader pointing at (or tapping) a marker with several claims
                        marker = page.locator("article a[aria-label][data-claims]").first
                        marker.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 160)")
                        marker.hover()
                        page.locator("#guide-evidence").wait_for(state="visible")
                    target = out / f"{name}-{viewport_name}.png"
                    page.screenshot(path=str(target))
                    print(f"{target}  <- /{path}")
                context.close()
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
