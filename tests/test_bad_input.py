"""The bad-input corpus: everything an editor can get wrong, each with the exact message (file, line,
column, fix) that `python -m guide check` prints, a non-zero exit and no traceback; a real `mkdocs build`
with the same input fails the same way and leaves the previously built site byte-identical."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Callable

import pytest
import yaml

from conftest import FIXTURES, REPO, make_project, run_mkdocs, tree_digest
from guide.graph import build_graph
from guide.loading import load_content
from test_rendering import HOSTILE, Elements

ROLE = "content/en/roles/shop-manager.yaml"
ROLE_FACTS = "content/facts/roles/shop-manager.yaml"
SOURCE_FACTS = "content/facts/sources/article.yaml"


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(project: Path, relative: str, data: bytes | str) -> None:
    path = project / relative
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    return "\n".join(lines) + "\n"


def outside_link(project: Path) -> None:
    secret = project.parent / "secret.yaml"
    secret.write_text("id: concept\nname: secret\n", encoding="utf-8")
    (project / "content/en/concepts/secret.yaml").symlink_to(secret)


# name -> (how the content is broken, the exact lines `check` prints after its header)
CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "yaml_syntax": (
        lambda p: edit(p, ROLE, "alternative_names: [Online store manager]", "alternative_names: [Online store manager"),
        [f"{ROLE}:4:12: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'; check "
         "the indentation, colons and quotes on this line and the line before it"]),
    "tab_indentation": (
        lambda p: edit(p, ROLE_FACTS, "  - competency: data-driven", "\t- competency: data-driven"),
        [f"{ROLE_FACTS}:3:1: this line is indented with a tab: YAML needs spaces; replace the tab with spaces"]),
    "empty_file": (
        lambda p: write(p, ROLE, "\n  \n"),
        [f"{ROLE}:1:1: the file is empty: write its fields, starting with 'id: <id>'"]),
    "comments_only": (
        lambda p: write(p, ROLE, "# id: shop-manager\n# name: Web shop manager\n"),
        [f"{ROLE}:1:1: the file has no fields, only comments: write its fields, starting with 'id: <id>'"]),
    "list_instead_of_mapping": (
        lambda p: write(p, ROLE, "- id: shop-manager\n- name: Web shop manager\n"),
        [f"{ROLE}:1:1: the file must be a mapping of fields (like 'id: ...' on its own line), not a list"]),
    "list_where_a_mapping_belongs_in_a_field": (
        lambda p: edit(p, ROLE_FACTS, 'mappings:\n  isco08: "1221"', 'mappings:\n  - isco08: "1221"'),
        [f"{ROLE_FACTS}:10:1: 'mappings' must be a mapping of fields (name: value), not a list"]),
    "duplicate_key": (
        lambda p: edit(p, ROLE, "description: Runs", "name: Shop manager\ndescription: Runs"),
        [f"{ROLE}:4:1: duplicate field 'name' (first given on line 2): keep only one of them"]),
    "unknown_field_with_a_suggestion": (
        lambda p: edit(p, ROLE, "alternative_names:", "alternativ_names:"),
        [f"{ROLE}:1:1: missing field 'alternative_names': add 'alternative_names: ...' (Other names and "
         "abbreviations in this language; [] when there are none.)",
         f"{ROLE}:3:1: unknown field 'alternativ_names' (did you mean 'alternative_names'?): remove or rename it; "
         "allowed here: id, name, alternative_names, description"]),
    "wrong_type": (
        lambda p: edit(p, SOURCE_FACTS, "authors: [Jan Jansen]", "authors: Jan Jansen"),
        [f"{SOURCE_FACTS}:4:10: 'authors' must be a list (lines starting with '- ', or [a, b]), not the text "
         "'Jan Jansen'"]),
    "wrong_type_number_for_text": (
        lambda p: edit(p, ROLE, "name: Web shop manager", "name: 1221"),
        [f"{ROLE}:2:7: 'name' must be text, not a number (1221)"]),
    "missing_required_field": (
        lambda p: edit(p, ROLE, "description: Runs the web shop and its results.\n", ""),
        [f"{ROLE}:1:1: missing field 'description': add 'description: ...' (What it is, in this language: one "
         "or more sentences.)"]),
    "unknown_id_in_a_relation": (
        lambda p: edit(p, ROLE_FACTS, "competency: data-driven", "competency: data-drivn"),
        [f"{ROLE_FACTS}:3:17: unknown competency 'data-drivn' (did you mean 'data-driven'?): use the id of a file "
         "in content/facts/competencies/, or add that competency"]),
    "duplicate_id": (
        lambda p: [shutil.copy(p / f"content/{area}/roles/marketing-director.yaml", p / f"content/{area}/roles/cmo.yaml")
                   for area in ("facts", "en", "nl", "it")],
        [f"content/{area}/roles/cmo.yaml:1:5: duplicate id 'marketing-director': content/{area}/roles/"
         "marketing-director.yaml already has it; give this entity an id of its own and set 'id: cmo' to match "
         "the file name" for area in ("en", "facts", "it", "nl")]),
    "id_with_uppercase": (
        lambda p: edit(p, ROLE, "id: shop-manager", "id: Shop-Manager"),
        [f"{ROLE}:1:5: 'Shop-Manager' is not a valid id: ids use only lowercase letters a-z, digits and single "
         "hyphens, for example 'shop-manager'"]),
    "id_with_spaces": (
        lambda p: edit(p, ROLE, "id: shop-manager", "id: shop manager"),
        [f"{ROLE}:1:5: 'shop manager' is not a valid id: ids use only lowercase letters a-z, digits and single "
         "hyphens, for example 'shop-manager'"]),
    "id_with_dot_dot": (
        lambda p: edit(p, ROLE, "id: shop-manager", "id: ../shop-manager"),
        [f"{ROLE}:1:5: '../shop-manager' is not a valid id: ids use only lowercase letters a-z, digits and single "
         "hyphens, for example 'shop-manager'"]),
    "id_with_a_slash": (
        lambda p: edit(p, ROLE, "id: shop-manager", "id: shop/manager"),
        [f"{ROLE}:1:5: 'shop/manager' is not a valid id: ids use only lowercase letters a-z, digits and single "
         "hyphens, for example 'shop-manager'"]),
    "file_name_that_is_not_an_id": (
        lambda p: (p / ROLE).rename(p / "content/en/roles/Shop Manager.yaml"),
        ["content/en/roles/Shop Manager.yaml:1:1: the file name 'Shop Manager.yaml' is not a valid id: ids use "
         "only lowercase letters a-z, digits and single hyphens",
         f"{ROLE_FACTS}:1:1: role 'shop-manager' has no English text: add {ROLE} (copy "
         "content/nl/roles/shop-manager.yaml and translate it)"]),
    "file_name_that_does_not_match_the_id": (
        lambda p: edit(p, "content/nl/roles/shop-manager.yaml", "id: shop-manager", "id: webshop-manager"),
        ["content/nl/roles/shop-manager.yaml:1:5: the id 'webshop-manager' does not match the file name "
         "'shop-manager.yaml': rename the file to 'webshop-manager.yaml' or set 'id: shop-manager'"]),
    "entity_missing_in_one_language": (
        lambda p: (p / "content/nl/concepts/omnichannel.yaml").unlink(),
        ["content/facts/concepts/omnichannel.yaml:1:1: concept 'omnichannel' has no Dutch text: add "
         "content/nl/concepts/omnichannel.yaml (copy content/en/concepts/omnichannel.yaml and translate it)"]),
    "relation_without_a_source": (
        lambda p: edit(p, ROLE_FACTS, "    role: marketing-director\n    sources: [article]\n",
                       "    role: marketing-director\n"),
        [f"{ROLE_FACTS}:7:5: this relation names no source: add 'sources: [<source id>]' with the sources that "
         "support it"]),
    "non_utf8_bytes": (
        lambda p: write(p, ROLE, "id: shop-manager\nname: Caf\xe9 manager\n".encode("latin-1")),
        [f"{ROLE}:2:10: the file is not UTF-8 text (byte 0xe9): save it with UTF-8 encoding"]),
    "exponential_aliases": (
        lambda p: write(p, ROLE, billion_laughs()),
        [f"{ROLE}:2:8: anchors and aliases (& and *) are not allowed: write the value out in full"]),
    "python_tag": (
        lambda p: edit(p, ROLE, "name: Web shop manager",
                       "name: !!python/object/apply:os.system ['touch executed-by-yaml']"),
        [f"{ROLE}:2:7: the tag '!!python/object/apply:os.system' is not allowed: content is plain data; "
         "remove the tag"]),
    "custom_tag": (
        lambda p: edit(p, ROLE, "name: Web shop manager", "name: !include other.yaml"),
        [f"{ROLE}:2:7: the tag '!include' is not allowed: content is plain data; remove the tag"]),
    "symlink_outside_content": (
        outside_link,
        ["content/en/concepts/secret.yaml:1:1: this is a link to a file outside content/: replace the link with "
         "the file itself"]),
    "five_megabyte_file": (
        lambda p: write(p, ROLE, "id: shop-manager\ndescription: " + "word " * 1_000_000 + "\n"),
        [f"{ROLE}:1:1: the file is 5.0 MB; a content file describes one entity and stays under 1 MB: remove what "
         "does not belong in it"]),
    "javascript_url": (
        lambda p: edit(p, SOURCE_FACTS, "url: https://example.org/artikel", "url: javascript:alert(1)"),
        [f"{SOURCE_FACTS}:7:6: 'url' must be an address starting with http:// or https://, not 'javascript:alert(1)'"]),
    "ftp_url": (
        lambda p: edit(p, SOURCE_FACTS, "url: https://example.org/artikel", "url: ftp://example.org/artikel"),
        [f"{SOURCE_FACTS}:7:6: 'url' must be an address starting with http:// or https://, not "
         "'ftp://example.org/artikel'"]),
    "data_url_in_a_mapping": (
        lambda p: edit(p, ROLE_FACTS, 'isco08: "1221"', 'esco: "data:text/html,<script>alert(1)</script>"'),
        [f"{ROLE_FACTS}:11:9: 'esco' must be an ESCO occupation URI, like "
         "http://data.europa.eu/esco/occupation/<uuid>, not 'data:text/html,<script>alert(1)</script>'"]),
    "todo_left_in_a_text": (
        lambda p: edit(p, "content/nl/roles/shop-manager.yaml", "description: Leidt", "description: TODO Leidt"),
        ["content/nl/roles/shop-manager.yaml:4:14: 'description' still says TODO: write the Dutch description"]),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    destination = tmp_path / "project"
    destination.mkdir()
    shutil.copytree(FIXTURES / "small" / "content", destination / "content")
    return destination


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide", "check"], cwd=project, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.mark.parametrize("case", list(CASES))
def test_check_rejects_bad_input_with_an_exact_message(project, case):
    break_content, expected = CASES[case]
    break_content(project)
    started = time.monotonic()
    result = check(project)
    assert time.monotonic() - started < 10
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    noun = "problem" if len(expected) == 1 else "problems"
    assert result.stderr.splitlines() == [f"The content has {len(expected)} {noun}; nothing was built:", *expected]
    assert not (project / "executed-by-yaml").exists()


def test_the_fixture_is_valid_to_begin_with(project):
    result = check(project)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_byte_order_mark_and_crlf_line_endings_are_accepted(project):
    for path in (project / "content").rglob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = check(project)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "The content is valid: 2 role, 1 competency, 1 concept, 2 source, 1 debate.\n"


def test_exponential_aliases_are_rejected_quickly_and_in_little_memory(project):
    write(project, ROLE, billion_laughs())  # 9**9 strings if expanded
    tracemalloc.start()
    started = time.monotonic()
    problems = load_content(project / "content").problems
    elapsed = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(problems) == 1
    assert elapsed < 1.0
    assert peak < 20_000_000


def test_nesting_that_would_crash_the_yaml_library_is_rejected(project):
    write(project, ROLE, "id: shop-manager\nname: " + "[" * 200_000 + "]" * 200_000 + "\n")
    result = check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1:] == [
        f"{ROLE}:2:46: the data is nested more than 40 levels deep: flatten it"]


@pytest.mark.parametrize("nested", ["[" * 41 + "]" * 41, "\n" + "- " * 41 + "x"])
def test_nesting_past_the_limit_is_reported_at_the_first_level_too_deep(tmp_path, nested):
    """Small files skip the event scan hostile ones get (guide.yamlfile._may_be_hostile); both report the
    same place: the 41st level, counting the file's own mapping as the first."""
    from guide.yamlfile import read_yaml

    plain, scanned = tmp_path / "plain.yaml", tmp_path / "scanned.yaml"
    plain.write_text(f"id: x\nv: {nested}\n", encoding="utf-8")
    scanned.write_text(f"# a '*' makes the reader scan events first\nid: x\nv: {nested}\n", encoding="utf-8")
    (_, [found]), (_, [found_by_scan]) = read_yaml(plain, "f"), read_yaml(scanned, "f")
    assert found.message == found_by_scan.message == "the data is nested more than 40 levels deep: flatten it"
    assert (found.line + 1, found.col) == (found_by_scan.line, found_by_scan.col)
    assert found.col == (43 if nested.startswith("[") else 79)


