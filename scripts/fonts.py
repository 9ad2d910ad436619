"""The site's own font, Guide Sans: docs/assets/fonts/guide-sans-regular.woff2 and guide-sans-bold.woff2, made
from Liberation Sans 2.1.5 (SIL Open Font License 1.1, docs/assets/fonts/LICENSE.txt).

Why this font: Liberation Sans has Arial's metrics (every glyph is as wide as Arial's), so the pages set the
same on every machine, whatever fonts it has (a fresh Debian has only DejaVu Sans, which is wider: a line
breaks elsewhere and the landing page's answer no longer fits a phone's first screen). The files are subsets:
Latin-1 and the punctuation, arrows and marks the guide's content and templates use (UNICODE_RANGE; a
character outside it falls back to the next font of the stack), without hinting instructions (more than half
of each file; browsers render these outlines well unhinted).

Two faces, both used on every page and both preloaded (overrides/main.html): regular and bold (headings,
markers, labels). Material's 300 (its headings) falls to regular. Italic (quotes, optional levels, captions)
is the regular face slanted by the browser: Liberation Sans Italic is itself an oblique of the regular, so
the two look alike, while a third file, discovered only when italic text is laid out, cost 9.8 KB on most
pages and, swapped in late, moved the text (Lighthouse measured a layout shift of 0.26 on a role page).
The two files together stay well below 40 KiB.

The name: the licence reserves the names "Liberation" and "Arimo" for the original fonts, and a subset is a
Modified Version, which must not use them; the files are called Guide Sans, and their name table says where
they come from.

Run once, whenever the range or the faces change; commit the .woff2 files (the same inputs and tool versions
give the same bytes):

    (cd /tmp && apt-get download fonts-liberation2=2.1.5-1)      # Debian 12's package; no install needed
    python3 -m venv /tmp/fonts-venv
    /tmp/fonts-venv/bin/pip install fonttools==4.68.0 brotli==1.2.1
    /tmp/fonts-venv/bin/python scripts/fonts.py /tmp/fonts-liberation2_2.1.5-1_all.deb

The argument may also be a folder holding the .ttf files (/usr/share/fonts/truetype/liberation2 where the
package is installed). The input files are checked against their SHA-256; fontTools and brotli are needed
only here, not by the site or its tests. The script then checks that docs/assets/guide.css declares the same
unicode-range, file names and weights.
"""
from __future__ import annotations

import hashlib
import io
import re
import sys
import tarfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "assets" / "fonts"
CSS = REPO / "docs" / "assets" / "guide.css"
FAMILY = "Guide Sans"
SOURCE = "Liberation Sans 2.1.5"
# file -> (source file in fonts-liberation2 2.1.5-1, its SHA-256, style name, CSS weight, CSS style)
FACES = {
    "guide-sans-regular.woff2": ("LiberationSans-Regular.ttf",
                                 "8d91388f1d3604b3b8ae0e3ee2d140e50cd6122f9214514f4aca772540a4076d",
                                 "Regular", 400, "normal"),
    "guide-sans-bold.woff2": ("LiberationSans-Bold.ttf",
                              "ba0e0dc3f7aca5b0afbc31e800531ee43be3aa79ae35b2ef1f6470a9547765c4",
                              "Bold", 700, "normal"),
}
# Basic Latin and Latin-1 (Dutch and Italian accents, « », ·), Œ œ, – —, ‘ ’ ‚ “ ” „, •, …, ‹ ›, €, ™,
# ← ↑ → ↓, −, ○ ●. Scanned from content/, guide/ (labels and templates), overrides/ and docs/assets/*.js;
# guide.css's @font-face rules repeat it.
UNICODE_RANGE = ("U+0020-007E, U+00A0-00FF, U+0152-0153, U+2013-2014, U+2018-201A, U+201C-201E, U+2022, "
                 "U+2026, U+2039-203A, U+20AC, U+2122, U+2190-2193, U+2212, U+25CB, U+25CF")
COPYRIGHT = ("Digitized data copyright (c) 2010 Google Corporation with Reserved Font Arimo, Tinos and Cousine. "
             "Copyright (c) 2012 Red Hat, Inc. with Reserved Font Name Liberation.")
BUDGET = 40 * 1024  # bytes, all faces together (issue 18)


def codepoints(unicode_range: str) -> list[int]:
    points: list[int] = []
    for part in unicode_range.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.extend(range(int(first, 16), int(last or first, 16) + 1))
    return points


