"""The guide's performance benchmark: prints figures and writes bench/REPORT.md. Not a pass/fail test.

    .venv/bin/python bench/run.py                      # everything (about 30 minutes on 2 cores)
    .venv/bin/python bench/run.py --sizes 100 --no-lighthouse --plain-sizes 100    # a quick look

For each size (entities per kind per language) it generates valid synthetic content (bench/synth.py),
builds it with the project's hooks, and builds the same Markdown pages as a plain MkDocs site (Material +
static-i18n, automatic nav, no hooks) - what a user would write by hand. It measures build time, seconds
per page, peak memory, validation speed, page and search-index sizes, and the bytes a role page loads in
Chromium. Then it builds the real content, times it, and runs Lighthouse on every page type and language.
Results go to bench/results/results.json; bench/REPORT.md is rewritten from them (--report-only redoes
just that), with bench/findings.md (written by hand: the profile findings) appended.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))
sys.path.append(str(REPO))  # guide.needs, with the standard library only, whichever Python runs this

if __name__ == "__main__":  # before the imports that need them: one line saying what is missing, not a traceback
    from guide.needs import require_packages, rerun

    require_packages("bench/run.py", rerun("bench/run.py"), site=("yaml", "mkdocs", "pydantic"),
                     dev=("playwright",))

import synth  # noqa: E402

PYTHON = sys.executable
KINDS = ("roles", "competencies", "concepts", "sources", "debates")
LANGUAGE_FOLDERS = {"en": "", "nl": "nl/", "it": "it/"}
PAGE_TYPES = ("home", "overview", "role", "competency", "source", "concept", "matrix")
SERVE_PORT = 8765  # the real site is built with this site_url, so canonical and hreflang URLs are served ones


def log(*parts) -> None:
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


# ---- projects -------------------------------------------------------------------------------------

def make_project(destination: Path, content: Path | None) -> Path:
    """The repository's site setup (config, hooks, assets, overrides, guide/) around a content folder,
    as tests/conftest.py does."""
    destination.mkdir(parents=True, exist_ok=True)
    if content is not None:
        shutil.copytree(content, destination / "content", dirs_exist_ok=True)
    shutil.copytree(REPO / "docs" / "assets", destination / "docs" / "assets")
    shutil.copytree(REPO / "hooks", destination / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "overrides", destination / "overrides")
    shutil.copy(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    (destination / "guide").symlink_to(REPO / "guide")
    return destination


def plain_config(config: str) -> str:
    """mkdocs.yml without what the guide adds: no hooks, no explicit nav (MkDocs' automatic nav lists every
    page), no theme overrides. Material, static-i18n, search and strict link checks stay."""
    config = re.sub(r"^hooks:\n(?:  .*\n)+", "", config, flags=re.M)
    config = re.sub(r"^nav:\n(?:  .*\n)+", "", config, flags=re.M)
    return config.replace("  custom_dir: overrides\n", "")


def make_plain_project(destination: Path, built: Path) -> Path:
    """The same Markdown pages as the built guide project (its docs/en, nl, it, assets) as a plain site."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copytree(built / "docs", destination / "docs")
    (destination / "mkdocs.yml").write_text(plain_config((built / "mkdocs.yml").read_text("utf-8")), "utf-8")
    return destination


# ---- builds -----------------------------------------------------------------------------------------

def run_build(project: Path, timeout: float, profile: Path | None = None, env: dict | None = None) -> dict:
    """Build in a process of its own (bench/measure.py); on timeout, stop it and count the pages written."""
    out = project / "measure.json"
    command = [PYTHON, str(BENCH / "measure.py"), "build", str(project), str(out)] + ([str(profile)] if profile else [])
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, start_new_session=True)
    samples: list[tuple[float, float]] = []  # (seconds since start, resident MiB) every 5 s: where memory grows

    def sample() -> None:
        status = Path(f"/proc/{process.pid}/status")
        while process.poll() is None:
            try:
                rss = next(int(line.split()[1]) for line in status.read_text().splitlines() if line.startswith("VmRSS"))
                samples.append((round(time.perf_counter() - start, 1), round(rss / 1024)))
            except (OSError, StopIteration, ValueError):
                pass
            time.sleep(5)

    threading.Thread(target=sample, daemon=True).start()
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        written = sum(1 for _ in (project / "site").rglob("*.html")) if (project / "site").is_dir() else 0
        return {"finished": False, "timeout_seconds": timeout, "html_files_written": written,
                "wall_seconds": time.perf_counter() - start}
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{stderr[-3000:]}")
    result = json.loads(out.read_text())
    result.update(finished=True, wall_seconds=wall, rss_samples=samples)
    return result


