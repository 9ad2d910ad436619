"""Command line: python -m guide check | linkcheck."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .graph import build_graph
from .loading import load_content
from .problems import ContentProblems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide", description="Tools for the guide's content.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate all content without building the site",
                                description="Validate every file under the content folder; print each "
                                            "problem as path:line:col: message; exit 1 if there are any.")
    check.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")
    links = commands.add_parser("linkcheck", help="check every link and image in a built site",
                                description="Check that every href and src in the built HTML resolves, "
                                            "anchors included; exit 1 if any is broken.")
    links.add_argument("site", type=Path, nargs="?", default=Path("site"), help="the built site (default: site)")
    links.add_argument("--base", default="/", help="the path part of the site's URL (default: /)")
    arguments = parser.parse_args(argv)
    if arguments.command == "check":
        return _check(arguments.content)
    return _linkcheck(arguments.site, arguments.base)


def _check(content_dir: Path) -> int:
    try:
        graph = build_graph(load_content(content_dir, Path.cwd()))
    except ContentProblems as problems:
        print(problems.report(with_col=True), file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(by_id)} {kind}" for kind, by_id in graph.entities.items())
    print(f"The content is valid: {counts}.")
    return 0


def _linkcheck(site: Path, base_path: str) -> int:
    from .linkcheck import check_site

    broken, checked = check_site(site, base_path)
    for line in broken:
        print(line, file=sys.stderr)
    print(f"{checked} links checked, {len(broken)} broken.")
    return 1 if broken else 0
