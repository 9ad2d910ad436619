"""An editor adds a sixth article by following CONTRIBUTING ("Add a source article") on a copy of the real
project, with a small article written here and placed under GUIDE_ARTICLES: `guide check --articles-required`
and the strict build pass, and then the whole suite passes on that copy, no file under tests/ touched.

This is the guarantee that the tests check rules, not today's content: the article adds a source, a claim
for a need the manager already has, a new competency the manager needs, and evidence for a debate position,
each of which changes counts, lists and pages that a test pinning the content would assert.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_mkdocs

SOURCE = "the-e-commerce-manager-of-tomorrow"
COMPETENCY = "marketplace-management"
ARTICLE = """The e-commerce manager of tomorrow

By Anna Verdi, consultant at Example Consulting

12 March 2024

The e-commerce manager of tomorrow is data driven above all: every choice starts from what the figures say.

Marketplace management is the new core task of the e-commerce manager: selling on the big marketplaces asks
for its own plans, its own prices and its own stock.

In some companies the role is no longer needed, because the CMO is already responsible for the online
business as a whole.
"""
CLAIMS = [
    {"id": "data-driven-above-all",
     "quote": "The e-commerce manager of tomorrow is data driven above all",
     "supports": {"roles": ["e-commerce-manager"], "competencies": ["data-driven"]}},
    {"id": "marketplaces-are-the-new-core-task",
     "quote": "Marketplace management is the new core task of the e-commerce manager",
     "supports": {"roles": ["e-commerce-manager"], "competencies": [COMPETENCY]}},
    {"id": "the-cmo-is-already-responsible",
     "quote": "In some companies the role is no longer needed, because the CMO is already responsible for the "
              "online business as a whole.",
     "supports": {"roles": ["e-commerce-manager", "cmo"]}},
]
TEXTS = {
    "en": {"title": "The e-commerce manager of tomorrow",
           "summary": "A short article by a consultant on what the e-commerce manager of tomorrow does. It says "
                      "first that the manager is data-driven above all, every choice starting from what the "
                      "figures say. It then names marketplace management as the new core task of the role: "
                      "selling on the big marketplaces asks for plans, prices and stock of its own. It ends "
                      "with the companies that no longer need the role, because their CMO is already "
                      "responsible for the online business as a whole. It gives no sources for its views and "
                      "argues from its author's practice.",
           "claims": ["The e-commerce manager of tomorrow is data-driven above all.",
                      "Managing the marketplaces is the new core task of the e-commerce manager.",
                      "Some companies no longer need the role: their CMO already answers for the online "
                      "business."],
           "competency": ("Marketplace management", "Selling through the large online marketplaces, with plans, "
                          "prices and stock of their own.")},
    "nl": {"title": "De e-commercemanager van morgen",
           "summary": "Een kort artikel van een adviseur over wat de e-commercemanager van morgen doet. Eerst "
                      "zegt het dat de manager vooral datagedreven is: elke keuze begint bij wat de cijfers "
                      "zeggen. Daarna noemt het het beheer van marktplaatsen de nieuwe kerntaak van de rol: "
                      "verkopen op de grote marktplaatsen vraagt om eigen plannen, prijzen en voorraad. Het "
                      "sluit af met de bedrijven die de rol niet meer nodig hebben, omdat hun CMO al "
                      "verantwoordelijk is voor het hele online bedrijf. Het noemt geen bronnen en redeneert "
                      "vanuit de praktijk van de auteur.",
           "claims": ["De e-commercemanager van morgen is vooral datagedreven.",
                      "Het beheer van marktplaatsen is de nieuwe kerntaak van de e-commercemanager.",
                      "Sommige bedrijven hebben de rol niet meer nodig: hun CMO is al verantwoordelijk voor "
                      "het online bedrijf."],
           "competency": ("Beheer van marktplaatsen", "Verkopen via de grote online marktplaatsen, met eigen "
                          "plannen, prijzen en voorraad.")},
    "it": {"title": "L'e-commerce manager di domani",
           "summary": "Un breve articolo di un consulente su che cosa fa l'e-commerce manager di domani. Prima "
                      "dice che il manager è soprattutto guidato dai dati: ogni scelta parte da ciò che dicono "
                      "i numeri. Poi indica la gestione dei marketplace come il nuovo compito centrale del "
                      "ruolo: vendere sui grandi marketplace richiede piani, prezzi e scorte propri. Chiude "
                      "con le aziende che non hanno più bisogno del ruolo, perché il loro CMO è già "
                      "responsabile di tutto il business online. Non cita fonti e ragiona a partire dalla "
                      "pratica dell'autore.",
           "claims": ["L'e-commerce manager di domani è soprattutto guidato dai dati.",
                      "La gestione dei marketplace è il nuovo compito centrale dell'e-commerce manager.",
                      "Alcune aziende non hanno più bisogno del ruolo: il loro CMO è già responsabile del "
                      "business online."],
           "competency": ("Gestione dei marketplace", "Vendere attraverso i grandi marketplace online, con "
                          "piani, prezzi e scorte propri.")},
}
FIXTURE_ONLY = ("test_articles.py", "test_bad_input.py", "test_bench.py", "test_check_cache.py", "test_demotion.py",
                "test_external_links.py", "test_layers.py", "test_properties.py", "test_serve.py",
                "test_stack_contract.py", "test_voices.py")
"""Test files that read only fixtures, the code and the tooling, never content/ nor the real articles: an added
article cannot change what they see, so the copy's suite leaves them out (they run in this suite; doubling them
would only double CI's time). A test below holds each of them to that."""
READS_THE_GUIDE = re.compile(r'REPO / "content"|\bCONTENT\b|\bguide_site\b|\bguide_graph\b|\bSEEDS\b|'
                             r'\bARTICLE_FOLDERS\b|def test_\w+\([^)]*\barticles\b')
