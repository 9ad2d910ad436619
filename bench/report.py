"""bench/REPORT.md from bench/results/results.json (and bench/findings.md, written by hand)."""
from __future__ import annotations

import json
from pathlib import Path

from plot import svg_plot

BENCH = Path(__file__).resolve().parent
COMMAND = ".venv/bin/python bench/run.py"


def _kib(n) -> str:
    return "-" if n is None else f"{n / 1024:,.1f} KiB"


def _mib(n) -> str:
    return "-" if n is None else f"{n / 2**20:,.0f} MiB"


def _ms(seconds) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.2f}"


def _peak(build: dict) -> str:
    workers = build.get("peak_rss_children_bytes")
    return _mib(build["peak_rss_bytes"]) + (f" (search indexer, a child process: {_mib(workers)} at most)" if workers else "")


def _yes(ok) -> str:
    return "**met**" if ok else ("not measured" if ok is None else "**not met**")


def targets(results: dict) -> list[tuple[str, str, object]]:
    sizes = {s["size"]: s for s in results["sizes"]}
    finished = {size: s["ours"] for size, s in sizes.items() if s["ours"].get("finished")}
    rows = []
    builds = {size: b for size, b in finished.items()}
    if "real" in results:
        builds["real"] = results["real"]["build"]
    # the search indexer (Pagefind, run by the hooks) does what Material's search plugin did: counted apart
    shares = {size: b["hook_share"] - b.get("search_index_share", 0) for size, b in builds.items()}
    rows.append(("hooks' own work <= 10% of the build, every size (besides the search indexer)",
                 ", ".join(f"{size}: {100 * shares[size]:.1f}% (+ {100 * b.get('search_index_share', 0):.1f}% "
                           "indexing)" for size, b in builds.items()),
                 all(share <= 0.10 for share in shares.values()) if shares else None))
    if finished:
        small, large = min(finished), max(finished)
        ratio = finished[large]["seconds_per_page"] / finished[small]["seconds_per_page"]
        rows.append((f"s/page at {large:,} within 1.25x of {small:,}",
                     f"{_ms(finished[large]['seconds_per_page'])} vs {_ms(finished[small]['seconds_per_page'])} ms "
                     f"= {ratio:.2f}x", ratio <= 1.25 if large >= 5000 and small <= 100 else None))
        maxima = {f"{size:,}": b["entity_html_max"] for size, b in finished.items()}
        if "real" in results:
            maxima["real"] = results["real"]["build"]["entity_html_max"]
        rows.append(("entity page HTML <= 40 KB, any size",
                     ", ".join(f"{size}: max {largest / 1000:.1f} KB" for size, largest in maxima.items()),
                     all(largest <= 40_000 for largest in maxima.values())))
        peak = finished[large]["peak_rss_bytes"]
        rows.append((f"peak memory < 1 GB at {large:,}", _peak(finished[large]), peak < 1e9 if large >= 5000 else None))
    searches = {s["size"]: s["page_weight"]["first search"] for s in results["sizes"]
                if "first search" in s.get("page_weight", {})}
    if searches:
        rows.append(("a first search loads <= 1 MB at 1,000 per kind (the worst language)",
                     ", ".join(f"{size:,}: {_kib(search['bytes'])} ({search['requests']} requests)"
                               for size, search in searches.items()),
                     searches[1000]["bytes"] <= 2**20 if 1000 in searches else None))
    rates = {s["size"]: s["validation"]["entities"] / (s["validation"]["load_seconds"] + s["validation"]["graph_seconds"])
             for s in results["sizes"]}
    if rates:
        rows.append(("validation >= 20,000 entities/s (load + validate + graph)",
                     ", ".join(f"{size}: {rate:,.0f}/s" for size, rate in rates.items()),
                     all(rate >= 20_000 for rate in rates.values())))
    if "real" in results:
        best = min(results["real"]["builds_wall_seconds"])
        rows.append(("real content builds in < 5 s", f"{best:.2f} s (best of 3)", best < 5))
        lighthouse = results["real"].get("lighthouse")
        if lighthouse:
            low = [f"{page} {cat} {score:.2f}" for page, run in lighthouse.items()
                   for cat, score in run["scores"].items() if score < 0.95]
            rows.append(("Lighthouse >= 0.95 in all four categories, every page type and language",
                         "all >= 0.95" if not low else "below: " + "; ".join(low), not low))
    weighed = {s["size"]: s["page_weight"] for s in results["sizes"] if "page_weight" in s}
    loads = {f"{size:,} {page}": w for size, weights in weighed.items() for page, w in weights.items()
             if page != "first search"} | {f"real {page}": w for page, w in results.get("real", {}).get("bytes_loaded", {}).items()}
    loads = {page: w for page, w in loads.items() if "font_bytes" in w}  # runs before the site had fonts did not count them
    if loads:
        rest = {page: w["bytes"] - w["font_bytes"] for page, w in loads.items()}
        fonts = {page: w["font_bytes"] for page, w in loads.items()}
        rows.append(("a first visit of every page type loads <= 45 KiB besides the fonts, and <= 40 KiB of fonts",
                     f"at most {_kib(max(rest.values()))} ({max(rest, key=rest.__getitem__)}) besides "
                     f"at most {_kib(max(fonts.values()))} of fonts",
                     max(rest.values()) <= 45 * 1024 and max(fonts.values()) <= 40 * 1024))
    if len(weighed) > 1:
        small, large = min(weighed), max(weighed)
        pages = [page for page in weighed[small] if page in weighed[large] and page != "first search"]
        ratios = {page: weighed[large][page]["bytes"] / weighed[small][page]["bytes"] for page in pages}
        rows.append((f"every page type loads <= 1.2x at {large:,} of what it loads at {small:,}",
                     ", ".join(f"{page} {_kib(weighed[large][page]['bytes'])} vs {_kib(weighed[small][page]['bytes'])} "
                               f"= {ratios[page]:.2f}x" for page in pages),
                     all(ratio <= 1.2 for ratio in ratios.values()) if large >= 5000 else None))
    return rows


