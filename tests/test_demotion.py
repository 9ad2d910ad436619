"""A demotion is not an evolution: a role the article would downgrade ("if not capable enough") is shown as
downgraded, on both roles' pages and in the article's evolution diagram (on a copy of the golden fixture)."""
from __future__ import annotations

import re
import shutil

from conftest import FIXTURES
from guide.content.articles import article_folders
from guide.content.graph import build_graph
from guide.content.loading import load_content
from guide.site import render_site

GOLDEN = FIXTURES / "golden"


def test_a_demotion_is_shown_as_one_and_never_as_an_evolution(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    role = content / "facts" / "roles" / "shop-manager.yaml"
    role.write_text(role.read_text(encoding="utf-8").replace("  - type: evolves_into\n    role: digital-lead",
                                                             "  - type: demoted_to\n    role: digital-lead"),
                    encoding="utf-8")
    graph = build_graph(load_content(content, articles=article_folders(GOLDEN, ["articles"], environ={})))
    pages = render_site(graph, "http://127.0.0.1:8000/")
    manager, lead = pages["en/roles/shop-manager.md"], pages["en/roles/digital-lead.md"]
    assert "*Downgraded to \\(if not capable enough\\):* [Digital lead](digital-lead.md)" in manager
    assert "Evolves into" not in manager and "Evolved from" not in lead
    assert "A downgrade for \\(if not capable enough\\)" in lead
    assert "*Retrocesso a \\(se non ritenuto all'altezza\\):*" in pages["it/roles/shop-manager.md"]
    [drawing] = [svg for svg in re.findall(r'<svg class="guide-diagram".*?</svg>', pages["en/evolution/index.md"], re.S)
                 if "Digital lead" in svg]
    roles_lane = drawing.split(">Roles</text>", 1)[1]
    assert '<polyline class="demoted_to"' in roles_lane and "downgraded to (if not capable enough)" in roles_lane
    assert 'class="evolves_into"' not in roles_lane