"""What a test that reads the real content or articles uses: the content folder, the guide's built site or
graph, the articles' folders or the `articles` fixture."""
COPIED_AROUND = (".git", ".venv", ".cache", "site", "node_modules", "__pycache__", ".pytest_cache")


def copy_project(destination: Path) -> Path:
    """The project as it is checked out (committed or not), without what is installed or built; the
    installed tools are shared."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for relative in filter(None, listed):
        if (REPO / relative).is_file() and not set(Path(relative).parts) & set(COPIED_AROUND):
            (destination / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / relative, destination / relative)
    (destination / ".venv").symlink_to(REPO / ".venv")
    (destination / "tests" / "node" / "node_modules").symlink_to(REPO / "tests" / "node" / "node_modules")
    subprocess.run(["git", "init", "-q"], cwd=destination, check=True)  # the status pages read git dates
    return destination


def guide(project: Path, environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide", *arguments], cwd=project, capture_output=True,
                          text=True, timeout=300, env=environment)


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def follow_contributing(project: Path, article: Path, environment: dict[str, str]) -> None:
    """CONTRIBUTING's steps, done as an editor does them."""
    content = project / "content"
    # step 2: start the source from the article
    started = guide(project, environment, "new", "source", SOURCE, "--article", str(article))
    assert started.returncode == 0, started.stderr
    facts = read(content / "facts" / "sources" / f"{SOURCE}.yaml")
    assert (facts["seed"], facts["original_language"], facts["original_title"], facts["authors"],
            facts["organisation"], facts["year"]) == (article.name, "en", "The e-commerce manager of tomorrow",
                                                      ["Anna Verdi"], "Example Consulting", 2024)
    # steps 3 and 4: the facts and the claims
    facts.update({"author_kind": "agency", "claims": CLAIMS,
                  "discusses": {"roles": ["e-commerce-manager", "cmo"],
                                "competencies": ["data-driven", COMPETENCY], "concepts": []}})
    write(content / "facts" / "sources" / f"{SOURCE}.yaml", facts)
    # step 5: the texts
    for language, text in TEXTS.items():
        path = content / language / "sources" / f"{SOURCE}.yaml"
        data = read(path)
        data.update({"title": text["title"], "summary": text["summary"], "sections": [],
                     "claims": {claim["id"]: said for claim, said in zip(CLAIMS, text["claims"], strict=True)}})
        write(path, data)
    # step 6: link it from the guide: a new competency, two needs, a debate position
    made = guide(project, environment, "new", "competency", COMPETENCY)
    assert made.returncode == 0, made.stderr
    write(content / "facts" / "competencies" / f"{COMPETENCY}.yaml", {"id": COMPETENCY, "type": "skill"})
    for language, text in TEXTS.items():
        name, description = text["competency"]
        write(content / language / "competencies" / f"{COMPETENCY}.yaml",
              {"id": COMPETENCY, "name": name, "alternative_names": [], "description": description})
    # in the files the guide has, the editor adds lines and changes nothing else
    role = content / "facts" / "roles" / "e-commerce-manager.yaml"
    lines = role.read_text(encoding="utf-8").splitlines(keepends=True)
    need = lines.index("  - competency: data-driven\n")
    last = next(index for index in range(need + 3, len(lines)) if not lines[index + 1].startswith("      - "))
    lines.insert(last + 1, f"      - {SOURCE}/data-driven-above-all\n")  # after the claim that decides the level
    relations = lines.index("relations:\n")
    lines[relations:relations] = [f"  - competency: {COMPETENCY}\n", "    level: essential\n",  # "the new core task"
                                  f"    evidence: [{SOURCE}/marketplaces-are-the-new-core-task]\n"]
    role.write_text("".join(lines), encoding="utf-8")
    debate = content / "facts" / "debates" / "does-the-role-disappear.yaml"
    lines = debate.read_text(encoding="utf-8").splitlines(keepends=True)
    position = lines.index("  - id: some-companies-are-already-beyond-it\n")
    assert lines[position + 1] == "    holds:\n", "the position's holders are no longer listed first"
    lines.insert(position + 2, f"      - {SOURCE}/the-cmo-is-already-responsible\n")  # the article states it
    debate.write_text("".join(lines), encoding="utf-8")

