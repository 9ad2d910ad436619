"""The editors' tools: schemas generated from the model, `new`, `status`, and the command line itself."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES, REPO
from guide.content.model import FACTS, KINDS
from guide.content.yamlfile import read_yaml
from guide.languages import LANGUAGES
from guide.tools.scaffold import new_entity
from guide.tools.schema import editor_mapping, outdated_schemas, schema_files, write_schemas
from guide.tools.status import ERROR, MISSING, OK, ORIGINAL, OUTDATED, TODO, TextFile, status_rows, translation_states
from pages_html import parse


def guide(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide", *arguments], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin",
                                            "GUIDE_ARTICLES": os.environ["GUIDE_ARTICLES"]})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "small" / "content", tmp_path / "content")
    return tmp_path


# ---- schemas --------------------------------------------------------------------------------------

def test_the_committed_schemas_are_exactly_what_the_model_generates():
    assert outdated_schemas(REPO) == [], "run: .venv/bin/python -m guide schema, and commit the result"


def test_regenerating_the_schemas_from_nothing_gives_the_committed_files(tmp_path):
    assert sorted(write_schemas(tmp_path)) == sorted([f"schemas/{name}" for name in schema_files()]
                                                     + [".vscode/settings.json"])
    for name in schema_files():
        assert (tmp_path / "schemas" / name).read_bytes() == (REPO / "schemas" / name).read_bytes()
    assert write_schemas(tmp_path) == []


def test_the_schema_command_works_on_the_project_folder_it_runs_in(tmp_path):
    command = [sys.executable, "-m", "guide", "schema"]
    assert subprocess.run([*command, "--check"], cwd=REPO, capture_output=True).returncode == 0
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and "wrote schemas/role.facts.json" in result.stdout
    assert (tmp_path / "schemas" / "role.facts.json").is_file() and (tmp_path / ".vscode" / "settings.json").is_file()


def test_a_changed_model_makes_the_schema_check_fail(tmp_path, monkeypatch):
    write_schemas(tmp_path)
    monkeypatch.setattr(KINDS["role"].text.model_fields["name"], "description", "Changed.")
    KINDS["role"].text.model_rebuild(force=True)
    try:
        assert "schemas/role.text.json" in outdated_schemas(tmp_path)
    finally:
        monkeypatch.undo()
        KINDS["role"].text.model_rebuild(force=True)
    assert outdated_schemas(tmp_path) == []


def test_the_editor_mapping_covers_every_content_file_of_the_fixture():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == editor_mapping()
    for path in (FIXTURES / "small" / "content").rglob("*.yaml"):
        relative = "content/" + path.relative_to(FIXTURES / "small" / "content").as_posix()
        matches = [schema for schema, globs in editor_mapping().items()
                   if any(Path(relative).match(glob) for glob in globs)]
        assert len(matches) == 1, relative


def schema_for(relative: str) -> dict:
    if relative == "guide.yaml":
        return json.loads((REPO / "schemas" / "guide.json").read_text(encoding="utf-8"))
    area, folder = relative.split("/")[:2]
    kind = next(kind for kind in KINDS.values() if kind.folder == folder)
    name = f"{kind.name}.{'facts' if area == FACTS else 'text'}.json"
    return json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))


def test_the_schemas_accept_valid_content_and_flag_what_check_rejects():
    content = FIXTURES / "small" / "content"
    for path in content.rglob("*.yaml"):
        document, _ = read_yaml(path, path.name)
        jsonschema.validate(document.data, schema_for(path.relative_to(content).as_posix()))
    role = {"id": "x", "name": "X", "alternative_names": [], "descripton": "typo"}
    validator = jsonschema.Draft202012Validator(schema_for("en/roles/x.yaml"))
    errors = [error.message for error in validator.iter_errors(role)]
    assert sorted(errors) == ["'description' is a required property",
                              "Additional properties are not allowed ('descripton' was unexpected)"]
    source = {"url": "javascript:alert(1)"}
    url_errors = [e for e in jsonschema.Draft202012Validator(schema_for("facts/sources/x.yaml")).iter_errors(source)
                  if list(e.path) == ["url"]]
    assert url_errors


# ---- new ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(KINDS))
def test_new_creates_four_files_that_check_rejects_until_every_todo_is_filled_in(project, kind):
    result = guide("new", kind, "brand-new", cwd=project)
    assert result.returncode == 0, result.stderr
    folder = KINDS[kind].folder
    created = [f"content/{area}/{folder}/brand-new.yaml" for area in (FACTS, *LANGUAGES)]
    assert result.stdout.splitlines()[:4] == [f"created {path}" for path in created]
    for path in created:  # every field of the model is present
        document, problems = read_yaml(project / path, path)
        model = KINDS[kind].facts if "/facts/" in path else KINDS[kind].text
        assert problems == [] and list(document.data) == list(model.model_fields), path

    check = guide("check", cwd=project)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    todo_lines = [line for line in check.stderr.splitlines() if "TODO" in line]
    assert todo_lines and all(re.match(r"content/\S+brand-new\.yaml:\d+:\d+: '", line) for line in todo_lines)
    if kind != "debate":  # a debate's positions also need evidence; see the fill-in below
        assert len(todo_lines) == len(check.stderr.splitlines()) - 1
    assert (f"content/nl/{folder}/brand-new.yaml:5:7: 'name' still says TODO: write the Dutch name"
            in check.stderr.splitlines()) == (kind != "source")

    fill_in(project, kind)
    final = guide("check", cwd=project)
    assert final.returncode == 0, final.stderr


FILLED = {"original_language": "en", "type": "skill", "author_kind": "not-stated",
          "summary": " ".join(["Samenvatting, sommario, summary."] * 30),
          "seed": "null", "why_no_seed": "the test's article is only in print"}
PLACEHOLDER_IDS = {"TODO": "first", "TODO-1": "one", "TODO-2": "two"}


def fill_in(project: Path, kind: str) -> None:
    """What an editor does: replace every TODO (ids too) and, for a debate, cite the claims of its positions."""
    for area in (FACTS, *LANGUAGES):
        path = project / "content" / area / KINDS[kind].folder / "brand-new.yaml"
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            key = line.split(":")[0].strip(" -")
            indent = line[: line.index(key)] if key else ""
            if key in PLACEHOLDER_IDS:  # a text file's mapping keyed by the facts' ids
                line = f"{indent}{PLACEHOLDER_IDS[key]}: Some {area} text"
            elif "TODO" in line and key == "id":
                line = line[: line.index("TODO")] + PLACEHOLDER_IDS[line.split()[-1]]
            elif "TODO" in line or (key in FILLED and line.endswith(": null")):
                line = line[: line.index(key) + len(key) + 2] + FILLED.get(key, f"Some {area} text")
            if kind == "debate" and line.strip() == "holds: []":
                line = line.replace("[]", "[article/data-first]")
            lines.append(line)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if kind in ("role", "competency", "concept"):  # an entity rests on a source: the fixture's article discusses it
        article = project / "content" / FACTS / "sources" / "article.yaml"
        folder = KINDS[kind].folder
        text = article.read_text(encoding="utf-8")
        listed = re.search(rf"^  {folder}: \[(.*)\]$", text, re.M)
        assert listed, f"the fixture's article lists no {folder}"
        article.write_text(text.replace(listed.group(0), f"  {folder}: [{listed.group(1)}, brand-new]"),
                           encoding="utf-8")


def test_new_refuses_an_id_that_is_not_a_slug_and_an_existing_entity(project):
    bad = guide("new", "role", "Chief Data Officer", cwd=project)
    assert bad.returncode == 1
    assert bad.stderr == ("python -m guide new: 'Chief Data Officer' is not a valid id: ids use only lowercase "
                          "letters a-z, digits and single hyphens, for example 'chief-data-officer'\n")
    existing = guide("new", "role", "shop-manager", cwd=project)
    assert existing.returncode == 1
    assert existing.stderr == ("python -m guide new: content/facts/roles/shop-manager.yaml already exists: choose "
                               "another id, or edit the existing files\n")
    assert not list(project.rglob("chief*"))


def test_help_explains_every_command():
    result = guide("--help", cwd=REPO)
    assert result.returncode == 0
    for command in ("check", "new", "status", "schema", "linkcheck"):
        assert re.search(rf"^    {command}\b", result.stdout, re.MULTILINE), command
    new_help = guide("new", "--help", cwd=REPO).stdout
    assert "content/facts/<folder>/<id>.yaml" in new_help and "TODO" in new_help


# ---- status ---------------------------------------------------------------------------------------

def test_translation_states_compare_each_translation_with_its_original():
    states = translation_states("nl", {"nl": TextFile(200.0), "en": TextFile(100.0), "it": TextFile(300.0)})
    assert states == {"en": OUTDATED, "nl": ORIGINAL, "it": OK}
    states = translation_states("en", {"en": TextFile(100.0, todo=True), "nl": TextFile(50.0, readable=False)})
    assert states == {"en": TODO, "nl": ERROR, "it": MISSING}
    assert translation_states("en", {"en": TextFile(5.0), "nl": TextFile(5.0), "it": TextFile(4.0)}) == {
        "en": ORIGINAL, "nl": OK, "it": OUTDATED}


def test_status_rows_read_the_content_and_use_the_given_times(project):
    content = project / "content"
    (content / "it" / "roles" / "shop-manager.yaml").unlink()
    new_entity(content, "concept", "brand-new")
    times = {str(path): 1000.0 for path in content.rglob("*.yaml")}
    times[str(content / "en" / "sources" / "article.yaml")] = 900.0  # the source 'article' was written in Dutch
    times[str(content / "it" / "competencies" / "data-driven.yaml")] = 999.0
    rows = {(row.kind, row.id): row for row in status_rows(content, times)}
    assert rows["role", "shop-manager"].states == {"en": ORIGINAL, "nl": OK, "it": MISSING}
    assert rows["source", "article"].original == "nl"
    assert rows["source", "article"].states == {"en": OUTDATED, "nl": ORIGINAL, "it": OK}
    assert rows["competency", "data-driven"].states == {"en": ORIGINAL, "nl": OK, "it": OUTDATED}
    assert rows["concept", "brand-new"].states == {"en": TODO, "nl": TODO, "it": TODO}
    assert [key[0] for key in rows] == ["role", "role", "competency", "concept", "concept", "source", "source",
                                        "debate"]


def test_status_uses_commit_times_and_the_command_prints_the_table(project):
    def git(*arguments, date="2024-01-01T00:00:00"):
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin", "HOME": str(project)}
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments], cwd=project,
                       check=True, capture_output=True, env=env)
    git("init", "-q")
    git("add", "content")
    git("commit", "-q", "-m", "all")
    original = project / "content" / "en" / "roles" / "shop-manager.yaml"
    original.write_text(original.read_text(encoding="utf-8").replace("Runs", "Leads"), encoding="utf-8")
    git("commit", "-q", "-am", "original changed", date="2024-02-01T00:00:00")
    (project / "content" / "nl" / "concepts" / "omnichannel.yaml").write_text("id: omnichannel\nname: TODO\n")
    result = guide("status", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["entity", "en", "nl", "it"]
    assert "role shop-manager            original  outdated  outdated" in lines
    assert "role marketing-director      original  ok        ok" in lines
    assert "concept omnichannel          original  todo      ok" in lines
    assert "outdated: last changed before the original: check what changed there and update it" in lines


def test_the_site_shows_the_status_table_in_every_language_and_keeps_it_out_of_search(small_site):
    titles = {"en": "Translation status", "nl": "Stand van de vertalingen", "it": "Stato delle traduzioni"}
    for language, title in titles.items():
        html = parse(small_site.folder / ("" if language == "en" else language) / "status" / "index.html")
        assert [h.text for h in html.find("h1")] == [title], language
        rows = [link.attrs["href"] for link in html.find("a") if link.attrs["href"].split("/")[1:2] in (
            ["competencies"], ["concepts"], ["debates"], ["roles"], ["sources"]) and link.attrs["href"].count("/") == 3]
        assert sorted(rows) == sorted(["../competencies/data-driven/", "../concepts/omnichannel/",
                                       "../debates/where-does-it-belong/", "../roles/marketing-director/",
                                       "../roles/shop-manager/", "../sources/article/",
                                       "../sources/article-english/"]), language
    english = (small_site.folder / "status" / "index.html").read_text(encoding="utf-8")
    article_row = english[english.index("href=../sources/article/>"):].split("</tr>")[0]
    assert re.findall(r"<td>([^<]+)</td>", article_row)[1] == "Original"  # written in Dutch: nl is the original


def test_the_workflow_runs_real_commands_on_push_publishes_main_and_checks_external_links_on_a_schedule():
    import shlex

    import yaml

    from guide.tools.cli import _parser

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert "push" in triggers and triggers["schedule"][0]["cron"]
    jobs = workflow["jobs"]
    assert "refs/heads/main" in jobs["publish"]["if"] and jobs["publish"]["needs"] == "test-and-build"
    runs = [step["run"] for job in jobs.values() for step in job.get("steps", []) if "run" in step]
    commands = [line.strip() for run in runs for line in run.splitlines() if "python -m guide" in line]
    assert len(commands) == 4
    for command in commands:
        words = shlex.split(command.split("python -m guide", 1)[1].split("2>")[0].replace('"$BASE_PATH"', "/x/"))
        _parser().parse_args(words)  # exits (fails the test) if the workflow names an unknown option
    external = next(command for command in commands if "--external" in command)
    assert "--strict" not in external
    assert "exit 0" in jobs["external-links"]["steps"][-1]["run"]
    assert any("mkdocs build --strict" in run for run in runs) and any("scripts/test.sh" in run for run in runs)
    tests = next(step for step in jobs["test-and-build"]["steps"] if "scripts/test.sh" in step.get("run", ""))
    # the repository has no articles: the tests reading them are deselected in plain sight, nothing else
    assert tests["run"].endswith('-m "not articles"') and "articles" in tests["name"]


def contributing() -> str:
    return (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_command_in_contributing_exists():
    import shlex

    from guide.tools.cli import _parser

    commands = re.findall(r"^\s*((?:\.venv/bin/python -m guide|bash scripts/)[^\n`]*)", contributing(), re.M)
    commands += re.findall(r"`((?:\.venv/bin/python -m guide|bash scripts/)[^`]*)`", contributing())
    assert len(commands) > 10
    for command in commands:
        if command.startswith("bash "):
            assert (REPO / command.split()[1]).is_file(), command
        elif command.split()[-1] != "--help":
            _parser().parse_args(shlex.split(command.split("python -m guide", 1)[1]))


def test_the_error_message_explained_in_contributing_is_the_one_check_prints(tmp_path):
    documented = re.search(r"```\n(content/\S+):(\d+):(\d+): (.*)\n```", contributing())
    path, _, column, message = documented.groups()
    shutil.copytree(REPO / "content", tmp_path / "content")
    role = tmp_path / path
    text = role.read_text(encoding="utf-8")
    role.write_text(text.replace("level: essential", "level: esential", 1), encoding="utf-8")
    result = guide("check", cwd=tmp_path)
    assert result.returncode == 1
    assert re.search(rf"^{re.escape(path)}:\d+:{column}: {re.escape(message)}$", result.stderr, re.M), result.stderr


def test_the_status_page_comes_in_pages_of_a_fixed_size(monkeypatch):
    import guide.pages.status
    from guide.content.graph import build_graph
    from guide.content.loading import load_content
    from guide.pages.status import status_pages

    monkeypatch.setattr(guide.pages.status, "STATUS_PAGE_SIZE", 4)
    content = FIXTURES / "small" / "content"
    states = {(row.kind, row.id): row.states for row in status_rows(content)}
    pages = status_pages(build_graph(load_content(content)), states)
    assert sorted(pages) == sorted(f"{language}/status/{page}" for language in ("en", "nl", "it")
                                   for page in ("index.md", "page_2.md"))
    second = pages["nl/status/page_2.md"]
    assert 'title: "Stand van de vertalingen (pagina 2 van 2)"' in second
    assert "Pagina 2 van 2 · [‹ Vorige pagina](index.md)\n" in second
    assert [line.split("]")[0] for line in second.splitlines() if line.startswith("| [")] == [
        "| [Wat doet een webshopmanager?", "| [Wat doet een webshopmanager? \\(Engelse editie\\)",
        "| [Waar hoort de webshop thuis?"]
