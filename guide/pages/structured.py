"""Machine-readable views of the graph: JSON-LD per page (schema.org) and a JSON export per language."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..content.graph import Citation, Entity, Graph
from ..content.model import STANCES

EXPORT_FORMAT = "guide-knowledge-graph"
EXPORT_VERSION = 3

UrlOf = Callable[[Entity], str]


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to place inside <script>: no '<', '>' or '&' that could end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def entity_jsonld(graph: Graph, entity: Entity, language: str, url_of: UrlOf, set_names: dict[str, str],
                  set_urls: dict[str, str], description: str) -> dict[str, Any]:
    """schema.org data of an entity's page; description: the page's own, short one (the full text is on the
    page: repeating it here made long pages longer still)."""
    text = entity.text(language)
    base = {"@context": "https://schema.org", "url": url_of(entity), "name": entity.name(language)}
    if entity.kind == "role":
        needs = graph.relations_from(entity, "needs")
        data: dict[str, Any] = {**base, "@type": "Occupation", "description": description,
                "skills": [r.target.name(language) for r in needs]}
        if text.alternative_names:
            data["alternateName"] = list(text.alternative_names)
        mappings = entity.facts.mappings
        if mappings:
            codes = [("ISCO-08", mappings.isco08), ("O*NET-SOC", mappings.onet_soc)]
            categories = [{"@type": "CategoryCode", "codeValue": code,
                           "inCodeSet": {"@type": "CategoryCodeSet", "name": name}} for name, code in codes if code]
            if categories:
                data["occupationalCategory"] = categories
            if mappings.esco:
                data["sameAs"] = mappings.esco
        return data
    if entity.kind in ("competency", "concept"):
        return {"@context": "https://schema.org", **_defined_term(entity, language, url_of, set_names, set_urls),
                "description": description}
    if entity.kind == "source":
        facts = entity.facts
        original = {"@type": "Article", "name": facts.original_title, "inLanguage": facts.original_language,
                    "author": [{"@type": "Person", "name": name} for name in facts.authors]}
        if facts.organisation:
            original["publisher"] = {"@type": "Organization", "name": facts.organisation}
        if isinstance(facts.year, int):
            original["datePublished"] = str(facts.year)
        if facts.url:
            original["url"] = facts.url
        # the quotes are on the page and in graph.json: repeating every one here doubled a source page's weight
        return {**base, "@type": "Article", "headline": text.title, "inLanguage": language,
                "description": description, "isBasedOn": original}
    # debate
    return {**base, "@type": "Question", "text": description,
            "suggestedAnswer": [{"@type": "Answer", "text": text.positions[p.id]} for p in entity.facts.positions]}


def _defined_term(entity: Entity, language: str, url_of: UrlOf, set_names: dict[str, str],
                  set_urls: dict[str, str]) -> dict[str, Any]:
    return {"@type": "DefinedTerm", "name": entity.name(language), "url": url_of(entity), "termCode": entity.id,
            "inDefinedTermSet": {"@type": "DefinedTermSet", "name": set_names[entity.kind],
                                 "url": set_urls[entity.kind]}}


def export_graph(graph: Graph, language: str, url_of: UrlOf) -> dict[str, Any]:
    """The whole knowledge graph in one language: the format README.md documents."""
    entities = []
    for kind, by_id in graph.entities.items():
        for entity in by_id.values():
            text = entity.text(language).model_dump(exclude={"id"})
            facts = entity.facts.model_dump(exclude={"id", "needs", "relations", "part_of", "positions",
                                                     "discusses"}, exclude_none=True)
            if kind == "source":
                facts["voice"] = graph.voice_of(entity).id  # the source its voice is counted under
                claim_texts = text.pop("claims")
                facts["claims"] = [{"id": c["id"], "quote": c["quote"], "text": claim_texts[c["id"]]}
                                   for c in facts["claims"]]
            if kind == "debate":
                position_texts = text.pop("positions")
                text["positions"] = []
                for position in entity.facts.positions:
                    cited = graph.relations_from(entity, f"position:{position.id}")
                    evidence = [c for r in cited for c in r.evidence]
                    text["positions"].append({
                        "id": position.id, "text": position_texts[position.id],
                        "sources": [s.id for s in _sources_of(evidence)],
                        "evidence": [{**_evidence(c), "stance": r.stance} for r in cited for c in r.evidence],
                        **{stance: [s.id for s in _sources_of([c for r in cited if r.stance == stance
                                                                for c in r.evidence])] for stance in STANCES}})
            entities.append({"kind": kind, "id": entity.id, "url": url_of(entity), **text, **facts})
    relations = [{"subject": _ref(r.subject), "type": r.type, "target": _ref(r.target),
                  **({"level": r.level} if r.level else {}), **({"criticised": True} if r.criticised else {}),
                  "sources": [s.id for s in r.sources], "evidence": [_evidence(c) for c in r.evidence]}
                 for r in graph.relations if not r.type.startswith("position:")]
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "language": language,
            "entities": entities, "relations": relations}


def _ref(entity: Entity) -> str:
    return f"{entity.kind}:{entity.id}"


def _evidence(citation: Citation) -> dict[str, str]:
    return {"source": citation.source.id, "claim": citation.claim.id, "quote": citation.claim.quote}


def _sources_of(evidence: list[Citation]) -> list[Entity]:
    return list({citation.source.key: citation.source for citation in evidence}.values())


def claims_json(source: Entity, language: str) -> dict[str, Any]:
    """A source's claims for the evidence popups of the pages that cite it: each claim's quote (in the
    article's language) and its text in this language."""
    text = source.text(language)
    return {"title": text.title, "language": source.facts.original_language,
            "claims": {claim.id: {"quote": claim.quote, "text": text.claims[claim.id]}
                       for claim in source.facts.claims}}
