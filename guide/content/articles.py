"""The articles the sources summarise: where their texts are kept, and whether a source says only what its
article says (each quote verbatim, its title, authors, organisation and year as the text states them).

The articles are others' text: they are never published or committed. Their files sit in article folders:
those the environment variable GUIDE_ARTICLES names (several separated by ':'), else those `articles:` in
content/guide.yaml names (relative to the project folder), else ../shared/seeds beside the project.
"""
from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .messages import suggestion
from .problems import Problem
from .yamlfile import KeyPath, YamlDocument

ENVIRONMENT = "GUIDE_ARTICLES"
DEFAULT_FOLDER = Path("..") / "shared" / "seeds"
FRAGMENT_SEPARATOR = " … "
"""How a quote joins the parts it takes from one article, in the article's order."""


@dataclass(frozen=True)
class ArticleFolders:
    """Where the article texts are looked for, and who said so (for messages)."""

    folders: tuple[Path, ...]
    origin: str

    def find(self, seed: str) -> Path | None:
        for folder in self.folders:
            path = folder / seed
            if path.is_file():
                return path
        return None

    def files(self) -> list[str]:
        """The names of the article files at hand (for a 'did you mean')."""
        return sorted({entry.name for folder in self.folders if folder.is_dir()
                       for entry in os.scandir(folder) if entry.is_file()})

    def describe(self) -> str:
        shown = ", ".join(_shown(folder) + ("" if folder.is_dir() else ", which does not exist")
                          for folder in self.folders)
        return f"{shown or 'none'} ({self.origin})"


def article_folders(project: Path, configured: Iterable[str] = (),
                    environ: Mapping[str, str] = os.environ) -> ArticleFolders:
    """The article folders: GUIDE_ARTICLES, else `articles:` of content/guide.yaml, else ../shared/seeds."""
    named = [part for part in environ.get(ENVIRONMENT, "").split(os.pathsep) if part]
    if named:
        return ArticleFolders(tuple(Path(part).expanduser() for part in named), f"from {ENVIRONMENT}")
    configured = list(configured)
    if configured:
        return ArticleFolders(tuple(_normal(project / part) for part in configured),
                              "from articles: in content/guide.yaml")
    return ArticleFolders((_normal(project / DEFAULT_FOLDER),), "the default; set GUIDE_ARTICLES to change it")


def _shown(folder: Path) -> str:
    """A folder as an editor would type it: relative to where the command runs, if that is near."""
    try:
        relative = os.path.relpath(folder)
    except ValueError:  # another drive
        return folder.as_posix()
    return Path(relative).as_posix() if relative.count("..") <= 1 else folder.as_posix()


def _normal(path: Path) -> Path:
    return Path(os.path.normpath(path))


@dataclass
class ArticleCheck:
    """What checking the sources against their articles found."""

    problems: list[Problem] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)  # 'source-id (seed file)': its article is not at hand
    texts: dict[str, str] = field(default_factory=dict)  # seed -> the article's text read, whitespace normalised
    checked: int = 0  # sources checked against their article

    def notice(self, folders: ArticleFolders) -> str | None:
        """The one line that says which sources' quotes could not be checked, if any."""
        if not self.unchecked:
            return None
        count = len(self.unchecked)
        noun = "source" if count == 1 else "sources"
        their = "its article is" if count == 1 else "their articles are"
        return (f"quotes of {count} {noun} not checked: {their} not at hand: {', '.join(self.unchecked)}; "
                f"article folders: {folders.describe()}. Put the article files there, or name their folder "
                f"in {ENVIRONMENT}")


def check_sources(sources: Iterable[tuple[Any, YamlDocument]], folders: ArticleFolders,
                  required: bool = False) -> ArticleCheck:
    """Check each source (a SourceFacts record and its document) against its article where it is at hand.

    With `required`, a source whose article is not at hand is a problem, not only named in the notice."""
    result = ArticleCheck()
    sources = list(sources)
    named = {facts.seed for facts, _ in sources}
    names: list[str] | None = None
    for facts, document in sources:
        seed = facts.seed
        if seed is None:
            if not facts.why_no_seed:
                result.problems.append(document.problem(("seed",), (
                    "the source names no article file: set 'seed: <file name>' to the article's text file in "
                    f"an article folder ({folders.describe()}), so that its quotes can be checked; if its text "
                    "cannot be kept (e.g. it is only in print), say why in 'why_no_seed: ...'")))
            continue
        path = folders.find(seed)
        if path is None:
            # a misspelling is close to a file no other source names (two editions' files may look alike)
            names = [name for name in folders.files() if name not in named] if names is None else names
            close = suggestion(seed, names)
            if close or required:
                result.problems.append(document.problem(("seed",), (
                    f"the article file '{seed}' is not in the article folders{close}: "
                    f"{folders.describe()}; correct the name, or put the file there")))
            else:
                result.unchecked.append(f"{facts.id} ({seed})")
            continue
        try:
            article = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            result.problems.append(document.problem(("seed",), (
                f"the article file {path.as_posix()} cannot be read as UTF-8 text ({error}): save it as UTF-8")))
            continue
        result.checked += 1
        result.texts[seed] = text = normalised(article)
        result.problems += _against_article(facts, document, seed, text)
    return result


