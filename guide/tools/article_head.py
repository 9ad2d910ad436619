"""What the head of an article's text file states: its title, its authors and their organisation, the year it
was written, and the language it is written in (for `python -m guide new source <id> --article PATH`).

The article files are plain text as copied from the web: a title line, sometimes a byline ("Door Dennis
Reurings, founder van Youwe", "door Danne de Vries en Tjallin Melgers", "By Jane Doe") or a date line
("Scritto il 3 marzo 2019."), then the body. Every value found here is a piece of the text itself, never a
guess: where a rule is not sure, it finds nothing and the editor writes the value (the file keeps its TODO).
"""
from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

HEAD_LINES = 6
"""How many non-empty lines the head has at most. A byline or a date stands right under the title; further
down, a name or a date is part of what the article tells (000's "Inmiddels is het 2018." is its body)."""

PROSE_LENGTH = 150
"""A line longer than this is a paragraph of the body: the head ends before it. Titles, bylines and dates are
short (the longest title of the real articles has 78 characters)."""


@dataclass(frozen=True)
class Stated:
    """A value and the line of the file that states it (1-based, as written), for the editor to check."""

    value: str | int | tuple[str, ...]
    line: int
    text: str


@dataclass(frozen=True)
class DetectedLanguage:
    """The language the text is written in, and the function words counted per language that decided it."""

    code: str
    counts: dict[str, int]


@dataclass(frozen=True)
class ArticleHead:
    """What the article states; None where it does not say it (or the rules are not sure it does)."""

    title: Stated | None
    authors: Stated | None
    organisation: Stated | None
    year: Stated | None
    language: DetectedLanguage | None


def read_head(text: str, today: datetime.date | None = None) -> ArticleHead:
    """The title, authors, organisation, year and language of an article's text."""
    head = _head_lines(text)
    authors = organisation = title = year = None
    byline_number = None
    for number, line in head:
        found = byline_of(line)
        if found is not None:  # the first byline of the head; a second one would be quoted or another's
            names, company, dated = found
            byline_number = number
            authors = Stated(tuple(names), number, line)
            organisation = Stated(company, number, line) if company else None
            year = Stated(dated, number, line) if dated is not None else None
            break
    if head and head[0][0] != byline_number and _may_be_title(head[0][1]):
        title = Stated(head[0][1], head[0][0], head[0][1])
    if year is None:
        year = _date_line_year(head, title.line if title else None)
    if year is not None and int(str(year.value)) > (today or datetime.date.today()).year:
        year = None  # a year to come is not when it was written (a date line announcing an event, a typo)
    return ArticleHead(title, authors, organisation, year, detect_language(text))


def _head_lines(text: str) -> list[tuple[int, str]]:
    """The first non-empty lines (number, stripped text), up to HEAD_LINES, ending before the first paragraph."""
    head: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if len(line) > PROSE_LENGTH or len(head) == HEAD_LINES:
            break
        head.append((number, line))
    return head


def _may_be_title(line: str) -> bool:
    """The first line is the title unless it is a byline (000's first line is one), a date line, or a sentence
    of the body: a title does not end in a full stop, a sentence does ("Het is 2010.")."""
    return not line.endswith(".") and _date_year(line) is None


# ---- bylines ----------------------------------------------------------------------------------------------

_BYLINE = re.compile(
    r"(?:geschreven\s+door|door|written\s+by|by|scritto\s+da|a\s+cura\s+di|di|"
    r"auteurs?|authors?|autor[ei])\s*:?\s+(?P<rest>.+)", re.IGNORECASE)
"""The words that open a byline in Dutch, English and Italian ("door", "by", "di", "Author:" ...)."""

_PARTICLES = {"de", "der", "den", "van", "von", "ten", "ter", "te", "'t", "di", "da", "del", "della", "dello",
              "degli", "dei", "du", "des", "la", "le", "lo", "el", "y", "bin", "al"}
"""Lowercase words inside a person's name ("Danne de Vries", "Leonardo da Vinci"): a name may have them, but
neither starts nor ends with one."""

