"""Command line: python -m guide check | new | status | schema | linkcheck. Run with --help for details."""
from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from pathlib import Path

from ..content.model import KINDS

_CONTENT_HELP = "the content folder (default: content)"
CHECK_CACHE = ".cache/guide-check.sqlite"
"""Where `check` remembers the files it has checked (relative to the folder it runs in; git ignores it)."""


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        status: int = arguments.run(arguments)
        return status
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # no traceback for an editor: say what happened and how to report it
        if arguments.debug:
            raise
        print(f"python -m guide {arguments.command}: unexpected error ({type(error).__name__}: {error}); "
              "nothing was changed. Please report this with the command you ran; `python -m guide --debug "
              f"{arguments.command} ...` shows where it happened.", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m guide", description="Tools for editing the guide's content (run from the project folder).",
        epilog="Examples: python -m guide check | python -m guide new role chief-data-officer | "
               "python -m guide status")
    parser.add_argument("--debug", action="store_true",
                        help="on an unexpected error, show the Python traceback (for developers)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def content_command(name: str, run: Callable[[argparse.Namespace], int], help: str,
                        description: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help, description=description)
        command.add_argument("--content", type=Path, default=Path("content"), help=_CONTENT_HELP)
        command.set_defaults(run=run)
        return command

    check = content_command(
        "check", lambda a: _check(a.content, not a.no_cache, a.articles_required),
        help="validate all content without building the site",
        description="Validate every file under the content folder without building the site. Prints each "
                    "problem as path:line:col: message and exits with 1 if there are any, else 0. Files whose "
                    f"bytes were checked before are not read again: {CHECK_CACHE} (in the folder it runs in) "
                    "remembers them by their content, never by their time stamps alone (a file is read again "
                    "whenever the system says it was written since), and the answer is always the one a check "
                    "without it gives. Each source's quotes, title, authors, organisation and year are checked "
                    "against its article's text file (its seed), looked for in the folders the environment "
                    "variable GUIDE_ARTICLES names (several separated by ':'), else in those 'articles:' in "
                    "content/guide.yaml names, else in ../shared/seeds; sources whose article is not at hand "
                    "are named in one notice.")
    check.add_argument("--articles-required", action="store_true",
                       help="fail if any source's article is not at hand (CI uses this), instead of only naming it")
    check.add_argument("--no-cache", action="store_true",
                       help=f"check every file afresh, without reading or writing {CHECK_CACHE}")
    new = content_command(
        "new", lambda a: _new(a.content, a.kind, a.id, a.article),
        help="create the files of a new role, competency, concept, source or debate",
        description="Create the four files of a new entity: content/facts/<folder>/<id>.yaml (the "
                    "language-neutral facts) and content/en|nl|it/<folder>/<id>.yaml (the text in each "
                    "language). Every field is present; each text to write says TODO, and 'check' reports "
                    "every TODO until it is replaced. Relations start as empty lists [].")
    new.add_argument("kind", choices=list(KINDS), help="what to create")
    new.add_argument("id", help="the new id: lowercase letters a-z, digits and single hyphens, e.g. chief-data-officer")
    new.add_argument("--article", type=Path, metavar="PATH",
                     help="for a source: the article's text file; its name, language, title, authors, organisation "
                          "and year are filled in where the text states them")
    content_command(
        "status", lambda a: _status(a.content),
        help="print which translations are missing, unfinished or older than their original",
        description="Print a table of every entity and language: original (the language it was written in: "
                    "a source's original_language, else English), ok, outdated (the file's last commit, or "
                    "its modification time if uncommitted, is older than the original's), todo (still "
                    "says TODO), error (cannot be read) or missing. The site shows the same table on its "
                    "status page. Exits with 0.")

    schema = commands.add_parser(
        "schema", help="write the JSON Schemas of the content files (for YAML editors)",
        description="Generate schemas/<kind>.facts.json and schemas/<kind>.text.json from the content model, "
                    "and the yaml.schemas mapping in .vscode/settings.json, in the project folder.")
    schema.add_argument("--check", action="store_true", help="only report files that are out of date (exit 1)")
    schema.add_argument("--project", type=Path, default=Path("."),
                        help="the project folder (default: the current folder)")
    schema.set_defaults(run=lambda a: _schema(a.project, a.check))

    links = commands.add_parser(
        "linkcheck", help="check every link and image in a built site",
        description="Check that every href and src in the built HTML resolves, anchors included; exit 1 if "
                    "any is broken. With --external, also request every http(s) link on the web and report "
                    "those that do not answer (this needs the network; they fail the command only with --strict).")
    links.add_argument("site", type=Path, nargs="?", default=Path("site"), help="the built site (default: site)")
    links.add_argument("--base", default="/", help="the path part of the site's URL (default: /)")
    links.add_argument("--external", action="store_true", help="also check external http(s) links (network)")
    links.add_argument("--strict", action="store_true", help="with --external: exit 1 if an external link is broken")
    links.add_argument("--timeout", type=float, default=10.0,
                       help="seconds to wait for each external URL (default: 10)")
    links.set_defaults(run=_linkcheck)
    return parser


