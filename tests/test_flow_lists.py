"""A name with a comma in a [...] list (guide/content/flowlists.py): YAML splits the list at the comma without a
word; `check` says where, and how to keep the name whole. Cases and their exact messages are data."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from guide.content.yamlfile import parse_yaml

ROLE = "content/en/roles/x.yaml"

HINTS = {
    "the issue's example": (
        "alternative_names: [Store structure, navigation and product data]",
        ["content/en/roles/x.yaml:3:21: this list gives 'Store structure' and 'navigation and product data' as two "
         "names, as YAML splits a [...] list at every comma; if they are two names, quote them: [\"Store "
         "structure\", \"navigation and product data\"]; if 'Store structure, navigation and product data' is one "
         "name, quote it: [\"Store structure, navigation and product data\"]"]),
    "among other names": (
        "alternative_names: [Web analytics, A/B and multivariate testing, funnel optimisation]",
        ["content/en/roles/x.yaml:3:36: this list gives 'A/B and multivariate testing' and 'funnel optimisation' "
         "as two names, as YAML splits a [...] list at every comma; if they are two names, quote them: [Web "
         "analytics, \"A/B and multivariate testing\", \"funnel optimisation\"]; if 'A/B and multivariate "
         "testing, funnel optimisation' is one name, quote it: [Web analytics, \"A/B and multivariate testing, "
         "funnel optimisation\"]"]),
    "over several commas": (
        "alternative_names: [Prijs, kwaliteit, en service]",
        ["content/en/roles/x.yaml:3:21: this list gives 'Prijs', 'kwaliteit' and 'en service' as three names, as "
         "YAML splits a [...] list at every comma; if they are three names, quote them: [\"Prijs\", "
         "\"kwaliteit\", \"en service\"]; if 'Prijs, kwaliteit, en service' is one name, quote it: [\"Prijs, "
         "kwaliteit, en service\"]"]),
    "Italian, over two lines": (
        "alternative_names: [Responsabile vendite,\n  marketing e comunicazione]",
        ["content/en/roles/x.yaml:3:21: this list gives 'Responsabile vendite' and 'marketing e comunicazione' as "
         "two names, as YAML splits a [...] list at every comma; if they are two names, quote them: "
         "[\"Responsabile vendite\", \"marketing e comunicazione\"]; if 'Responsabile vendite, marketing e "
         "comunicazione' is one name, quote it: [\"Responsabile vendite, marketing e comunicazione\"]"]),
    "a single lowercase word after a name": (
        "alternative_names: [Store structure, navigation]",
        ["content/en/roles/x.yaml:3:21: this list gives 'Store structure' and 'navigation' as two names, as YAML "
         "splits a [...] list at every comma; if they are two names, quote them: [\"Store structure\", "
         "\"navigation\"]; if 'Store structure, navigation' is one name, quote it: [\"Store structure, "
         "navigation\"]"]),
}

HONEST = {
    "abbreviations": "alternative_names: [SEO, SEA, CRM]",
    "one name with a lowercase word inside": "alternative_names: [Head of digital]",
    "names that each start with a capital": "alternative_names: [Head of e-commerce, Head of digital, CMO]",
    "ids": "alternative_names: [e-commerce-manager, cmo, chief-digital-officer]",
    "evidence, source/claim": "evidence: [what-is-a-good-e-commerce-manager/in-charge, article/data-first]",
    "the editor quoted the second": 'alternative_names: [Store structure, "navigation and product data"]',
    "the editor quoted the first": 'alternative_names: ["Store structure", navigation and product data]',
    "after closing punctuation": "alternative_names: [Acme Inc., bol.com]",
    "after a closing bracket": "alternative_names: [Chief digital officer (CDO), digitalisation lead]",
    "a name of its own, with a dot or a capital inside": "alternative_names: [Webwinkel, bol.com, eBay, iPhone]",
    "a number": "alternative_names: [Web 2.0, 2018]",
    "a block list, where commas are part of the name": (
        "alternative_names:\n  - Web analytics, A/B and multivariate testing, funnel optimisation"),
    "a flow mapping": "names: {first: Store structure, second: navigation}",
}


def problems_of(field: str) -> list[str]:
    text = f"id: x\nname: X\n{field}\ndescription: Y\n"
    document, problems = parse_yaml(text.encode("utf-8"), ROLE)
    assert document is not None  # the data is read all the same: its other problems are reported with it
    return [problem.format(with_col=True) for problem in problems]


@pytest.mark.parametrize("case", list(HINTS))
def test_a_name_cut_at_its_comma_is_reported_with_how_to_keep_it_whole(case):
    field, expected = HINTS[case]
    assert problems_of(field) == expected


@pytest.mark.parametrize("case", list(HONEST))
def test_honest_lists_get_no_hint(case):
    assert problems_of(HONEST[case]) == []


def test_the_real_content_gets_no_hint():
    for path in sorted((REPO / "content").rglob("*.yaml")):
        shown = path.relative_to(REPO).as_posix()
        assert parse_yaml(path.read_bytes(), shown)[1] == [], shown


def test_check_reports_it_and_fails_until_the_name_is_quoted(tmp_path: Path):
    shutil.copytree(FIXTURES / "small" / "content", tmp_path / "content")
    role = tmp_path / "content" / "en" / "roles" / "shop-manager.yaml"
    original = role.read_text(encoding="utf-8")
    assert "alternative_names: [Online store manager]" in original
    role.write_text(original.replace("[Online store manager]", "[Online store manager, webshop and marketplaces]"),
                    encoding="utf-8")

    def check() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "guide", "check"], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})

    result = check()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("content/en/roles/shop-manager.yaml:3:21: this list gives 'Online store manager' and 'webshop and "
            "marketplaces' as two names, as YAML splits a [...] list at every comma; if they are two names, quote "
            "them: [\"Online store manager\", \"webshop and marketplaces\"]; if 'Online store manager, webshop and "
            "marketplaces' is one name, quote it: [\"Online store manager, webshop and marketplaces\"]"
            ) in result.stderr.splitlines()
    role.write_text(original.replace("[Online store manager]", '["Online store manager, webshop and marketplaces"]'),
                    encoding="utf-8")
    again = check()  # and the check's cache does not keep the old answer for the edited file
    assert "this list gives" not in again.stderr