_AND = re.compile(r"\s+(?:en|and|e|&)\s+", re.IGNORECASE)
"""How a byline joins its last two names: "A en B", "A and B", "A e B", "A & B"."""

_SEGMENTS = re.compile(r"\s*(?:,|;|\||·|•|\s[–—-]\s)\s*")
"""What separates a byline's names from each other and from what follows them (a role, a company, a date)."""

_WORKS_AT = re.compile(r"(?:^|\s)(?:bij|at|presso|@)\s+(?P<organisation>.+)$", re.IGNORECASE)
_WORKS_FOR = re.compile(r"(?:^|\s)(?:van|of|di|for|voor|per)\s+(?P<organisation>.+)$", re.IGNORECASE)
_FOR = re.compile(r"(?:^|\s)(?:van|of|di|for|voor|per)\s", re.IGNORECASE)
"""A role and its organisation after the names: "founder van Youwe", "Head of Digital at Acme". 'at', 'bij',
'presso' say where someone works outright, so they win over 'of'/'van'/'di', which can also be part of the
role ("Head of Digital"); of those, only a segment with just one is clear."""


def byline_of(line: str) -> tuple[list[str], str | None, int | None] | None:
    """(names, organisation, year) where the line is a byline that names at least one person, else None."""
    opened = _BYLINE.fullmatch(line)
    if opened is None:
        return None
    rest, year = _without_date(opened.group("rest"))
    names: list[str] = []
    organisation = None
    segments = [segment for segment in _SEGMENTS.split(rest.strip().rstrip(".")) if segment]
    for segment in segments:
        parts = _AND.split(segment)
        if all(_is_name(part) for part in parts):
            names += parts
            continue
        if names:  # what follows the names: their role and organisation ("founder van Youwe")
            organisation = _organisation(segment)
        break
    if not names:
        return None
    return names, organisation, year


def _is_name(text: str) -> bool:
    """A person's name: two to six words, each capitalised ("Tjallin", "O'Brien", "J.") or a particle, first and
    last capitalised. One word alone may as well be a company or a pen name ("door Youwe"): not a person for
    sure, so not taken."""
    words = text.split()
    if not 2 <= len(words) <= 6:
        return False
    if not (_capitalised(words[0]) and _capitalised(words[-1])):
        return False
    return all(_capitalised(word) or word in _PARTICLES for word in words)


def _capitalised(word: str) -> bool:
    return word[0].isupper() and all(char.isalpha() or char in "'’.-" for char in word)


def _organisation(segment: str) -> str | None:
    """The organisation a byline names after its people, as written, else None."""
    works_at = _WORKS_AT.search(segment)
    if works_at is None and len(_FOR.findall(segment)) == 1:
        works_at = _WORKS_FOR.search(segment)
    if works_at is None:
        return None
    organisation = works_at.group("organisation").strip().rstrip(".,;:")
    # a company's name is capitalised (or starts with a digit: "9to5"); "founder van de winkel" names none
    if not organisation or not (organisation[0].isupper() or organisation[0].isdigit()) \
            or len(organisation.split()) > 6:
        return None
    return organisation


# ---- dates ------------------------------------------------------------------------------------------------

_MONTH_NAMES = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december "
          "jan feb mrt apr jun jul aug sep sept okt nov dec",
    "en": "january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre "
          "gen feb mar apr mag giu lug ago set ott nov dic",
}
_MONTHS = sorted({month for names in _MONTH_NAMES.values() for month in names.split()}, key=len, reverse=True)
_DATE = re.compile(
    r"\b(?:\d{1,2}[-/.]\d{1,2}[-/.](?P<numeric>(?:19|20)\d{2})|(?P<iso>(?:19|20)\d{2})-\d{1,2}-\d{1,2}"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{'|'.join(_MONTHS)})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
    r"(?P<written>(?:19|20)\d{2}))\b", re.IGNORECASE)
