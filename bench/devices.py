"""Does each performance device pay? Builds synthetic content with the code as it is and with each device
taken out (a patched copy of guide/ and hooks/ in the project, which the build imports first), in one run,
and prints build time and peak memory for each (the median of --repeat builds; their spread too).

    .venv/bin/python bench/devices.py --sizes 100 1000 [--repeat 3] [--out bench/results/devices.json]

A device is kept where it saves at least 10% of build time or memory at one of the sizes (issue 12);
bench/findings.md records the verdicts. Each patch must apply exactly: a device that is already gone (or
changed) stops the run instead of measuring nothing.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from run import log, make_project, run_build  # noqa: E402

import synth  # noqa: E402

# device -> (file, the code with the device, the same without it): the devices kept after the run of
# 30 November 2026 (bench/findings.md, section 8, has the verdicts and the figures of those taken out)
DEVICES: dict[str, list[tuple[str, str, str]]] = {
    "pages' Markdown and HTML released after writing": [
        ("hooks/guide_hooks.py", "    page.markdown, page.content, page.toc = \"\", None, []", "    pass")],
    "event scan only for YAML that may be hostile": [
        ("guide/content/yamlfile.py", "_structure_problem(text) if _may_be_hostile(text) else None",
         "_structure_problem(text)")],
    "HTML minified": [
        ("hooks/guide_theme.py", "    return minify_html.minify(", "    return html\n    return minify_html.minify(")],
}
BASELINE = "as it is"


def project_with(variant: str, content: Path, work: Path, code: Path) -> Path:
    """A project whose guide/ and hooks/ are copies of those in `code`, with one device taken out (none for
    the baseline)."""
    project = make_project(work / "project", content)
    (project / "guide").unlink()
    shutil.rmtree(project / "hooks")
    for folder in ("guide", "hooks"):
        shutil.copytree(code / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for file, with_device, without in DEVICES.get(variant, []):
        path = project / file
        text = path.read_text(encoding="utf-8")
        if text.count(with_device) != 1:
            raise SystemExit(f"{variant}: the device's code is not (once) in {file}: {with_device!r}")
        path.write_text(text.replace(with_device, without), encoding="utf-8")
    return project


def measure(size: int, repeat: int, work: Path, code: Path) -> dict[str, list[dict]]:
    content = work / f"content-{size}"
    synth.generate(content, size)
    results: dict[str, list[dict]] = {}
    variants = [BASELINE, *DEVICES]
    for round_ in range(repeat):  # interleaved: a slow minute of the machine touches every variant alike
        for variant in variants:
            folder = work / f"{size}-{abs(hash(variant))}"
            shutil.rmtree(folder, ignore_errors=True)
            project = project_with(variant, content, folder, code)
            build = run_build(project, 3600)
            peak = max(build["peak_rss_bytes"], build.get("peak_rss_children_bytes", 0))
            html = sum(path.stat().st_size for path in (project / "site").rglob("*.html"))
            results.setdefault(variant, []).append({"seconds": build["wall_seconds"], "peak_bytes": peak,
                                                    "html_bytes": html})
            log(f"size {size}, round {round_ + 1}: {variant}: {build['wall_seconds']:.1f} s, "
                f"{peak / 2**20:.0f} MiB")
            shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(content, ignore_errors=True)
    return results


def table(size: int, results: dict[str, list[dict]]) -> list[str]:
    def median(variant: str, key: str) -> float:
        return statistics.median(r[key] for r in results[variant])

    base_s, base_m = median(BASELINE, "seconds"), median(BASELINE, "peak_bytes")
    lines = [f"### {size:,} entities per kind", "",
             "| without | build s (runs) | vs as it is | peak MiB | vs as it is | HTML MiB |",
             "|---|---|---|---|---|---|"]
    for variant in results:
        seconds, memory = median(variant, "seconds"), median(variant, "peak_bytes")
        runs = ", ".join(f"{r['seconds']:.1f}" for r in results[variant])
        lines.append(f"| {variant} | {seconds:.1f} ({runs}) | {100 * (seconds / base_s - 1):+.1f}% | "
                     f"{memory / 2**20:.0f} | {100 * (memory / base_m - 1):+.1f}% | "
                     f"{median(variant, 'html_bytes') / 2**20:.1f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=BENCH / "results" / "devices.json")
    arguments = parser.parse_args()
    all_results = {}
    with tempfile.TemporaryDirectory(prefix="guide-devices-") as scratch:
        code = Path(scratch) / "code"  # the code as it is when the run starts, whatever is edited meanwhile
        for folder in ("guide", "hooks"):
            shutil.copytree(REPO / folder, code / folder, ignore=shutil.ignore_patterns("__pycache__"))
        for size in arguments.sizes:
            all_results[size] = measure(size, arguments.repeat, Path(scratch), code)
    arguments.out.write_text(json.dumps(all_results, indent=1), encoding="utf-8")
    for size, results in all_results.items():
        print("\n".join(table(size, results)) + "\n")


if __name__ == "__main__":
    main()
