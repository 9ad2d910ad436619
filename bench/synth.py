"""Valid synthetic content for the benchmark: N entities of each kind, in facts/, en/, nl/ and it/.

Deterministic (same N, same files). Sizes follow the real guide: descriptions of a few sentences that
name some glossary terms, roles needing 8 competencies, sources with a summary of ~100 words, debates with
2-3 positions. Relations form trees and chains, so the graph is connected. Every relation cites a claim
whose supports list both of its ends: relation number k of an entity with index i cites a claim of the
source (i + k) mod N (RELATION_OFFSETS), so each source holds the claims of about a dozen relations, plus an
overview claim that debate positions cite.

    python bench/synth.py 100 /tmp/content      # writes /tmp/content/{facts,en,nl,it}/...
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import yaml

from guide.languages import LANGUAGES

Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FOLDERS = {"role": "roles", "competency": "competencies", "concept": "concepts", "source": "sources",
           "debate": "debates"}
_SYLLABLES = ("ka", "lo", "mi", "ve", "ra", "nu", "te", "si", "po", "de",
              "fa", "gu", "ri", "zo", "be", "ta", "no", "le", "su", "vi")
_KIND_OFFSET = {"role": 0, "competency": 1, "concept": 2, "source": 3, "debate": 4}

# Running text in each language; {a} and {b} are names, {t} and {u} glossary terms.
_SENTENCES = {
    "en": ("{a} works closely with the teams that run the online shop and the stores.",
           "It is described in the sources as a key part of how {t} changes day-to-day work.",
           "Most organisations expect measurable results within the first year, tracked with {u}.",
           "The scope differs between small companies and large retailers, and between countries.",
           "{b} is often mentioned together with it when responsibilities are divided.",
           "Budgets, suppliers and agencies are negotiated with finance and with the board."),
    "nl": ("{a} werkt nauw samen met de teams die de webwinkel en de winkels runnen.",
           "In de bronnen wordt het beschreven als een belangrijk deel van hoe {t} het werk verandert.",
           "De meeste organisaties verwachten meetbare resultaten in het eerste jaar, gevolgd met {u}.",
           "De reikwijdte verschilt tussen kleine bedrijven en grote retailers, en tussen landen.",
           "{b} wordt er vaak samen mee genoemd wanneer verantwoordelijkheden worden verdeeld.",
           "Budgetten, leveranciers en bureaus worden besproken met financiën en met de directie."),
    "it": ("{a} lavora a stretto contatto con i team che gestiscono il negozio online e i punti vendita.",
           "Le fonti lo descrivono come una parte chiave di come {t} cambia il lavoro quotidiano.",
           "La maggior parte delle aziende si aspetta risultati misurabili nel primo anno, seguiti con {u}.",
           "Il perimetro cambia tra piccole imprese e grandi retailer, e tra paesi diversi.",
           "{b} viene spesso citato insieme quando si dividono le responsabilità.",
           "Budget, fornitori e agenzie si negoziano con la finanza e con il consiglio."),
}
_NAMES = {  # kind -> language -> name pattern for a pseudo-word
    "role": {"en": "{W} manager", "nl": "{W}-manager", "it": "Responsabile {W}"},
    "competency": {"en": "{W} skills", "nl": "{W}-vaardigheid", "it": "Competenza {W}"},
    "concept": {"en": "{W} model", "nl": "{W}-model", "it": "Modello {W}"},
    "source": {"en": "How {W} retail works", "nl": "Hoe {W}-retail werkt", "it": "Come funziona il retail {W}"},
    "debate": {"en": "Should {W} teams be central?", "nl": "Moeten {W}-teams centraal staan?",
               "it": "I team {W} devono essere centrali?"},
}
_ID_SUFFIX = {"role": "manager", "competency": "skills", "concept": "model", "source": "article",
              "debate": "debate"}


def word(kind: str, index: int) -> str:
    """A unique pseudo-word per (kind, index): 'Kalomi', 'Verasi', ..."""
    number = index * 5 + _KIND_OFFSET[kind]
    syllables = []
    for _ in range(3):
        number, digit = divmod(number, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
    while number:
        number, digit = divmod(number, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
    return "".join(syllables).capitalize()


def entity_id(kind: str, index: int) -> str:
    return f"{word(kind, index).lower()}-{_ID_SUFFIX[kind]}"


def name(kind: str, index: int, language: str) -> str:
    return _NAMES[kind][language].format(W=word(kind, index))


def abbreviation(kind: str, index: int) -> str:
    """An all-capitals alternative name (a glossary abbreviation), unique: 'KLM', 'RVSI'..."""
    letters = "".join(ch for ch in word(kind, index).upper() if ch not in "AEIOU")
    return (("C" if kind == "concept" else "R") + letters)[:8]


def _text(language: str, index: int, sentences: int, n: dict[str, int], kind: str) -> str:
    pool = _SENTENCES[language]
    names = {"a": name(kind, index, language), "b": name(kind, (index + 1) % n[kind], language),
             "t": name("concept", (index * 7 + 3) % n["concept"], language),
             "u": name("concept", (index * 11 + 5) % n["concept"], language)}
    return " ".join(pool[(index + k) % len(pool)].format(**names) for k in range(sentences))


def _distinct(values):
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def _pick(kind: str, count: int, n: dict[str, int], start: int, step: int = 1) -> list[str]:
    return [entity_id(kind, i) for i in _distinct((start + k * step) % n[kind] for k in range(count))]


# Which source's claim a relation cites: the source (index + offset) mod N.
RELATION_OFFSETS = {("role", "need"): 0, ("role", "reports_to"): 8, ("role", "works_with"): 9,
                    ("competency", "part_of"): 10, ("concept", "related_to"): 11, ("concept", "evolves_into"): 12}
POSITION_OFFSET = 13


def _needs(index: int, n: dict[str, int]) -> list[int]:
    return _distinct((index * 8 + j) % n["competency"] for j in range(8))


def _relations_of(kind: str, index: int, n: dict[str, int]) -> list[tuple[str, int, str, str, int]]:
    """(relation type, number, target kind, target id, offset) of every relation an entity's facts hold."""
    if kind == "role":
        found = [("needs", j, "competency", entity_id("competency", c), j) for j, c in enumerate(_needs(index, n))]
        if index > 0:
            found.append(("reports_to", 0, "role", entity_id("role", (index - 1) // 2), 8))
        if (index + 1) % n["role"] != index:
            found.append(("works_with", 0, "role", entity_id("role", (index + 1) % n["role"]), 9))
        return found
    if kind == "competency":
        return [("part_of", 0, "competency", entity_id("competency", (index - 1) // 4), 10)] if index > 0 else []
    if kind == "concept":
        found = [("related_to", 0, "concept", entity_id("concept", index - 1), 11)] if index > 0 else []
        if index % 7 == 0 and (index + 1) % n["concept"] != index:
            found.append(("evolves_into", 0, "concept", entity_id("concept", (index + 1) % n["concept"]), 12))
        return found
    return []


def _claim_id(kind: str, index: int, relation: str, number: int) -> str:
    return f"{kind}-{index}-{relation.replace('_', '-')}-{number}"


def _evidence(kind: str, index: int, relation: str, number: int, offset: int, n: dict[str, int]) -> list[str]:
    source = entity_id("source", (index + offset) % n["source"])
    return [f"{source}/{_claim_id(kind, index, relation, number)}"]


def _cited_claims(source_index: int, n: dict[str, int]) -> list[tuple[str, str, int, str, str, str]]:
    """The relations whose evidence is a claim of this source: (kind, subject id, index, type, number,
    target kind, target id), found by inverting RELATION_OFFSETS (index = source index - offset)."""
    found = []
    for kind in ("role", "competency", "concept"):
        for offset in sorted({offset for (k, _), offset in RELATION_OFFSETS.items() if k == kind} | (
                set(range(8)) if kind == "role" else set())):
            index = (source_index - offset) % n[kind]
            for relation, number, target_kind, target, relation_offset in _relations_of(kind, index, n):
                if relation_offset == offset and (kind, index, relation, number) not in {f[:4] for f in found}:
                    found.append((kind, index, relation, number, target_kind, target))
    return found


@functools.cache
def _concept_numbers(count: int) -> dict[str, int]:
    """The index of each concept, by its id."""
    return {entity_id("concept", number): number for number in range(count)}


def entity_files(kind: str, index: int, n: dict[str, int]) -> dict[str, dict]:
    """The four files of one entity: area ('facts', 'en', ...) -> data."""
    own = entity_id(kind, index)
    facts: dict = {"id": own}
    texts = {}
    for language in LANGUAGES:
        alternatives = [abbreviation(kind, index)] if kind in ("role", "concept") and index % 5 == 0 else []
        texts[language] = {"id": own, "name": name(kind, index, language), "alternative_names": alternatives,
                           "description": _text(language, index, 3, n, kind)}
    relations = _relations_of(kind, index, n)
    if kind == "role":
        facts["needs"] = [{"competency": target, "level": "essential" if number < 5 else "optional",
                           "evidence": _evidence(kind, index, relation, number, offset, n)}
                          for relation, number, _, target, offset in relations if relation == "needs"]
        facts["relations"] = [{"type": relation, "role": target,
                               "evidence": _evidence(kind, index, relation, number, offset, n)}
                              for relation, number, _, target, offset in relations if relation != "needs"]
        if index % 3 == 0:
            facts["mappings"] = {"isco08": "1221", "onet_soc": "11-2021.00"}
    elif kind == "competency":
        facts["type"] = ("trait", "skill", "knowledge")[index % 3]
        for relation, number, _, target, offset in relations:
            facts["part_of"] = {"competency": target, "evidence": _evidence(kind, index, relation, number, offset, n)}
    elif kind == "concept":
        facts["relations"] = [{"type": relation, "concept": target,
                               "evidence": _evidence(kind, index, relation, number, offset, n)}
                              for relation, number, _, target, offset in relations]
    elif kind == "source":
        original = LANGUAGES[index % 3]
        discusses = {"roles": _pick("role", 3, n, index), "competencies": _pick("competency", 3, n, index * 3),
                     "concepts": _pick("concept", 2, n, index)}
        numbers = _concept_numbers(n["concept"])

        def naming(quote: str, concepts: list[str]) -> str:
            """A quote that supports glossary terms names them, as guide check asks."""
            return quote + "".join(f" {name('concept', numbers[concept], original)}." for concept in concepts)

        claims = [{"id": "overview", "quote": naming(_text(original, index, 1, n, "source"), discusses["concepts"]),
                   "supports": {folder: list(ids) for folder, ids in discusses.items()}}]
        for subject_kind, subject, relation, number, target_kind, target in _cited_claims(index, n):
            supports: dict[str, list[str]] = {"roles": [], "competencies": [], "concepts": []}
            supports[FOLDERS[subject_kind]].append(entity_id(subject_kind, subject))
            supports[FOLDERS[target_kind]].append(target)
            claims.append({"id": _claim_id(subject_kind, subject, relation, number),
                           "quote": naming(_text(original, index + len(claims), 1, n, "source"),
                                           supports["concepts"]),
                           "supports": {folder: ids for folder, ids in supports.items() if ids}})
        claim_ids = [claim["id"] for claim in claims]
        facts.update({
            "original_language": original, "original_title": name("source", index, original),
            "authors": [f"Author {word('role', index)}"], "organisation": None if index % 2 else "Example BV",
            "author_kind": ("agency", "vendor", "practitioner", "not-stated")[index % 4],
            "year": 2015 + index % 10, "url": f"https://example.org/articles/{own}", "seed": None,
            "why_no_seed": "made up by the benchmark: there is no article",
            "edition_of": None, "discusses": discusses, "claims": claims,
        })
        for language in LANGUAGES:
            text = {"id": own, "title": name("source", index, language),
                    "summary": _text(language, index, 6, n, "source") + " " + _text(language, index + 3, 2, n, "role"),
                    "claims": {claim_id: _text(language, index + k, 1, n, "competency")
                               for k, claim_id in enumerate(claim_ids)}}
            if index % 2 == 0:
                text["sections"] = [{"heading": name("concept", index % n["concept"], language),
                                     "points": [_text(language, index + k, 1, n, "role") for k in range(3)]}]
            texts[language] = text
    elif kind == "debate":
        positions = [f"position-{k + 1}" for k in range(2 + index % 2)]
        cited = [entity_id("source", (index + POSITION_OFFSET + k) % n["source"]) for k in range(len(positions))]
        facts["positions"] = [{"id": p, "holds": [f"{source}/overview"]} for p, source in zip(positions, cited,
                                                                                                  strict=True)]
        for language in LANGUAGES:
            texts[language]["positions"] = {p: _text(language, index + k, 2, n, "debate")
                                            for k, p in enumerate(positions)}
            texts[language].pop("alternative_names")
    return {"facts": facts, **texts}


def generate(content_dir: Path, per_kind: int) -> int:
    """Write per_kind entities of each kind under content_dir; return the number of files written."""
    n = {kind: per_kind for kind in FOLDERS}
    written = 0
    for kind, folder in FOLDERS.items():
        for area in ("facts", *LANGUAGES):
            (content_dir / area / folder).mkdir(parents=True, exist_ok=True)
        for index in range(per_kind):
            own = entity_id(kind, index)
            for area, data in entity_files(kind, index, n).items():
                text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100,
                                 default_flow_style=False)
                (content_dir / area / folder / f"{own}.yaml").write_text(text, encoding="utf-8")
                written += 1
    return written


if __name__ == "__main__":
    print(generate(Path(sys.argv[2]), int(sys.argv[1])), "files")
