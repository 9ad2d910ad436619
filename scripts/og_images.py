"""The link-preview images (Open Graph, 1200x630), one per language, drawn from the site's name and intro in
that language (guide/pages/templates/labels.yaml) by Debian's Chromium, into docs/assets/og/<lang>.png.

    .venv/bin/python scripts/og_images.py       # after changing the labels they show; commit the PNGs

Nothing is fetched: the card is plain HTML with the system's sans-serif font.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.append(str(REPO))  # guide.needs, with the standard library only, whichever Python runs this

from guide.needs import require_packages, rerun  # noqa: E402

require_packages("scripts/og_images.py", rerun("scripts/og_images.py"), site=("yaml",),
                 dev=("playwright",))

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import chromium_missing_message, launch_chromium  # noqa: E402
from guide.languages import LANGUAGES  # noqa: E402
from guide.pages.labels import label  # noqa: E402

CARD = """<!doctype html><html lang="{language}"><head><meta charset="utf-8"><style>
body {{ margin: 0; width: 1200px; height: 630px; display: flex; flex-direction: column; justify-content: center;
       padding: 0 90px; box-sizing: border-box; background: #3f51b5; color: #fff; font-family: sans-serif; }}
h1 {{ font-size: 76px; line-height: 1.1; margin: 0 0 36px; }}
p {{ font-size: 32px; line-height: 1.4; margin: 0; opacity: 0.9; }}
</style></head><body><h1>{title}</h1><p>{intro}</p></body></html>"""


def main() -> int:
    missing = chromium_missing_message()
    if missing:
        raise SystemExit(f"scripts/og_images.py: {missing}")
    out = REPO / "docs" / "assets" / "og"
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        for language in LANGUAGES:
            intro = label("site_intro", language).split(". ")[0].rstrip(".") + "."
            title = html.escape(label("home_title", language)).replace("-", "\u2011")  # no break after "e-"
            page.set_content(CARD.format(language=language, title=title,
                                         intro=html.escape(intro)))
            page.screenshot(path=str(out / f"{language}.png"))
            print(f"wrote {out / f'{language}.png'}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