def _check(content_dir: Path, cached: bool = True, articles_required: bool = False) -> int:
    from ..content.cache import StoredCache
    from ..content.graph import build_graph
    from ..content.loading import load_content
    from ..content.problems import ContentProblems

    # the process ends after the check, and everything it reads lives until then: the cyclic garbage collector
    # would only scan it again and again (and once more, in full, when switched back on)
    gc.disable()
    cache = StoredCache(Path.cwd() / CHECK_CACHE) if cached else None
    try:
        content = load_content(Path.cwd() / content_dir, Path.cwd(), cache, articles_required=articles_required)
        notice = content.article_notice()
        if notice:
            print(f"Notice: {notice}.", file=sys.stderr)
        graph = build_graph(content)
    except ContentProblems as problems:
        print(problems.report(with_col=True), file=sys.stderr)
        return 1
    finally:
        if cache is not None:
            cache.save()
    counts = ", ".join(f"{len(by_id)} {kind}" for kind, by_id in graph.entities.items())
    articles = content.articles.checked
    print(f"The content is valid: {counts}; the quotes of {articles} source{'' if articles == 1 else 's'} "
          "checked against their articles.")
    return 0


def _new(content_dir: Path, kind: str, entity_id: str, article: Path | None = None) -> int:
    from .scaffold import ScaffoldError, article_facts, filled_report, new_entity, read_article

    try:
        if article is not None and kind != "source":
            raise ScaffoldError(f"--article starts a source from its article: python -m guide new source "
                                f"{entity_id} --article {article.as_posix()}")
        filled = article_facts(article, read_article(article)) if article is not None else None
        created = new_entity(content_dir, kind, entity_id, filled)
    except ScaffoldError as error:
        print(f"python -m guide new: {error}", file=sys.stderr)
        return 1
    for path in created:
        print(f"created {path.as_posix()}")
    if article is not None and filled is not None:
        print("\n".join(filled_report(article, filled)))
    print("Replace every TODO (python -m guide check lists them), then preview with scripts/serve.sh.")
    return 0


def _status(content_dir: Path) -> int:
    from .status import format_table, status_rows

    if not content_dir.is_dir():
        print(f"python -m guide status: there is no folder {content_dir.as_posix()}", file=sys.stderr)
        return 1
    sys.stdout.write(format_table(status_rows(content_dir)))
    return 0


def _schema(project: Path, check_only: bool) -> int:
    from .schema import outdated_schemas, write_schemas

    if check_only:
        stale = outdated_schemas(project)
        for relative in stale:
            print(f"{relative}: out of date: run python -m guide schema and commit the result", file=sys.stderr)
        return 1 if stale else 0
    changed = write_schemas(project)
    print("\n".join(f"wrote {relative}" for relative in changed) or "The schemas are up to date.")
    return 0


def _linkcheck(arguments: argparse.Namespace) -> int:
    from .linkcheck import check_site

    if not (arguments.site / "index.html").is_file():  # else nothing is checked, and nothing is broken
        print(f"python -m guide linkcheck: {arguments.site.as_posix()} is not a built site (it has no index.html): "
              "build it first with `bash scripts/serve.sh build`", file=sys.stderr)
        return 1
    broken, checked = check_site(arguments.site, arguments.base)
    for line in broken:
        print(line, file=sys.stderr)
    print(f"{checked} links checked, {len(broken)} broken.")
    external_broken: list[str] = []
    if arguments.external:
        from .external_links import check_external

        external_broken, urls = check_external(arguments.site, timeout=arguments.timeout)
        for line in external_broken:
            print(line, file=sys.stderr)
        print(f"{urls} external URLs checked, {len(external_broken)} links broken"
              f"{'' if arguments.strict else ' (reported only; add --strict to fail on them)'}.")
    return 1 if broken or (arguments.strict and external_broken) else 0