def entity_pages(site: Path) -> list[Path]:
    """<kind folder>/<id>/index.html in any language; an overview's further pages (page_2/...) are not entities."""
    return [p for p in site.rglob("index.html") if len(p.relative_to(site).parts) >= 3
            and p.relative_to(site).parts[-3] in KINDS and not re.fullmatch(r"page_\d+", p.parent.name)]


def site_figures(site: Path) -> dict:
    pages = [p for p in site.rglob("*.html") if p.name == "index.html"]
    entities = entity_pages(site)
    entity_sizes = sorted(p.stat().st_size for p in entities)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "html_pages": len(pages),
        "entity_pages": len(entities),
        "entity_html_median": statistics.median(entity_sizes) if entity_sizes else None,
        "entity_html_max": max(entity_sizes) if entity_sizes else None,
        "search_bundle_bytes": sum(p.stat().st_size for bundle in site_bundles(site) for p in bundle.rglob("*")
                                   if p.is_file()) or None,
        "site_bytes": total,
    }


def site_bundles(site: Path) -> list[Path]:
    """The search bundles of every language (pagefind/, nl/pagefind/, ...)."""
    return [site / folder / "pagefind" for folder in LANGUAGE_FOLDERS.values() if (site / folder / "pagefind").is_dir()]


def largest_entity_page(site: Path) -> str:
    pages = entity_pages(site)
    return max(pages, key=lambda p: p.stat().st_size).relative_to(site).as_posix() if pages else ""


def validation(content: Path, work: Path) -> dict:
    out = work / "validate.json"
    subprocess.run([PYTHON, str(BENCH / "measure.py"), "validate", str(content), str(out)], check=True)
    return json.loads(out.read_text())


def ours_share(build: dict) -> dict:
    """The hooks' share of the build, and of that the search indexer's (Pagefind, run from on_post_build: the
    work Material's search plugin did before, outside the hooks)."""
    hooks = sum(build["hook_seconds"].values())
    indexing = build.get("guide_seconds", {}).get("index_site", 0.0)
    return {"hook_seconds_total": hooks, "hook_share": hooks / build["build_seconds"],
            "search_index_share": indexing / build["build_seconds"]}


# ---- one size -----------------------------------------------------------------------------------------

def bench_size(size: int, work: Path, plain: bool, plain_timeout: float, ours_timeout: float) -> dict:
    log(f"size {size}: generating content")
    content = work / f"content-{size}"
    start = time.perf_counter()
    files = synth.generate(content, size)
    result: dict = {"size": size, "entities": 5 * size, "content_files": files,
                    "generate_seconds": time.perf_counter() - start}
    log(f"size {size}: {files} files; measuring validation")
    result["validation"] = validation(content, work)
    project = make_project(work / f"ours-{size}", content)
    log(f"size {size}: building with the hooks")
    build = run_build(project, ours_timeout)
    result["ours"] = build
    if build["finished"]:
        build.update(ours_share(build))
        build.update(site_figures(project / "site"))
        build["seconds_per_page"] = build["wall_seconds"] / build["html_pages"]
        build["largest_entity_page"] = largest_entity_page(project / "site")
        log(f"size {size}: ours {build['wall_seconds']:.1f} s, {build['html_pages']} pages, "
            f"{build['seconds_per_page'] * 1000:.2f} ms/page, hooks {100 * build['hook_share']:.1f}%, "
            f"peak {build['peak_rss_bytes'] / 2**20:.0f} MiB")
        result["page_weight"] = page_weight(project / "site", size, content)
    if plain and build["finished"]:
        plain_project = make_plain_project(work / f"plain-{size}", project)
        shutil.rmtree(project / "site")  # disk: the plain site is much larger
        log(f"size {size}: building the plain MkDocs site (time box {plain_timeout:.0f} s)")
        plain_build = run_build(plain_project, plain_timeout)
        if plain_build["finished"]:
            plain_build.update(site_figures(plain_project / "site"))
            plain_build["seconds_per_page"] = plain_build["wall_seconds"] / plain_build["html_pages"]
            log(f"size {size}: plain {plain_build['wall_seconds']:.1f} s, "
                f"{plain_build['seconds_per_page'] * 1000:.2f} ms/page, "
                f"peak {plain_build['peak_rss_bytes'] / 2**20:.0f} MiB")
        else:
            plain_build["pages_expected"] = build["html_pages"]
            log(f"size {size}: plain build not finished in {plain_timeout:.0f} s "
                f"({plain_build['html_files_written']} of ~{build['html_pages']} pages written)")
        result["plain"] = plain_build
        shutil.rmtree(plain_project, ignore_errors=True)
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(content, ignore_errors=True)
    return result