def test_an_unreadable_path_is_reported_not_raised(project):
    (project / ROLE).unlink()
    (project / ROLE).symlink_to(project / "content" / "en" / "roles" / "missing.yaml")
    result = check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"{ROLE}:1:1: the file cannot be read (No such file or directory): check that it exists and is a "
            "regular file") in result.stderr.splitlines()


# ---- the same inputs in a real build ----------------------------------------------------------------

@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("built") / "project", FIXTURES / "small" / "content")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project


BUILD_CASES = ["yaml_syntax", "duplicate_key", "unknown_id_in_a_relation", "non_utf8_bytes", "exponential_aliases",
               "python_tag", "symlink_outside_content", "five_megabyte_file", "javascript_url", "todo_left_in_a_text"]


@pytest.mark.parametrize("case", BUILD_CASES)
def test_a_build_with_bad_input_fails_cleanly_and_leaves_the_site_intact(built_project, tmp_path, case):
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True)
    before = tree_digest(project / "site")
    break_content, expected = CASES[case]
    break_content(project)
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for line in expected:  # the build log shows path:line (without the column) and the same message
        path, line_number, _, message = line.split(":", 3)
        assert f"{path}:{line_number}:{message}" in result.stderr
    assert tree_digest(project / "site") == before
    assert not (project / "executed-by-yaml").exists()