def write_report(results: dict, path: Path, plot_path: Path) -> None:
    machine = results["machine"]
    lines = [
        "# Performance at scale: benchmark report",
        "",
        "Regenerate everything (about 30 minutes on this machine; the figures below are from one such run):",
        "",
        "```sh",
        COMMAND,
        "```",
        "",
        f"`{COMMAND} --sizes 100 --plain-sizes 100 --no-lighthouse` takes a few minutes. This file is written by "
        "`bench/report.py` from `bench/results/results.json`; the profile findings at the end are "
        "`bench/findings.md`, written by hand.",
        "",
        f"- Run: {results['date']}, `{results['command']}`, "
        f"{results.get('benchmark_seconds', 0) / 60:.0f} minutes in all.",
        f"- Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, {machine['os']}, "
        f"Python {machine['python']}; load average at start {', '.join(f'{x:.1f}' for x in machine['load_average_at_start'])} "
        "(the machine is shared with other work: timings carry some noise).",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in sorted(machine["packages"].items())) + ".",
        "- Pages are served by `bench/serve.py` on 127.0.0.1 with gzip (as a static host such as GitHub Pages "
        "compresses); Chromium is Debian's `/usr/bin/chromium`.",
        "",
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {figure} | {_yes(ok)} |" for name, figure, ok in targets(results)]
    lines += ["", "## Build: the guide's hooks against plain MkDocs", "",
              "Size = entities per kind per language (five kinds, three languages). *Plain* is the same Markdown "
              "pages built by MkDocs + Material + static-i18n with MkDocs' automatic nav and no hooks. Build seconds "
              "are the wall time of the build process (Python start-up included); s/page divides by the HTML pages "
              "written.", "",
              "| size | pages | build s | ms/page | plain build s | plain ms/page | plain/ours per page | hooks' share | peak memory | plain peak |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    series: dict[str, list] = {"guide (hooks)": [], "plain MkDocs, automatic nav": []}
    for s in results["sizes"]:
        ours, plain = s["ours"], s.get("plain", {})
        if not ours.get("finished"):
            lines.append(f"| {s['size']:,} | - | not finished in {ours['timeout_seconds']:.0f} s | | | | | | | |")
            continue
        series["guide (hooks)"].append((s["size"], ours["seconds_per_page"] * 1000))
        if plain.get("finished"):
            series["plain MkDocs, automatic nav"].append((s["size"], plain["seconds_per_page"] * 1000))
            plain_cells = (f"{plain['wall_seconds']:.1f}", _ms(plain["seconds_per_page"]),
                           f"{plain['seconds_per_page'] / ours['seconds_per_page']:.2f}x", _mib(plain["peak_rss_bytes"]))
        elif plain:
            rate = plain["html_files_written"] / plain["timeout_seconds"]
            plain_cells = (f"> {plain['timeout_seconds']:.0f} (stopped: {plain['html_files_written']:,} of "
                           f"{plain['pages_expected']:,} pages written)",
                           f">= {1000 / rate:.1f}" if rate else "-", "-", "-")
        else:
            plain_cells = ("not run", "", "", "")
        lines.append(f"| {s['size']:,} | {ours['html_pages']:,} | {ours['wall_seconds']:.1f} | {_ms(ours['seconds_per_page'])} | "
                     f"{plain_cells[0]} | {plain_cells[1]} | {plain_cells[2]} | {100 * ours['hook_share']:.1f}% | "
                     f"{_peak(ours)} | {plain_cells[3]} |")
    if any(series.values()):
        plot_path.write_text(svg_plot({k: v for k, v in series.items() if v}, "Build time per page against content size",
                                      "entities per kind per language", "milliseconds per page"), encoding="utf-8")
        lines += ["", f"![ms per page against size]({plot_path.relative_to(path.parent).as_posix()})"]
        stopped = [(s["size"], s["plain"]) for s in results["sizes"] if s.get("plain") and not s["plain"]["finished"]]
        lines += [f"\nPlain MkDocs at {size:,} per kind is not on the plot: stopped after {plain['timeout_seconds']:.0f} s "
                  f"with {plain['html_files_written']:,} of {plain['pages_expected']:,} pages written, so at least "
                  f"{1000 * plain['timeout_seconds'] / max(plain['html_files_written'], 1):.0f} ms per page."
                  for size, plain in stopped]
    largest = max((s for s in results["sizes"] if s["ours"].get("finished")), key=lambda s: s["size"], default=None)
    if largest and largest["ours"].get("rss_samples"):
        samples = largest["ours"]["rss_samples"]
        step = max(1, len(samples) // 16)
        lines += ["", f"Resident memory of the build at {largest['size']:,} per kind, sampled every 5 s "
                  "(seconds: MiB): " + ", ".join(f"{t:.0f}: {m:,.0f}" for t, m in samples[::step] + samples[-1:]) + "."]
    lines += ["", "### Where the hooks' time goes (seconds)", "",
              "| size | on_pre_build | of which: load | graph | status page | plan, render and write docs/ | on_post_page | on_post_build | other hooks |",
              "|---|---|---|---|---|---|---|---|---|"]
    for s in results["sizes"]:
        ours = s["ours"]
        if not ours.get("finished"):
            continue
        h, g = ours["hook_seconds"], ours["guide_seconds"]
        other = sum(v for k, v in h.items() if k not in ("pre_build", "post_page", "post_build"))
        lines.append(f"| {s['size']:,} | {h.get('pre_build', 0):.2f} | {g.get('load_content', 0):.2f} | "
                     f"{g.get('build_graph', 0):.2f} | {g.get('status_pages', 0):.2f} | {g.get('write_languages', 0):.2f} | "
                     f"{h.get('post_page', 0):.2f} | {h.get('post_build', 0):.2f} | {other:.2f} |")
    lines += ["", "### Sizes", "",
              "| size | entity page HTML median | max (page) | search bundle on disk (all languages) | site | plain: entity HTML median | plain site |",
              "|---|---|---|---|---|---|---|"]
    for s in results["sizes"]:
        ours, plain = s["ours"], s.get("plain", {})
        if not ours.get("finished"):
            continue
        plain_cells = (_kib(plain.get("entity_html_median")), _mib(plain.get("site_bytes"))) \
            if plain.get("finished") else ("-", "-")
        lines.append(f"| {s['size']:,} | {_kib(ours['entity_html_median'])} | {_kib(ours['entity_html_max'])} "
                     f"(`{ours.get('largest_entity_page', '')}`) | {_mib(ours.get('search_bundle_bytes'))} | "
                     f"{_mib(ours['site_bytes'])} | {' | '.join(plain_cells)} |")
    lines += ["", "## Validation alone", "",
              "`guide.content.loading.load_content` (find, read and parse every YAML file, check it against its model) "
              "plus `guide.content.graph.build_graph` (resolve every reference), and the parts measured on their own: "
              "reading + parsing the YAML with line numbers (`guide.content.yamlfile.read_yaml`), the pydantic models on "
              "already parsed data, and the graph. Entities per second count entities (each is four files).", "",
              "| size | entities | files | load + validate + graph | entities/s | YAML reading alone | models alone | graph alone |",
              "|---|---|---|---|---|---|---|---|"]
    for s in results["sizes"]:
        v = s["validation"]
        total = v["load_seconds"] + v["graph_seconds"]
        def rate(seconds: float, entities: int = v["entities"]) -> str:
            return f"{seconds:.2f} s = {entities / seconds:,.0f}/s" if seconds else "-"
        lines.append(f"| {s['size']:,} | {v['entities']:,} | {v['files']:,} | {total:.2f} s | {v['entities'] / total:,.0f} | "
                     f"{rate(v['yaml_seconds'])} | {rate(v['model_seconds'])} | {rate(v['graph_seconds'])} |")
    lines += ["", "## Reader side", "", "### Bytes a page loads, by content size", "",
              "A first visit (empty cache) in headless Chromium, until the network is idle: compressed bodies plus "
              "headers, summed over every request, the site's fonts included (the targets count them apart).", "",
              ]
    weighed = [s for s in results["sizes"] if s.get("page_weight")]
    if weighed:
        pages = list(weighed[0]["page_weight"])
        lines += ["| size | " + " | ".join(pages) + " |", "|---" * (len(pages) + 1) + "|"]
        for s in weighed:
            w = s["page_weight"]
            lines.append(f"| {s['size']:,} | " + " | ".join(
                f"{_kib(w[page]['bytes'])} ({w[page]['requests']})" if page in w else "-" for page in pages) + " |")
        lines += ["", "Kilobytes loaded (requests). The largest transfers of a role page at the largest size: " + ", ".join(
            f"`{url}` {_kib(size)}" for url, size in weighed[-1]["page_weight"]["role"]["top"][:4]) + "."]
    real = results.get("real")
    if real:
        b = real["build"]
        lines += ["", "## The real content", "",
                  f"- Build (strict, hooks included): {', '.join(f'{x:.2f}' for x in real['builds_wall_seconds'])} s "
                  f"(three runs); {b['html_pages']} HTML pages; hooks' share {100 * b['hook_share']:.1f}%; "
                  f"peak memory {_mib(b['peak_rss_bytes'])}.",
                  f"- Entity page HTML: median {_kib(b['entity_html_median'])}, max {_kib(b['entity_html_max'])}"
                  f"{' (`' + b['largest_entity_page'] + '`)' if b.get('largest_entity_page') else ''}; "
                  f"search bundle on disk (all languages) {_mib(b.get('search_bundle_bytes'))}; "
                  f"site {_mib(b['site_bytes'])}."]
        lighthouse = real.get("lighthouse", {})
        lines += ["", "### Lighthouse (default mobile profile) and bytes loaded, per page type and language", "",
                  "| page | performance | accessibility | best practices | SEO | Lighthouse bytes | Chromium bytes (requests) |",
                  "|---|---|---|---|---|---|---|"]
        for page, loaded in real["bytes_loaded"].items():
            run = lighthouse.get(page)
            cells = [f"{run['scores'].get(k, 0):.2f}" for k in ("performance", "accessibility", "best-practices", "seo")] \
                if run else ["-"] * 4
            lines.append(f"| {page} | {' | '.join(cells)} | {_kib(run['bytes']) if run else '-'} | "
                         f"{_kib(loaded['bytes'])} ({loaded['requests']}) |")
        failing = sorted({f for run in lighthouse.values() for f in run["failing"]})
        if failing:
            lines += ["", "Audits that cost points (score < 0.9, on at least one page):", ""]
            lines += [f"- {f}" for f in failing]
    loop = BENCH / "results" / "editor_loop.json"
    if loop.is_file():
        lines += ["", *editor_loop_section(json.loads(loop.read_text(encoding="utf-8")))]
    findings = BENCH / "findings.md"
    if findings.is_file():
        lines += ["", findings.read_text(encoding="utf-8").strip()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---- the editor's loop (bench/editor_loop.py) --------------------------------------------------------------

EDITOR_LOOP_TITLE = "## The editor's loop: from a save to the page served"
EDITS = {"rename": "a role renamed (English)", "description": "a description edited (Dutch)",
         "level": "a need's level (facts: every language)",
         "year": "a source's year (facts: every language, every page citing it)",
         "delete": "a debate deleted (its four files)", "add": "the debate added back"}


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def editor_loop_section(results: dict) -> list[str]:
    """The section of REPORT.md written from bench/results/editor_loop.json."""
    machine = results["machine"]
    lines = [EDITOR_LOOP_TITLE, "",
             f"`.venv/bin/python bench/editor_loop.py` (this run: `{results['command']}`, {results['date']}, "
             f"{results.get('seconds', 0) / 60:.0f} minutes; {machine['cores']} cores, load average at start "
             f"{', '.join(f'{x:.1f}' for x in machine['load_average_at_start'])}: the machine was shared, so compare "
             "figures within a row). A real `mkdocs serve` of each content; *served*: from writing the file to "
             "the first request that gets the changed page (or the deleted page's 404), browsers told to reload; "
             "*search indexed*: to the end of the rebuild, the search of the changed languages indexed (in the "
             "background, after the pages are served). Medians of the repetitions "
             "(min-max); the full strict build of the same project in the same run.", ""]
    rows = []
    for content in results["contents"]:
        label = "real content" if content["label"] == "real" else f"{int(content['label']):,} per kind"
        full = _median(content["full_build"])
        lines += [f"### {label} ({content['entities']:,} entities): full strict build {full:.1f} s "
                  f"({', '.join(f'{s:.1f}' for s in content['full_build'])})", "",
                  "| edit | served | of a full build | search indexed | of a full build |", "|---|---|---|---|---|"]
        for name, what in EDITS.items():
            runs = content["serve"]["runs"].get(name) or []
            if not runs:
                continue
            served, reloaded = [r["served"] for r in runs], [r["search_indexed"] for r in runs]
            lines.append(f"| {what} | {_median(served):.2f} s ({min(served):.2f}-{max(served):.2f}) | "
                         f"{_median(served) / full:.2f}x | {_median(reloaded):.2f} s ({min(reloaded):.2f}-"
                         f"{max(reloaded):.2f}) | {_median(reloaded) / full:.2f}x |")
            rows.append((content["label"], name, _median(served), _median(reloaded), full))
        check = content["check"]
        lines += ["", f"`python -m guide check` after one edit: {_median(check['warm_after_one_edit']):.2f} s with its "
                  f"cache ({', '.join(f'{s:.2f}' for s in check['warm_after_one_edit'])}), "
                  f"{_median(check['cold']):.2f} s without (`--no-cache`: {', '.join(f'{s:.2f}' for s in check['cold'])}); "
                  f"nothing changed: {_median(check['warm_unchanged']):.2f} s; the first run, its cache empty: "
                  f"{check['first_run_with_empty_cache']:.2f} s. `mkdocs serve`'s first build: "
                  f"{content['serve']['initial_build']:.1f} s."]
        differing = content["serve"].get("differing_from_a_fresh_build")
        if differing is not None:
            lines += ["", "After every edit was undone, the served site against a fresh strict build of the same "
                      "content: " + ("identical, byte for byte (but for the sitemap's dates)." if not differing else
                                     f"**{len(differing)} files differ**: {', '.join(differing[:8])}")]
        if content["serve"].get("errors"):
            lines += ["", "Errors in the server's log: " + "; ".join(content["serve"]["errors"][:5])]
        lines.append("")
    targets = []
    for label, name, served, reloaded, full in rows:
        if label == "real":
            targets.append((f"real content, {EDITS[name]}: served <= 0.3x a full strict build",
                            f"{served:.2f} s = {served / full:.2f}x of {full:.1f} s", served <= 0.3 * full))
        if label == "1000":
            targets.append((f"1,000 per kind, {EDITS[name]}: served <= 10 s", f"{served:.2f} s (search indexed "
                            f"{reloaded:.2f} s)", served <= 10))
    for content in results["contents"]:
        if content["label"] == "1000":
            warm = _median(content["check"]["warm_after_one_edit"])
            targets.append(("1,000 per kind: `guide check` after one edit <= 1 s", f"{warm:.2f} s", warm <= 1))
    if targets:
        lines += ["### Targets", "", "| target | measured | |", "|---|---|---|"]
        lines += [f"| {name} | {figure} | {'**met**' if ok else '**not met**'} |" for name, figure, ok in targets]
    return lines


def replace_section(path: Path, section: list[str]) -> None:
    """Put the editor's loop section into an existing REPORT.md (before the findings, or in place of itself)."""
    text = path.read_text(encoding="utf-8")
    block = "\n".join(section).rstrip() + "\n\n"
    start = text.find(EDITOR_LOOP_TITLE)
    if start >= 0:
        end = text.find("\n## ", start + len(EDITOR_LOOP_TITLE))
        text = text[:start] + block + (text[end + 1:] if end >= 0 else "")
    else:
        findings = text.find("\n## Profile findings")
        at = findings + 1 if findings >= 0 else len(text)
        text = text[:at] + block + text[at:]
    path.write_text(text, encoding="utf-8")
