"""The bad-input corpus (bad_input.yaml): everything an editor can get wrong, each with the exact messages
(file, line, column, fix) that `python -m guide check` prints, a non-zero exit and no traceback; a real
`mkdocs build` with the same input fails the same way and leaves the previously built site byte-identical."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO, make_project, run_mkdocs, tree_digest
from guide.content.graph import build_graph
from guide.content.loading import load_content
from pages_html import HOSTILE, Elements

CORPUS = yaml.safe_load((Path(__file__).parent / "bad_input.yaml").read_text(encoding="utf-8"))
ROLE = "content/en/roles/shop-manager.yaml"


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    return "\n".join(lines) + "\n"


GENERATED = {"billion_laughs": billion_laughs,
             "five_megabytes": lambda: "id: shop-manager\ndescription: " + "word " * 1_000_000 + "\n"}


def break_content(project: Path, operations: list[dict]) -> None:
    """Apply a corpus case's operations (described at the top of bad_input.yaml) to a project folder."""
    for operation in operations:
        (name, argument), = operation.items()
        if name == "edit":
            path, old, new = project / argument[0], argument[1], argument[2]
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {argument[0]}"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        elif name == "write":
            (project / argument[0]).write_text(argument[1], encoding="utf-8")
        elif name == "write_latin1":
            (project / argument[0]).write_bytes(argument[1].encode("latin-1"))
        elif name == "delete":
            (project / argument).unlink()
        elif name == "rename":
            (project / argument[0]).rename(project / argument[1])
        elif name == "copy":
            shutil.copy(project / argument[0], project / argument[1])
        elif name == "link_outside":
            secret = project.parent / "secret.yaml"
            secret.write_text("id: concept\nname: secret\n", encoding="utf-8")
            (project / argument).symlink_to(secret)
        elif name == "generate":
            (project / argument[0]).write_text(GENERATED[argument[1]](), encoding="utf-8")
        else:
            raise ValueError(f"bad_input.yaml: unknown operation '{name}'")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    destination = tmp_path / "project"
    destination.mkdir()
    shutil.copytree(FIXTURES / "small" / "content", destination / "content")
    shutil.copytree(FIXTURES / "small" / "articles", destination / "articles")
    return destination


def check(project: Path) -> subprocess.CompletedProcess:
    """`guide check` in the project, finding the fixture's articles as its content/guide.yaml says."""
    environment = {name: value for name, value in os.environ.items() if name != "GUIDE_ARTICLES"}
    return subprocess.run([sys.executable, "-m", "guide", "check"], cwd=project, capture_output=True, text=True,
                          timeout=60, env={**environment, "PYTHONPATH": str(REPO)})


@pytest.mark.parametrize("case", list(CORPUS))
def test_check_rejects_bad_input_with_an_exact_message(project, case):
    expected = CORPUS[case]["expect"]
    break_content(project, CORPUS[case]["do"])
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
    assert result.stdout == ("The content is valid: 2 role, 1 competency, 1 concept, 2 source, 1 debate; the quotes "
                             "of 2 sources checked against their articles.\n")


def test_exponential_aliases_are_rejected_quickly_and_in_little_memory(project):
    (project / ROLE).write_text(billion_laughs(), encoding="utf-8")  # 9**9 strings if expanded
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
    (project / ROLE).write_text("id: shop-manager\nname: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1:] == [
        f"{ROLE}:2:46: the data is nested more than 40 levels deep: flatten it"]


@pytest.mark.parametrize("nested", ["[" * 41 + "]" * 41, "\n" + "- " * 41 + "x"])
def test_nesting_past_the_limit_is_reported_at_the_first_level_too_deep(tmp_path, nested):
    """Small files skip the event scan hostile ones get (guide.yamlfile._may_be_hostile); both report the
    same place: the 41st level, counting the file's own mapping as the first."""
    from guide.content.yamlfile import read_yaml

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


@pytest.mark.parametrize("case", [case for case in CORPUS if CORPUS[case].get("build")])
def test_a_build_with_bad_input_fails_cleanly_and_leaves_the_site_intact(built_project, tmp_path, case):
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True)
    before = tree_digest(project / "site")
    expected = CORPUS[case]["expect"]
    break_content(project, CORPUS[case]["do"])
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


def test_html_and_script_in_every_text_field_are_shown_as_text(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "small" / "content", content)
    articles = tmp_path / "articles"  # articles that say what the hostile sources say: still faithful content
    articles.mkdir()
    monkeypatch.setenv("GUIDE_ARTICLES", str(articles))
    for path in content.rglob("*.yaml"):
        if path.name == "guide.yaml":  # ids and the review's rules: nothing of it is shown to readers as text
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text_fields = FACTS_TEXT_FIELDS if path.parent.parent.name == "facts" else None
        hostile = make_hostile(data, text_fields)
        path.write_text(yaml.safe_dump(hostile, allow_unicode=True), encoding="utf-8")
        if path.parent.name == "sources" and path.parent.parent.name == "facts":
            stated = [hostile["original_title"], *hostile["authors"], hostile["organisation"] or "",
                      *(claim["quote"] for claim in hostile["claims"])]
            (articles / hostile["seed"]).write_text("\n\n".join(stated) + f"\n{hostile['year']}\n", encoding="utf-8")
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
    shown = [text for text in Elements(source_page).text if '<script>alert("x")</script>' in text]
    assert len(shown) >= 8  # shown as text: title, summary, claims, quotes, ...