def read_sources(where: Path) -> dict[str, bytes]:
    """The source .ttf files by name, from Debian's .deb (an ar archive around data.tar.xz) or a folder."""
    wanted = {source for source, *_ in FACES.values()}
    if where.is_dir():
        return {name: (where / name).read_bytes() for name in wanted}
    data = where.read_bytes()
    if not data.startswith(b"!<arch>\n"):
        raise SystemExit(f"{where}: neither a folder nor a Debian package")
    offset, found = 8, {}
    while offset < len(data):
        header = data[offset:offset + 60]
        name, size = header[:16].decode().strip().rstrip("/"), int(header[48:58])
        body = data[offset + 60:offset + 60 + size]
        offset += 60 + size + size % 2
        if name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body), mode="r:*") as archive:
                for member in archive.getmembers():
                    if Path(member.name).name in wanted and member.isfile():
                        extracted = archive.extractfile(member)
                        assert extracted is not None
                        found[Path(member.name).name] = extracted.read()
    missing = wanted - found.keys()
    if missing:
        raise SystemExit(f"{where}: no {', '.join(sorted(missing))} in the package")
    return found


def make_face(source: bytes, style: str) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # no instructions: more than half of each file
    options.drop_tables += ["FFTM", "kern"]  # FontForge's timestamps; the old kern table (GPOS has the kerning)
    options.name_IDs = []  # the name table is written below
    font = TTFont(io.BytesIO(source), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints(UNICODE_RANGE))
    subsetter.subset(font)
    names = font["name"]
    names.names = []
    postscript = f"{FAMILY.replace(' ', '')}-{style}"
    for name_id, text in {
        0: COPYRIGHT,
        1: FAMILY,
        2: style,
        3: f"{FAMILY} {style} 2.1.5",  # none of the reserved names in names 1-6
        4: FAMILY if style == "Regular" else f"{FAMILY} {style}",
        5: "Version 2.1.5; subset for the guide",
        6: postscript,
        10: f"A subset of {SOURCE} by Ascender Corporation, designed by Steve Matteson, based on Arimo: "
            f"Latin-1 and the punctuation the guide uses, without hinting. Renamed: the SIL Open Font License "
            f"reserves the original names for the original fonts.",
        13: "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        14: "https://openfontlicense.org",
    }.items():
        names.setName(text, name_id, 3, 1, 0x409)
    out = io.BytesIO()
    subset.save_font(font, out, options)  # as WOFF2 (options.flavor), Brotli-compressed
    return out.getvalue()


def check_css() -> list[str]:
    """What docs/assets/guide.css declares differently from the faces made here."""
    css = CSS.read_text(encoding="utf-8")
    rules = re.findall(r"@font-face\s*{([^}]*)}", css)
    problems = [f"an @font-face for {file}, which is not made here" for rule in rules
                for file in re.findall(r"url\(fonts/([^)]+)\)", rule) if file not in FACES]
    for file, (_, _, _, weight, style) in FACES.items():
        rule = next((r for r in rules if file in r), None)
        if rule is None:
            problems.append(f"no @font-face for {file}")
            continue
        expected = {"font-family": f'"{FAMILY}"', "font-weight": str(weight), "font-style": style,
                    "font-display": "swap", "unicode-range": UNICODE_RANGE}
        declared = {k.strip(): " ".join(v.split()) for k, _, v in
                    (d.partition(":") for d in rule.split(";") if ":" in d)}
        problems += [f"{file}: {key} is {declared.get(key)!r}, not {value!r}"
                     for key, value in expected.items() if declared.get(key) != value]
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    sources = read_sources(Path(argv[0]))
    OUT.mkdir(parents=True, exist_ok=True)
    total = 0
    for file, (source, sha256, style, _, _) in FACES.items():
        digest = hashlib.sha256(sources[source]).hexdigest()
        if digest != sha256:
            raise SystemExit(f"{source}: SHA-256 {digest}, not {sha256} (fonts-liberation2 2.1.5-1's)")
        data = make_face(sources[source], style)
        (OUT / file).write_bytes(data)
        total += len(data)
        print(f"{file}: {len(data):,} bytes")
    print(f"all faces: {total:,} bytes (budget {BUDGET:,})")
    problems = check_css()
    for problem in problems:
        print(f"docs/assets/guide.css: {problem}", file=sys.stderr)
    return 1 if total > BUDGET or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
