"""Sum a cProfile file's own time (tottime) by package: where a build spends its time.

    python bench/profsum.py build.prof [top-functions]
"""
from __future__ import annotations

import pstats
import re
import sys
from collections import Counter


def package(filename: str) -> str:
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins/C"
    m = re.search(r"site-packages/([^/]+)", filename)
    if m:
        return m.group(1).removesuffix(".py")
    m = re.search(r"/(guide|hooks|overrides)/", filename)
    if m:
        return m.group(1)
    if "/lib/python3" in filename:
        return "stdlib:" + re.sub(r".*/lib/python3\.\d+/", "", filename).split("/")[0].removesuffix(".py")
    if filename.endswith(".html"):
        return "material templates"
    return filename


def by_package(path: str) -> tuple[float, Counter]:
    stats = pstats.Stats(path).stats
    totals: Counter = Counter()
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.items():
        totals[package(filename)] += tottime
    return sum(totals.values()), totals


if __name__ == "__main__":
    total, totals = by_package(sys.argv[1])
    for name, seconds in totals.most_common(25):
        print(f"{seconds:8.2f} s {100 * seconds / total:5.1f}%  {name}")
    if len(sys.argv) > 2:
        pstats.Stats(sys.argv[1]).sort_stats("tottime").print_stats(int(sys.argv[2]))
