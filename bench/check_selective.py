"""Check the preview's dependency rule (guide.pages.dependencies, used by guide.incremental.Regenerator):
after random edits, the generated files the Regenerator leaves in docs/ must be exactly those a full
render of the same content gives, byte for byte (no stale page, none missing, none left over), and the
files it reports as changed must be all those that changed. Prints how much it planned per edit.

    .venv/bin/python bench/check_selective.py CONTENT [--edits 100] [--seed 1]

Edits, picked at random among the content files: a name, an alternative name added, a description or
summary that now names a glossary term, a claim's or position's text, a source's title (texts, in one
language); a need's level, a competency's type, a source's year or author kind, a relation marked
criticised (facts, every language); an entity copied under a new id with new names, or deleted (every
language). Each edit is undone afterwards, and the undoing is checked too. Edits that make the content
invalid are skipped (the preview keeps the last good pages then).
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guide.content.graph import build_graph
from guide.content.loading import load_content
from guide.content.problems import ContentProblems
from guide.incremental import Regenerator
from guide.languages import LANGUAGES
from guide.pages.status import status_pages
from guide.site import render_site
from guide.tools.status import status_rows

URL = "http://127.0.0.1:8000/"
AREAS = ("facts", *LANGUAGES)
Edit = tuple[str, Callable[[], None], list[Path]]  # (what, do it, the files it changes: restored afterwards)


def text_edits(path: Path, rng: random.Random, terms: list[str]) -> Iterator[tuple[str, str]]:
    """(what, new text) for a text file of one language."""
    text = path.read_text(encoding="utf-8")
    for field in ("name", "title"):
        if m := re.search(rf"^{field}: (.*)$", text, re.M):
            yield f"{field} renamed", text.replace(m.group(0), f"{m.group(0)} Renamed", 1)
            yield f"{field} changed to a glossary term", text.replace(m.group(0), f"{field}: {rng.choice(terms)}", 1)
    for field in ("description", "summary"):
        if m := re.search(rf"^{field}: (>\n  )?", text, re.M):
            yield (f"{field} names {(term := rng.choice(terms))!r}",
                   text[:m.end()] + f"Also about {term}. " + text[m.end():])
    if m := re.search(r"^alternative_names: \[(.*)\]$", text, re.M):
        added = f"{m.group(1)}, Zzyzx {rng.randint(1, 9)}" if m.group(1) else "Zzyzx"
        yield "alternative name added", text.replace(m.group(0), f"alternative_names: [{added}]", 1)
    if m := re.search(r"^  ([a-z0-9-]+): (.+)$", text, re.M):  # a claim or a position
        yield "claim/position text edited", text.replace(m.group(0), f"  {m.group(1)}: Edited. {m.group(2)}", 1)


FACTS_EDITS = [
    ("need level flipped", r"level: essential", "level: optional"),
    ("need level flipped", r"level: optional", "level: essential"),
    ("competency type changed", r"^type: skill$", "type: trait"),
    ("competency type changed", r"^type: (trait|knowledge)$", "type: skill"),
    ("source year changed", r"^year: (\d+)$", "year: 1999"),
    ("source year removed", r"^year: (\d+)$", "year: null"),
    ("author kind changed", r"^author_kind: .*$", "author_kind: vendor"),
    ("relation criticised", r"^(    evidence: .*)$", "\\1\n    criticised: true"),
]


def facts_edits(path: Path) -> Iterator[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    for what, pattern, replacement in FACTS_EDITS:
        if re.search(pattern, text, re.M) and ("criticised" not in what or "/roles/" in path.as_posix()):
            yield what, re.sub(pattern, replacement, text, count=1, flags=re.M)


def entity_edits(content: Path, rng: random.Random) -> Iterator[Edit]:
    folders = sorted(p.name for p in (content / "facts").iterdir() if p.is_dir())
    folder = rng.choice(folders)
    ids = sorted(p.stem for p in (content / "facts" / folder).glob("*.yaml"))
    entity = rng.choice(ids)

    def copy() -> None:
        new = f"{entity}-copy"
        for area in AREAS:
            text = (content / area / folder / f"{entity}.yaml").read_text(encoding="utf-8")
            text = re.sub(rf"^id: {entity}$", f"id: {new}", text, flags=re.M)
            text = re.sub(r"^(name|title): (.*)$", r"\1: \2 Copy", text, flags=re.M)
            (content / area / folder / f"{new}.yaml").write_text(text, encoding="utf-8")

    def delete() -> None:
        for area in AREAS:
            (content / area / folder / f"{entity}.yaml").unlink()

    files = [content / area / folder / f"{entity}.yaml" for area in AREAS]
    yield f"{folder}/{entity} copied", copy, []
    yield f"{folder}/{entity} deleted", delete, files


def full_files(content: Path) -> dict[str, str]:
    """What a full render of the content gives (generate() without writing): every generated file."""
    graph = build_graph(loaded := load_content(content, content.parent))
    rows = status_rows(content, validated=loaded.records())
    files = render_site(graph, URL)
    files.update(status_pages(graph, {(row.kind, row.id): row.states for row in rows}))
    return files


def docs_files(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*") if p.is_file()}


class Checker:
    def __init__(self, content: Path, work: Path):
        self.content = work / "content"
        shutil.copytree(content, self.content)
        self.docs = work / "docs"
        self.regenerator = Regenerator(self.content, self.docs, work, URL)
        self.regenerator.run()
        self.before = docs_files(self.docs)
        self.checked = self.stale = self.skipped = 0
        self.planned: list[float] = []
        self.changed_files: list[int] = []
        self.seconds = 0.0
        self.problems: list[str] = []

    def check(self, what: str) -> bool:
        """Regenerate after an edit and compare with a full render; False if the content is invalid."""
        start = time.perf_counter()
        try:
            result = self.regenerator.run()
        except ContentProblems:
            return False
        self.seconds += time.perf_counter() - start
        after, expected = docs_files(self.docs), full_files(self.content)
        wrong = sorted(path for path in after.keys() | expected.keys() if after.get(path) != expected.get(path))
        really_changed = {path for path in after.keys() | self.before.keys()
                          if after.get(path) != self.before.get(path)}
        unreported = sorted(really_changed - set(result.paths))
        self.checked += 1
        planned = [count for count in result.rendered.values() if count is not None]
        self.planned.append(sum(planned) / max(1, len(planned)))
        self.changed_files.append(len(really_changed))
        if wrong or unreported:
            self.stale += 1
            self.problems.append(f"{what}: differ from a full render: {wrong[:6]}; changed, not reported: "
                                 f"{unreported[:6]}")
        self.before = after
        return True

    def apply(self, what: str, do: Callable[[], None], touched: list[Path]) -> None:
        saved = {path: path.read_bytes() for path in touched if path.exists()}
        before = set(self.content.rglob("*.yaml"))
        do()
        if not self.check(what):
            self.skipped += 1
        for path in set(self.content.rglob("*.yaml")) - before:
            path.unlink()
        for path, data in saved.items():
            path.write_bytes(data)
        if not self.check(f"{what} (undone)"):
            raise SystemExit(f"undoing {what} left invalid content")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("content", type=Path)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args(argv)
    return run(arguments.content, arguments.edits, arguments.seed)


def run(content: Path, edits: int, seed: int, quiet: bool = False) -> int:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as work:
        checker = Checker(content, Path(work))
        graph = checker.regenerator.graph
        assert graph is not None
        terms = [entity.text(language).name for entity in graph.of_kind("concept") + graph.of_kind("role")
                 for language in LANGUAGES]
        files = sorted(checker.content.rglob("*.yaml"))
        files = [path for path in files if path.parent.parent.name in AREAS]
        for _ in range(edits):
            choice = rng.random()
            if choice < 0.15:
                for what, do, touched in entity_edits(checker.content, rng):
                    checker.apply(what, do, touched)
                continue
            path = rng.choice(files)
            options = list(facts_edits(path) if path.parent.parent.name == "facts" else text_edits(path, rng, terms))
            if not options:
                continue
            what, text = rng.choice(options)

            def write(path: Path = path, text: str = text) -> None:
                path.write_text(text, encoding="utf-8")

            checker.apply(f"{path.relative_to(checker.content)}: {what}", write, [path])
        pages = len([path for path in checker.before if path.endswith(".md")])
        planned = sum(checker.planned) / max(1, len(checker.planned))
        changed = sum(checker.changed_files) / max(1, checker.checked)
        summary = (f"{checker.checked} regenerations checked ({checker.skipped} edits skipped: invalid content), "
                   f"{checker.stale} differing from a full render; entities and comparisons planned per language "
                   f"and edit: {planned:.1f} on average (of {graph.count()} entities); files changed per edit: "
                   f"{changed:.1f} (of {pages} pages); {checker.seconds / max(1, checker.checked) * 1000:.0f} ms per "
                   f"regeneration")
        if not quiet:
            print("\n".join(checker.problems[:20]))
            print(summary)
        if checker.stale:
            raise AssertionError("\n".join(checker.problems[:20]) + "\n" + summary)
        return 0


if __name__ == "__main__":
    sys.exit(main())
