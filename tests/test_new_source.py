"""`python -m guide new source <id> --article PATH`: a new source's files with what its article's text states
filled in (guide/tools/article_head.py), everything else as `new source <id>` makes it. Golden files in
tests/fixtures/new_source/; the head rules and the error messages as data; the real articles by rules."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO
from guide.content.model import KINDS
from guide.content.yamlfile import read_yaml
from guide.languages import LANGUAGES
from guide.tools.article_head import read_head
from guide.tools.scaffold import ScaffoldError, read_article, skeleton

GOLDEN = FIXTURES / "new_source"

ARTICLES = {
    "nl": "Wat doet een webshopmanager?\n\n"
          "Door Jan de Vries en Anna Bakker, consultants bij Webwinkel Advies\n"
          "Gepubliceerd op 12 maart 2019\n\n"
          "Een webshopmanager is verantwoordelijk voor de resultaten van de webwinkel. Hij stuurt het team aan en "
          "zorgt dat de klant op elk kanaal dezelfde behandeling krijgt. Dat is niet altijd eenvoudig, want de "
          "organisatie is er vaak nog niet op ingericht.\n",
    "en": "The e-commerce manager of tomorrow\n"
          "By Jane Doe, Head of Digital at Acme Retail | March 3, 2021\n\n"
          "The e-commerce manager is responsible for the online channel. They lead a team, and they have to work "
          "with marketing, sales and IT. It is a role that keeps changing with the customers it serves.\n",
    "it": "Il ruolo del responsabile e-commerce\n\n"
          "Scritto il .\n\n"
          "Il responsabile e-commerce è una figura che si occupa della strategia digitale dell'azienda. Deve "
          "conoscere il marketing, la tecnologia e la logistica, e ha il compito di coordinare le persone che "
          "lavorano nel canale online.\n",
}

HINT = ("The article's quotes are checked only where its file is found: put {name} in one of the article folders "
        "(GUIDE_ARTICLES, or articles: in content/guide.yaml, default ../shared/seeds).")
STDOUT = {
    "nl": ["From nl.txt: seed, original_language (nl), original_title (Wat doet een webshopmanager?), authors (Jan "
           "de Vries, Anna Bakker), organisation (Webwinkel Advies), year (2019); check them against the text.",
           HINT.format(name="nl.txt")],
    "en": ["From en.txt: seed, original_language (en), original_title (The e-commerce manager of tomorrow), authors "
           "(Jane Doe), organisation (Acme Retail), year (2021); check them against the text.",
           HINT.format(name="en.txt")],
    "it": ["From it.txt: seed, original_language (it), original_title (Il ruolo del responsabile e-commerce); check "
           "them against the text.",
           "Not stated in its first lines (or not clearly), so left as in any new source: authors, organisation, "
           "year.",
           HINT.format(name="it.txt")],
}


def guide(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide", *arguments], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "small" / "content", tmp_path / "content")
    (tmp_path / "articles").mkdir()
    for language, text in ARTICLES.items():
        (tmp_path / "articles" / f"{language}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def created(entity_id: str) -> list[str]:
    return [f"content/{area}/sources/{entity_id}.yaml" for area in ("facts", *LANGUAGES)]


# ---- golden files ---------------------------------------------------------------------------------

@pytest.mark.parametrize("language", list(ARTICLES))
def test_the_facts_file_has_what_the_article_states_and_the_rest_as_a_plain_new_source(project, language):
    entity_id = f"from-{language}"
    result = guide("new", "source", entity_id, "--article", f"articles/{language}.txt", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [*(f"created {path}" for path in created(entity_id)), *STDOUT[language],
                                          "Replace every TODO (python -m guide check lists them), then preview "
                                          "with scripts/serve.sh."]
    facts = (project / created(entity_id)[0]).read_text(encoding="utf-8")
    assert facts == (GOLDEN / f"{entity_id}.yaml").read_text(encoding="utf-8")
    for area in LANGUAGES:  # the text files are those of any new source
        text = (project / "content" / area / "sources" / f"{entity_id}.yaml").read_text(encoding="utf-8")
        assert text == skeleton(KINDS["source"], area, entity_id)


def test_check_then_reports_only_the_todos_left(project):
    for language in ARTICLES:
        assert guide("new", "source", f"from-{language}", "--article", f"articles/{language}.txt",
                     cwd=project).returncode == 0
    check = guide("check", cwd=project)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    problems = [line for line in check.stderr.splitlines() if line.startswith("content/")]
    assert problems and all("TODO" in line and "/from-" in line for line in problems), problems


# ---- the rules of an article's head, as data ------------------------------------------------------------

BODY = ("\n\nDe e-commerce manager is verantwoordelijk voor het kanaal en stuurt het team aan. Hij moet "
        "weten wat de klant wil en dat is niet altijd eenvoudig, want de organisatie is er nog niet op ingericht.\n")

HEADS = {
    "a byline first, as in 000: no title": (
        "Door Dennis Reurings, founder van Youwe" + BODY,
        {"title": None, "authors": ("Dennis Reurings",), "organisation": "Youwe", "year": None, "language": "nl"}),
    "two authors, no organisation": (
        "wat maakt een goede e-commerce manager?\n\ndoor Danne de Vries en Tjallin Melgers" + BODY,
        {"title": "wat maakt een goede e-commerce manager?", "authors": ("Danne de Vries", "Tjallin Melgers"),
         "organisation": None, "year": None, "language": "nl"}),
    "a date line without its date, as in 003": (
        "Il ruolo dell' E-commerce Manager nel Retail\n\nScritto il ." + BODY,
        {"title": "Il ruolo dell' E-commerce Manager nel Retail", "authors": None, "organisation": None,
         "year": None, "language": "nl"}),
    "a date at the end of the byline": (
        "Titel\nDoor Jan Jansen op 12 maart 2018" + BODY,
        {"title": "Titel", "authors": ("Jan Jansen",), "organisation": None, "year": 2018, "language": "nl"}),
    "a year in the title is what it is about": (
        "E-commerce in 2025" + BODY,
        {"title": "E-commerce in 2025", "authors": None, "organisation": None, "year": None, "language": "nl"}),
    "a year still to come is not when it was written": (
        "Titel\nGepubliceerd op 1 mei 2999" + BODY,
        {"title": "Titel", "authors": None, "organisation": None, "year": None, "language": "nl"}),
    "a date in the body is not the head's": (
        "Titel" + BODY + "Gepubliceerd op 1 mei 2017\n",
        {"title": "Titel", "authors": None, "organisation": None, "year": None, "language": "nl"}),
    "a first line that is a sentence is no title": (
        "Het is 2010." + BODY,
        {"title": None, "authors": None, "organisation": None, "year": None, "language": "nl"}),
    "a byline that names no person": (
        "Titel\nBy the editors\nDoor Youwe" + BODY,
        {"title": "Titel", "authors": None, "organisation": None, "year": None, "language": "nl"}),
    "a role whose 'of' may be part of it: no organisation": (
        "Title\nBy Jane Doe, CEO of Bank of America" + BODY,
        {"title": "Title", "authors": ("Jane Doe",), "organisation": None, "year": None, "language": "nl"}),
    "Italian byline with 'di' and a date line": (
        "Il responsabile e-commerce\ndi Mario Rossi e Giulia Bianchi, fondatori di Slymetrix\nScritto il 5 maggio "
        "2020.\n\nIl responsabile e-commerce è una figura che si occupa della strategia digitale dell'azienda e "
        "deve conoscere il marketing, la tecnologia e la logistica.",
        {"title": "Il responsabile e-commerce", "authors": ("Mario Rossi", "Giulia Bianchi"),
         "organisation": "Slymetrix", "year": 2020, "language": "it"}),
    "too few words to tell the language": (
        "E-commerce manager\n\nSales driven, data driven.",
        {"title": "E-commerce manager", "authors": None, "organisation": None, "year": None, "language": None}),
    "two languages as much as each other": (
        "Title\n\nThe manager and the team are in charge of it. De manager en het team zijn er de baas van.",
        {"title": "Title", "authors": None, "organisation": None, "year": None, "language": None}),
}


@pytest.mark.parametrize("case", list(HEADS))
def test_the_head_rules(case):
    import datetime

    text, expected = HEADS[case]
    head = read_head(text, today=datetime.date(2026, 12, 1))
    found = {name: getattr(head, name).value if getattr(head, name) else None
             for name in ("title", "authors", "organisation", "year")}
    found["language"] = head.language.code if head.language else None
    assert found == expected


# ---- errors, as data ------------------------------------------------------------------------------------

ERRORS = {
    "no such file": (
        ["source", "x", "--article", "articles/nosuch.txt"], None,
        "there is no file articles/nosuch.txt: give the path of the article's text file (check its spelling, or "
        "the folder you run the command in)"),
    "a folder": (
        ["source", "x", "--article", "articles"], None,
        "articles is a folder, not a file: give the path of the article's text file in it"),
    "not UTF-8": (
        ["source", "x", "--article", "articles/latin1.txt"], ("latin1.txt", "Intro\nCafé manager\n".encode("latin-1")),
        "articles/latin1.txt is not UTF-8 text (byte 0xe9 on line 2): save it as plain text with UTF-8 encoding and "
        "run the command again"),
    "a PDF": (
        ["source", "x", "--article", "articles/article.pdf"], ("article.pdf", b"%PDF-1.4\n\x00\x01\x02"),
        "articles/article.pdf is not a text file (it holds NUL bytes, as PDF and Word files do): save the article "
        "as plain text (.txt, UTF-8) and run the command again"),
    "empty": (
        ["source", "x", "--article", "articles/empty.txt"], ("empty.txt", b" \n\n"),
        "articles/empty.txt is empty: save the article's text in it and run the command again"),
    "not a source": (
        ["role", "x", "--article", "articles/nl.txt"], None,
        "--article starts a source from its article: python -m guide new source x --article articles/nl.txt"),
    "a bad id, with a good article": (
        ["source", "Bad Id", "--article", "articles/nl.txt"], None,
        "'Bad Id' is not a valid id: ids use only lowercase letters a-z, digits and single hyphens, for example "
        "'bad-id'"),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_an_article_that_cannot_be_used_is_one_line_and_creates_nothing(project, case):
    arguments, file, message = ERRORS[case]
    if file is not None:
        (project / "articles" / file[0]).write_bytes(file[1])
    before = sorted(project.rglob("*"))
    result = guide("new", *arguments, cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"python -m guide new: {message}\n")
    assert sorted(project.rglob("*")) == before


def test_an_unreadable_article_says_how_to_make_it_readable(project, monkeypatch):
    # the tests run as root in CI, who reads any file: the system's refusal is made here instead
    article = project / "articles" / "nl.txt"
    real_open = Path.open

    def refusing_open(self: Path, *arguments, **keywords):
        if self == article:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *arguments, **keywords)

    monkeypatch.setattr(Path, "open", refusing_open)
    with pytest.raises(ScaffoldError) as refused:
        read_article(article)
    assert str(refused.value) == (f"{article.as_posix()} cannot be read (Permission denied): make it readable "
                                  f"(e.g. chmod u+r {article.as_posix()}) and run the command again")


# ---- the real articles: rules, not pinned values --------------------------------------------------------

def sources_by_seed() -> dict[str, dict]:
    facts = [yaml.safe_load(path.read_text(encoding="utf-8"))
             for path in (REPO / "content" / "facts" / "sources").glob("*.yaml")]
    return {source["seed"]: source for source in facts if source.get("seed")}


def spaced(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.articles
def test_what_is_read_from_each_real_article_is_what_its_text_states(articles, tmp_path):
    paths = sorted(path for folder in articles for path in folder.glob("*.txt"))
    assert paths, f"no article text in {', '.join(folder.as_posix() for folder in articles)}"
    for number, path in enumerate(paths):
        (tmp_path / str(number)).mkdir()
        what_is_read_is_what_the_text_states(path, tmp_path / str(number))


def what_is_read_is_what_the_text_states(path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    head = read_head(text)
    first_line = next(line for line in text.splitlines() if line.strip())
    if head.title is not None:  # the title, where one is found, is the first line as written
        assert head.title.value == first_line.strip()
    else:  # and where none is, the first line is a byline
        assert head.authors is not None and head.authors.line == 1
    for name in head.authors.value if head.authors else ():  # every author found is named in a line of the head
        assert isinstance(name, str) and spaced(name) in spaced(head.authors.text)  # type: ignore[union-attr]
        assert head.authors.line <= 5 and spaced(name) in spaced(text)  # type: ignore[union-attr]
    if head.organisation is not None:
        assert spaced(str(head.organisation.value)) in spaced(head.organisation.text)
    if head.year is not None:
        assert str(head.year.value) in head.year.text
    assert head.language is not None

    # what the editors read in the same article agrees with it
    source = sources_by_seed().get(path.name)
    if source is not None:
        assert head.language.code == source["original_language"]
        if head.title is not None:
            assert head.title.value == source["original_title"]
        found = [spaced(str(name)) for name in head.authors.value] if head.authors else []  # type: ignore[union-attr]
        assert set(found) <= set(source["authors"])
        if head.year is not None:
            assert head.year.value == source["year"]

    # and the command makes of it files that read as YAML, with those values
    shutil.copytree(FIXTURES / "small" / "content", tmp_path / "content")
    result = guide("new", "source", "from-article", "--article", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document, problems = read_yaml(tmp_path / created("from-article")[0], "facts")
    assert problems == [] and document is not None
    assert document.data["seed"] == path.name
    assert document.data["original_language"] == head.language.code
    assert document.data["original_title"] == (spaced(str(head.title.value)) if head.title else "TODO")