@pytest.mark.articles
def test_an_article_added_by_following_contributing_passes_the_check_the_build_and_the_whole_suite(
        articles, tmp_path):
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "tomorrow.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1",
                   "GUIDE_ARTICLES": os.pathsep.join([*map(str, articles), str(folder)])}
    imported = subprocess.run([sys.executable, "-c", "import guide; print(guide.__file__)"], cwd=project,
                              capture_output=True, text=True, env=environment, check=True).stdout
    assert Path(imported.strip()).is_relative_to(project), "the copy's tests would run the project's own code"
    follow_contributing(project, article, environment)

    checked = guide(project, environment, "check", "--articles-required", "--no-cache")
    assert checked.returncode == 0, checked.stderr
    assert "the quotes of 6 sources checked against their articles" in checked.stdout

    built = run_mkdocs(project, "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert (project / "site" / "competencies" / COMPETENCY / "index.html").is_file()

    left_out = [f"--ignore=tests/{name}" for name in (Path(__file__).name, *FIXTURE_ONLY)]
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *left_out],
        cwd=project, capture_output=True, text=True, timeout=1800, env=environment)
    assert suite.returncode == 0, suite.stdout[-6000:] + suite.stderr[-2000:]
    assert " passed" in suite.stdout and " skipped" not in suite.stdout


def test_the_files_the_copys_suite_leaves_out_read_no_real_content():
    here = Path(__file__).parent
    reading = [name for name in FIXTURE_ONLY if READS_THE_GUIDE.search((here / name).read_text(encoding="utf-8"))]
    assert reading == [], f"these read the real content or articles: the copy's suite must run them: {reading}"
    assert READS_THE_GUIDE.search((here / "test_pages.py").read_text(encoding="utf-8"))  # the pattern finds them
