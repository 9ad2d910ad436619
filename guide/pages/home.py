"""The landing page: its first screen answers the guide's question in the reader's language (what the role
the guide is about is, the competencies the articles agree on most, the open question about it), each
with its evidence; then the ways in. Everything it says comes from the content."""
from __future__ import annotations

from typing import Any

from ..content.graph import Entity
from ..content.model import KINDS
from .compare import COMPARE_FOLDER, compare_links
from .entities import AGREED, AGREED_SHOWN, positions
from .labels import label
from .links import Link, page_path
from .planning import OVERVIEW_ORDER, PlannedPage, Planner, leading_sentences, short_description
from .views import EVOLUTION_PAGE, MATRIX_PAGE

HOME = "index.md"
LEAD_LENGTH = (120, 260)  # the landing page answers in the subject's first sentences: this many characters, as
# far as whole sentences allow (a phone's first screen must hold the answer, what voices agree on and the question)


def home_page(p: Planner, pairs: list[tuple[Entity, Entity]]) -> PlannedPage:
    cite = p.citations(HOME)
    graph = p.graph
    subject, question = graph.subject, graph.open_question
    answer: dict[str, Any] = {}
    if subject is not None:
        needs = p.ranked(graph.relations_from(subject, "needs"), "target")  # the same items in every language
        agreed = [p.cited(cite, r.target, r) for r in needs if p.articles(r) >= AGREED]
        answer = {"role": p.link(HOME, subject), "name": p.name(subject),
                  "lead": leading_sentences(subject.text(p.language).description, *LEAD_LENGTH),
                  "markers": cite(subject.evidence),
                  "agreed": agreed[:AGREED_SHOWN], "agreed_more": len(agreed) - len(agreed[:AGREED_SHOWN]),
                  "compare": compare_links(p, HOME, subject, pairs)}
    open_question = None
    if question is not None:
        open_question = {"link": p.link(HOME, question),
                         "positions": [{**position, "text": leading_sentences(position["text"], 1)}
                                       for position in positions(p, cite, question)]}
    ways = [(kind, Link(label(f"plural_{kind}", p.language), page_path(KINDS[kind].folder)), len(graph.entities[kind]))
            for kind in OVERVIEW_ORDER]
    views = {"matrix": MATRIX_PAGE, "evolution": EVOLUTION_PAGE, "compare": page_path(COMPARE_FOLDER),
             "status": "status/index.md", "export": "graph.json"}
    intro = label("site_intro", p.language)
    description = short_description(answer.get("lead") or intro)
    jsonld = {"@context": "https://schema.org", "@type": "WebSite", "url": p.url(HOME), "inLanguage": p.language,
              "name": label("home_title", p.language), "description": short_description(intro)}
    return PlannedPage(HOME, "home.md.j2", description, {
        "answer": answer, "question": open_question, "ways": ways, "views": views, "intro": intro,
        "references": p.references(cite)}, jsonld)
