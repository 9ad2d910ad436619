"""README's worked example works as written: its YAML, its error message, its result on the site."""
from __future__ import annotations

import re
import shutil

from conftest import REPO
from guide.content.graph import build_graph
from guide.content.loading import load_content
from guide.content.problems import ContentProblems
from guide.site import render_site


def worked_example() -> tuple[list[str], str]:
    """README's worked example: its YAML blocks, and the error message it shows."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme[readme.index("### Worked example"):]
    found = re.search(r"```\n\s*(content/.*?)\n", example)
    assert found, "the worked example shows no error message"
    return re.findall(r"```yaml\n(.*?)```", example, re.S), found.group(1).strip()


def apply_worked_example(content, competency_id="business-planning"):
    blocks, _ = worked_example()
    facts, english, claim, need = (re.sub(r"^   ", "", block, flags=re.M) for block in blocks[:4])
    (content / "facts/competencies/business-planning.yaml").write_text(facts, encoding="utf-8")
    (content / "en/competencies/business-planning.yaml").write_text(english, encoding="utf-8")
    for language, name in (("nl", "Businessplanning"), ("it", "Pianificazione aziendale")):
        (content / f"{language}/competencies/business-planning.yaml").write_text(
            english.replace("name: Business planning", f"name: {name}"), encoding="utf-8")
    source = content / "facts/sources/what-is-a-good-e-commerce-manager.yaml"
    text = source.read_text(encoding="utf-8")
    claim_id = re.search(r"- id: (\S+)", claim).group(1)
    start = text.index(f"  - id: {claim_id}\n")
    end = text.index("  - id: ", start + 1)
    source.write_text(text[:start] + claim + text[end:], encoding="utf-8")
    role = content / "facts/roles/e-commerce-manager.yaml"
    text = role.read_text(encoding="utf-8")
    need = need.replace("competency: business-planning", f"competency: {competency_id}")
    role.write_text(text.replace("needs:\n", "needs:\n" + need, 1), encoding="utf-8")


def test_the_worked_example_adds_the_competency_to_the_role_in_every_language(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    apply_worked_example(content)
    site = render_site(build_graph(load_content(content, tmp_path)), "http://127.0.0.1:8000/")
    for language, name in (("en", "Business planning"), ("nl", "Businessplanning"),
                           ("it", "Pianificazione aziendale")):
        role = site[f"{language}/roles/e-commerce-manager.md"]
        skills = role.split("\n### ")[2].split("\n## ")[0]  # traits, skills, knowledge
        line = next(line for line in skills.splitlines() if "(../competencies/business-planning.md)" in line)
        assert line.startswith(f"- [{name}](../competencies/business-planning.md) <small>"), language
        assert re.search(r"<small>[^<]+ · 1 [^<]+</small>", line) and "optional" not in line, line
        assert "(../sources/what-is-a-good-e-commerce-manager.md#claim-in-charge-of-online-branding)" in line
        competency = site[f"{language}/competencies/business-planning.md"]
        assert "[" in competency and "(../roles/e-commerce-manager.md)" in competency


def test_the_worked_examples_error_message_is_the_one_an_editor_gets(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    apply_worked_example(content, competency_id="busines-planning")
    try:
        build_graph(load_content(content, tmp_path))
    except ContentProblems as problems:
        assert [problem.format(with_col=True) for problem in problems.problems] == [worked_example()[1]]
    else:
        raise AssertionError("the typo was not reported")
