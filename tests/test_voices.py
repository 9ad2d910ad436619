"""The guide counts voices, not files, and says what each does with a debate's position. Articles that share
their text (two editions of one article, or one that reuses another's wording) are one voice wherever the guide
counts articles (on the golden fixture: handbook and handbook-nl are editions of one article; here retail-notes
is made to reuse handbook's text); a voice holds, reports or rejects a position."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from guide.content.articles import article_folders
from guide.content.graph import build_graph
from guide.content.loading import load_content
from guide.content.problems import ContentProblems
from guide.site import render_site

GOLDEN = FIXTURES / "golden"


def golden_copy(tmp_path: Path, reuses: str | None) -> Path:
    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    if reuses is not None:
        facts = content / "facts" / "sources" / "retail-notes.yaml"
        text = facts.read_text(encoding="utf-8")
        facts.write_text(text.replace("seed: retail-notes.txt\n", f"seed: retail-notes.txt\nreuses: [{reuses}]\n"),
                         encoding="utf-8")
    return content


def graph_of(content: Path):
    return build_graph(load_content(content, articles=article_folders(GOLDEN, ["articles"], environ={})))


def test_sources_that_share_their_text_are_one_voice(tmp_path):
    apart = graph_of(golden_copy(tmp_path / "apart", None))
    sources = apart.of_kind("source")
    assert apart.voices(sources) == 2  # the two editions of the handbook, and the retail notes
    together = graph_of(golden_copy(tmp_path / "together", "handbook-nl"))  # reusing an edition joins the work
    assert together.voices(together.of_kind("source")) == 1
    assert {together.voice_of(source).id for source in together.of_kind("source")} == {"handbook"}
    [reuse] = [r for r in together.relations if r.type == "reuses"]
    assert (reuse.subject.id, reuse.target.id) == ("retail-notes", "handbook-nl")


def counts_shown(pages: dict[str, str]) -> list[str]:
    return sorted(re.findall(r"\d+ voices?", "".join(text for path, text in pages.items()
                                                                  if path.startswith("en/"))))


def test_every_count_a_reader_sees_counts_voices(tmp_path):
    apart = render_site(graph_of(golden_copy(tmp_path / "apart", None)), "http://127.0.0.1:8000/")
    together = render_site(graph_of(golden_copy(tmp_path / "together", "handbook")), "http://127.0.0.1:8000/")
    assert "2 voices" in "".join(counts_shown(apart))
    assert counts_shown(together) and all(count == "1 voice" for count in counts_shown(together))
    export = json.loads(together["en/graph.json"])
    assert export["version"] == 3
    voices = {entity["id"]: (entity["voice"], entity.get("reuses", [])) for entity in export["entities"]
              if entity["kind"] == "source"}
    assert voices == {"handbook": ("handbook", []), "handbook-nl": ("handbook", []),
                      "retail-notes": ("handbook", ["handbook"])}
    assert {"subject": "source:retail-notes", "type": "reuses", "target": "source:handbook",
            "sources": ["retail-notes"], "evidence": []} in export["relations"]


@pytest.mark.parametrize(("reuses", "message"), [
    ("handbok", "content/facts/sources/retail-notes.yaml:10:10: unknown source 'handbok' (did you mean 'handbook'?): "
                "use the id of a file in content/facts/sources/, or add that source"),
    ("retail-notes", "content/facts/sources/retail-notes.yaml:10:10: a source cannot reuse its own text: name another "
                     "source here, or remove this id"),
])
def test_a_source_reuses_another_source(tmp_path, reuses, message):
    content = golden_copy(tmp_path, reuses)
    with pytest.raises(ContentProblems) as raised:
        graph_of(content)
    assert [problem.format(with_col=True) for problem in raised.value.problems] == [message]


def test_a_position_shows_who_holds_it_who_only_reports_it_and_who_rejects_it(tmp_path):
    content = golden_copy(tmp_path, None)
    debate = content / "facts" / "debates" / "who-leads-the-web-shop.yaml"
    text = debate.read_text(encoding="utf-8")
    debate.write_text(text.replace("    holds: [retail-notes/marketing-leads]",
                                   "    reports: [retail-notes/marketing-leads]\n"
                                   "    rejects: [handbook/manager-leads-the-shop]"), encoding="utf-8")
    pages = render_site(graph_of(content), "http://127.0.0.1:8000/")
    page = pages["en/debates/who-leads-the-web-shop.md"]
    positions = re.split(r"^\d+\. ", page.split("\n## Positions\n", 1)[1].split("\n## ", 1)[0], flags=re.M)[1:]
    assert [re.findall(r'<span class="guide-about">(.*?)</span>', item) for item in positions] == [
        ["Held by 1 voice: 2020 · Ann Smith, Shop Academy · an agency (one voice in 2 articles: "
         "sources 1, 2)"],
        ["Reported by 1 voice: not dated · background not stated",
         "Rejected by 1 voice: 2020 · Ann Smith, Shop Academy · an agency"]]
    overview = pages["en/debates/index.md"]
    assert "(reported by 1 voice; rejected by 1 voice)" in overview
    export = json.loads(pages["en/graph.json"])
    [marketing] = [position for entity in export["entities"] if entity["kind"] == "debate"
                   for position in entity["positions"] if position["id"] == "marketing"]
    assert {stance: marketing[stance] for stance in ("holds", "reports", "rejects")} == {
        "holds": [], "reports": ["retail-notes"], "rejects": ["handbook"]}
    assert [item["stance"] for item in marketing["evidence"]] == ["reports", "rejects"]