FACTS_TEXT_FIELDS = {"original_title", "organisation", "authors", "quote"}


def make_hostile(value, text_fields, key=None):
    """Every text an editor writes, with markup and script in front (ids, choices and URLs stay as they are)."""
    if isinstance(value, dict):
        return {k: make_hostile(v, text_fields, k) for k, v in value.items()}
    if isinstance(value, list):
        return [make_hostile(item, text_fields, key) for item in value]
    if isinstance(value, str) and key != "id" and (text_fields is None or key in text_fields):
        return f"{HOSTILE} {value}"
    return value


def test_html_and_script_in_every_text_field_are_shown_as_text(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "small" / "content", content)
    for path in content.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text_fields = FACTS_TEXT_FIELDS if path.parent.parent.name == "facts" else None
        path.write_text(yaml.safe_dump(make_hostile(data, text_fields), allow_unicode=True), encoding="utf-8")
    graph = build_graph(load_content(content))  # still valid content: hostile text is just text
    assert HOSTILE in graph.get("source", "article").texts["nl"].claims["data-first"]
    project = make_project(tmp_path / "project", content)
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        elements = Elements()
        elements.feed(html)
        for data in elements.data_scripts:  # JSON that cannot end its script element early
            assert "<" not in data and json.loads(data), page
        assert not [name for _, name, _ in elements.attributes if name.startswith("on")], page
        assert not [value for _, name, value in elements.attributes
                    if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:")], page
        assert not [tag for tag, name, value in elements.attributes if tag == "img" and value == "x"], page
        assert not [script for script in elements.scripts if "alert" in script], page
    source_page = (project / "site" / "nl" / "sources" / "article" / "index.html").read_text(encoding="utf-8")
    assert source_page.count("&lt;script&gt;alert") >= 8  # title, summary, claims, quotes, sections, ...