WEIGHED_PAGES = ("home", "overview", "role", "competency", "concept", "source", "debate", "matrix", "evolution")


def page_weight(site: Path, size: int, content: Path) -> dict:
    """Bytes a first visit of each page type loads, in English (entity pages: the first of their kind)."""
    from serve import SiteServer

    from browser import bytes_loaded

    paths = {"home": "", "overview": "roles/", "matrix": "matrix/", "evolution": "evolution/"}
    for kind in ("role", "competency", "concept", "source", "debate"):
        paths[kind] = f"{synth.FOLDERS[kind]}/{synth.entity_id(kind, 0)}/"
    from browser import first_search_bytes

    with SiteServer(site) as base:
        urls = {page: base + paths[page] for page in WEIGHED_PAGES}
        loaded = bytes_loaded(list(urls.values()))
        # a reader's first search in each language, for a role's name (synthetic names share their words)
        searches = {language: first_search_bytes(base + folder, synth.name("role", size // 2, language))
                    for language, folder in LANGUAGE_FOLDERS.items()}
    weights = {page: {k: v for k, v in loaded[url].items() if k != "resources"} | {
        "top": [(re.sub(r"^http://127\.0\.0\.1:\d+/", "/", r["url"]), r["bytes"])
                for r in loaded[url]["resources"][:6]]}
        for page, url in urls.items()}
    return weights | {"first search": {"bytes": max(s["bytes"] for s in searches.values()),
                                       "requests": max(s["requests"] for s in searches.values()),
                                       "by_language": searches}}


# ---- the real content ----------------------------------------------------------------------------------

def real_content(work: Path, lighthouse_runs: bool) -> dict:
    project = make_project(work / "real", REPO / "content")
    env = {"GUIDE_SITE_URL": f"http://127.0.0.1:{SERVE_PORT}/"}
    builds = []
    for _ in range(3):
        shutil.rmtree(project / "site", ignore_errors=True)
        builds.append(run_build(project, 600, env=env))
    best = min(builds, key=lambda b: b["wall_seconds"])
    result = {"builds_wall_seconds": [b["wall_seconds"] for b in builds], "build": best | ours_share(best)}
    result["build"].update(site_figures(project / "site"))
    result["build"]["largest_entity_page"] = largest_entity_page(project / "site")
    log(f"real content: {', '.join(f'{s:.2f}' for s in result['builds_wall_seconds'])} s; "
        f"hooks {100 * result['build']['hook_share']:.1f}%")
    pages = real_pages()
    from serve import SiteServer

    from browser import bytes_loaded

    server = SiteServer(project / "site", SERVE_PORT)
    with server as base:
        urls = {(language, kind): base + folder + path for language, folder in LANGUAGE_FOLDERS.items()
                for kind, path in pages.items()}
        loaded = bytes_loaded(list(urls.values()))
        result["bytes_loaded"] = {f"{language} {kind}": {"bytes": loaded[url]["bytes"],
                                                         "requests": loaded[url]["requests"]}
                                  for (language, kind), url in urls.items()}
        if lighthouse_runs:
            from browser import lighthouse
            result["lighthouse"] = {}
            for (language, kind), url in urls.items():
                out = work / f"lighthouse-{language}-{kind}.json"
                result["lighthouse"][f"{language} {kind}"] = lighthouse(url, out)
                scores = result["lighthouse"][f"{language} {kind}"]["scores"]
                log(f"lighthouse {language} {kind}: " + " ".join(f"{k} {v:.2f}" for k, v in scores.items()))
    shutil.rmtree(project, ignore_errors=True)
    return result


def real_pages() -> dict[str, str]:
    """A page of each type in the real guide (paths relative to a language's root)."""
    def first(folder: str, preferred: str) -> str:
        ids = sorted(p.stem for p in (REPO / "content" / "facts" / folder).glob("*.yaml"))
        return preferred if preferred in ids else ids[0]
    return {"home": "", "overview": "roles/", "role": f"roles/{first('roles', 'e-commerce-manager')}/",
            "competency": f"competencies/{first('competencies', 'data-driven')}/",
            "source": f"sources/{first('sources', '')}/", "concept": f"concepts/{first('concepts', 'omnichannel')}/",
            "matrix": "matrix/"}


# ---- the report ------------------------------------------------------------------------------------------

def machine() -> dict:
    memory = next((int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    versions = subprocess.run([PYTHON, "-m", "pip", "list", "--format=json"], capture_output=True, text=True).stdout
    wanted = {"mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pyyaml", "pydantic", "jinja2", "markdown"}
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory / 2**30, 1),
            "python": platform.python_version(), "os": platform.platform(),
            "load_average_at_start": os.getloadavg(),
            "packages": {p["name"].lower(): p["version"] for p in json.loads(versions or "[]")
                         if p["name"].lower() in wanted}}


def require_programs(args: argparse.Namespace) -> None:
    """Stop with one line if a program the run needs is missing: Chromium (the bytes a page loads), and node
    and npm for Lighthouse (bench/node), before half an hour of builds rather than after."""
    from browser import CHROMIUM
    from guide.needs import fail, program_message

    needed = [(CHROMIUM, "sudo apt-get install chromium", "the bytes each page loads are measured in it")]
    if not args.no_lighthouse and not args.no_real:
        needed += [(name, "sudo apt-get install nodejs npm", "Lighthouse runs on it; or run with --no-lighthouse")
                   for name in ("node", "npm")]
    for program, install, why in needed:
        message = program_message("bench/run.py", program, install, why)
        if message:
            fail(message)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--plain-sizes", type=int, nargs="*", default=[100, 1000],
                        help="sizes at which to build the plain MkDocs baseline too")
    parser.add_argument("--plain-timeout", type=float, default=300, help="time box of one plain build, seconds")
    parser.add_argument("--ours-timeout", type=float, default=2400)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp folder)")
    args = parser.parse_args()
    if not args.report_only:
        require_programs(args)
    RESULTS.mkdir(exist_ok=True)
    results_path = RESULTS / "results.json"
    if not args.report_only:
        results = {"date": datetime.datetime.now().astimezone().isoformat(timespec="minutes"), "machine": machine(),
                   "command": " ".join(["bench/run.py", *sys.argv[1:]]), "sizes": []}
        work = args.work or Path(tempfile.mkdtemp(prefix="guide-bench-"))
        work.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        try:
            if not args.no_real:  # first: it is quick, and what a reader gets
                results["real"] = real_content(work, not args.no_lighthouse)
                results_path.write_text(json.dumps(results, indent=1))
            for size in args.sizes:
                results["sizes"].append(bench_size(size, work, size in args.plain_sizes, args.plain_timeout,
                                                   args.ours_timeout))
                results["benchmark_seconds"] = time.perf_counter() - started
                results_path.write_text(json.dumps(results, indent=1))
        finally:
            results["benchmark_seconds"] = time.perf_counter() - started
            results_path.write_text(json.dumps(results, indent=1))
            if args.work is None:
                shutil.rmtree(work, ignore_errors=True)
    from report import write_report
    write_report(json.loads(results_path.read_text()), BENCH / "REPORT.md", RESULTS / "seconds-per-page.svg")
    print((BENCH / "REPORT.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