def _against_article(facts: Any, document: YamlDocument, seed: str, text: str) -> list[Problem]:
    problems = []
    for index, claim in enumerate(facts.claims):
        message = quote_problem(claim.quote, text, seed)
        if message:
            problems.append(document.problem(("claims", index, "quote"), message))
    lowered = text.casefold()
    stated: list[tuple[KeyPath, str, str]] = [(("original_title",), facts.original_title, "title")]
    stated += [(("authors", index), author, "author") for index, author in enumerate(facts.authors)]
    if facts.organisation:
        stated.append((("organisation",), facts.organisation, "organisation"))
    if facts.year is not None:
        stated.append((("year",), str(facts.year), "year"))
    for place, value, what in stated:
        if normalised(value).casefold() not in lowered:
            problems.append(document.problem(place, (
                f"the {what} '{value}' is not in the article {seed}: write it as the text states it"
                + (", or null if the text does not say" if what in ("organisation", "year") else
                   ", or remove it if the text does not name it" if what == "author" else ""))))
    return problems


def quote_problem(quote: str, article: str, seed: str) -> str | None:
    """What is wrong with a quote against its (whitespace-normalised) article: each fragment joined by ' … '
    must be in it verbatim, after the one before it. None when the quote is faithful."""
    position = 0
    fragments = quote.split(FRAGMENT_SEPARATOR)
    for number, fragment in enumerate(fragments, start=1):
        wanted = normalised(fragment).strip(" …")
        found = article.find(wanted, position)
        if found >= 0:
            position = found + len(wanted)
            continue
        part = f"part {number} of {len(fragments)} of the quote" if len(fragments) > 1 else "the quote"
        if wanted in article:
            return (f"{part} ('{_shorten(wanted)}') comes before the part ahead of it in the article {seed}: "
                    "put the parts in the article's order")
        passage = closest_passage(wanted, article)
        return (f"{part} is not in the article {seed}: {difference(wanted, passage)}; the closest passage of "
                f"the article is '{passage}': copy the words exactly as the article has them (join parts taken "
                f"from different places with '{FRAGMENT_SEPARATOR.strip()}')")
    return None


def difference(fragment: str, passage: str) -> str:
    """Where the fragment first departs from the passage, word by word."""
    ours, theirs = fragment.split(), passage.split()
    for tag, start, end, their_start, their_end in difflib.SequenceMatcher(None, ours, theirs).get_opcodes():
        mine, article = " ".join(ours[start:end]), " ".join(theirs[their_start:their_end])
        if tag == "replace":
            return f"it has '{_shorten(mine, 60)}' where the article has '{_shorten(article, 60)}'"
        if tag == "delete":
            return f"it adds '{_shorten(mine, 60)}'"
        if tag == "insert" and 0 < start < len(ours):  # words the passage has around the quote are no fault
            return f"it leaves out '{_shorten(article, 60)}'"
    return f"'{_shorten(fragment)}' is not there"


def closest_passage(fragment: str, article: str) -> str:
    """The run of the article's words most like the fragment: what the editor most likely meant to copy."""
    words = article.split()
    size = max(1, len(fragment.split()))
    if len(words) <= size:
        return article
    windows = [" ".join(words[start:start + length]) for length in (size, size + 1)
               for start in range(len(words) - length + 1)]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(fragment)

    def likeness(window: str, exact: bool) -> float:
        matcher.set_seq1(window)
        return matcher.ratio() if exact else matcher.quick_ratio()

    # a window one word longer finds a passage the quote left a word out of (one shorter would match a changed
    # last word by leaving it out); the rough measure picks the candidates; the exact one (slower) chooses among them
    candidates = sorted(windows, key=lambda window: likeness(window, False), reverse=True)[:25]
    best = max(candidates, key=lambda window: likeness(window, True)).split()
    opcodes = difflib.SequenceMatcher(None, fragment.split(), best).get_opcodes()
    start = opcodes[0][4] if opcodes[0][0] == "insert" else 0  # words around what the quote took
    end = opcodes[-1][3] if opcodes[-1][0] == "insert" and len(opcodes) > 1 else len(best)
    return " ".join(best[start:end])


def normalised(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