"""A date: 12-03-2018, 12/03/2018, 2018-03-12, 12 maart 2018, March 12, 2018, marzo 2018. A year alone is not
taken: "E-commerce in 2025" is what a title is about, not when it was written."""

_DATE_LINE = re.compile(
    r"(?:(?:scritto|pubblicato|aggiornato|gepubliceerd|geplaatst|geschreven|bijgewerkt|published|posted|written|"
    r"updated|datum|date|data)(?:\s+(?:il|op|on|in|a))?)?\s*:?\s*(?P<date>.+?)\.?", re.IGNORECASE)
"""A line that is only a date, perhaps after the words that announce one ("Scritto il", "Gepubliceerd op",
"Published on", "Datum:")."""


def _date_year(text: str) -> int | None:
    """The year of the date a whole line states, else None."""
    line = _DATE_LINE.fullmatch(text)
    date = _DATE.fullmatch(line.group("date")) if line else None
    return _year_of(date) if date else None


def _year_of(date: re.Match[str]) -> int:
    return int(date.group("numeric") or date.group("iso") or date.group("written"))


def _without_date(text: str) -> tuple[str, int | None]:
    """A byline's text without the date at its end ("Jan Jansen op 12 maart 2018"), and that date's year."""
    dates = list(_DATE.finditer(text))
    found = dates[-1] if dates else None
    if found is None or text[found.end():].strip(" .,;|)"):
        return text, None
    before = re.sub(r"(?:\s+(?:op|on|il|del|the)|\s*[,;|(–—-])\s*$", "", text[:found.start()].rstrip(),
                    flags=re.IGNORECASE)
    return before, _year_of(found)


def _date_line_year(head: list[tuple[int, str]], title: int | None) -> Stated | None:
    """The year of the first line of the head that is a date; never the title's (what it is about)."""
    for number, line in head:
        year = _date_year(line) if number != title else None
        if year is not None:
            return Stated(year, number, line)
    return None


# ---- language ---------------------------------------------------------------------------------------------

_FUNCTION_WORDS = {
    "nl": "de het een en van dat die niet op te voor met zijn ook als maar bij om aan er naar wordt dit deze je "
          "wij hij zij kan meer nog heeft hebben door zich geen dan moet worden veel wel",
    "en": "the and to that for with are be this by or an not they their which from at have has will can who "
          "what it its you our there been would should",
    "it": "il lo la gli le di che è un una per non del della dei delle nel nella con si sono anche più ma da "
          "alla questo questa deve essere ha hanno l dell nell sull",
}
"""The commonest little words of each language, that any text in it is full of and that say nothing about its
subject: the English terms in the Dutch articles (e-commerce manager, sales driven) are nouns and adjectives,
so they do not count. Words common to two of the languages are left out of both: 'in', 'is', 'we', 'was',
'of' (Dutch 'or'), 'al' (Dutch 'already'), 'a' and 'come' (English and Italian), 'all' (Italian "all'")."""

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
"""A word: letters, hyphens inside ('e-commerce' is one word, not Italian 'e' and 'commerce'); an apostrophe
ends one, so Italian "dell'azienda" gives 'dell' and 'azienda'."""

MIN_WORDS = 8
"""Fewer function words than this (a title and two lines) are too few to tell the language by."""


def detect_language(text: str) -> DetectedLanguage | None:
    """The language most of the text's function words belong to, when it has at least MIN_WORDS of them and at
    least twice as many as the next language (a Dutch article quoting an English definition stays Dutch)."""
    words = {code: set(listed.split()) for code, listed in _FUNCTION_WORDS.items()}
    tokens = Counter(word.casefold() for word in _WORD.findall(text))
    counts = {code: sum(tokens[word] for word in listed) for code, listed in words.items()}
    ranked = sorted(counts, key=lambda code: -counts[code])
    best, second = counts[ranked[0]], counts[ranked[1]]
    if best < MIN_WORDS or best < 2 * second:
        return None
    return DetectedLanguage(ranked[0], counts)
