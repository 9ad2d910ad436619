"""README's worked example works as written: its YAML, its error message, its result on the site."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    description = re.search(r"^description: (.*)$", english, re.M).group(1)
    for language, name, translated in (
            ("nl", "Businessplanning", "Het opstellen van het businessplan voor de e-commerce van het bedrijf."),
            ("it", "Pianificazione aziendale", "La stesura del piano aziendale dell'e-commerce dell'azienda.")):
        assert f"`name: {name}`, `description: {translated}`" in readme, f"README gives another {language} text"
        (content / f"{language}/competencies/business-planning.yaml").write_text(english.replace(
            "name: Business planning", f"name: {name}").replace(description, translated), encoding="utf-8")
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


# ---- every README command says what it is missing, and how to install it ------------------------------------

README_COMMANDS = {  # what each command the README gives needs, and the test below that takes it away
    "scripts/serve.sh": "python3 (3.11.5+, venv): test_the_shell_scripts_say_python_is_missing...",
    "scripts/test.sh": "the same, then chromium, java, npm: test_test_sh_names_debians_packages_it_misses",
    "scripts/lock.sh": "python3 (3.11.5+, venv): test_the_shell_scripts_say_python_is_missing...",
    "guide": "PyYAML, pydantic (.venv): test_a_missing_python_package_is_one_line...; linkcheck: a built site",
    "scripts/screenshots.py": "playwright, chromium, a built site: test_a_missing_python_package..., "
                              "test_screenshots_without_chromium_or_a_built_site_say_so",
    "bench/run.py": "the site's packages and playwright, chromium, node and npm: test_the_benchmark_names_...",
    "scripts/og_images.py": "PyYAML, playwright, chromium: test_a_missing_python_package..., test_og_images_...",
}
NOT_COMMANDS = {"scripts/needs.sh": "sourced by the three shell scripts",
                "scripts/fonts.py": "a maintainer's one-off in a venv of its own (its docstring says which)"}
BASE_PYTHON = sys._base_executable  # the Python the project's venv was made from (not a venv's)


def test_every_command_the_readme_gives_is_covered_here():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    given = {found.removeprefix("bash ").removeprefix(".venv/bin/python ").replace("-m guide", "guide")
             for found in re.findall(r"bash scripts/[\w.]+|\.venv/bin/python (?:-m guide|[\w/]+\.py)", readme)}
    scripts = {path.relative_to(REPO).as_posix() for pattern in ("*.sh", "*.py")
               for path in (REPO / "scripts").glob(pattern)}
    assert given <= set(README_COMMANDS)
    assert scripts <= set(README_COMMANDS) | set(NOT_COMMANDS)


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), **env})


def one_line(result: subprocess.CompletedProcess) -> str:
    """The one line a command that cannot run prints, having exited with 1 and no traceback."""
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr, result
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.rstrip("\n")


def bin_folder(folder: Path, **programs: str) -> Path:
    """A folder for PATH holding only these programs (name -> the program it runs, or a shell script)."""
    folder.mkdir()
    for name, target in programs.items():
        if target.startswith("#!"):
            (folder / name).write_text(target, encoding="utf-8")
            (folder / name).chmod(0o755)
        else:
            (folder / name).symlink_to(target)
    return folder


@pytest.fixture
def shell_project(tmp_path: Path) -> Path:
    """The shell scripts in a folder of their own: whatever they would go on to do happens there."""
    (tmp_path / "scripts").mkdir()
    for name in ("serve.sh", "test.sh", "lock.sh", "needs.sh"):
        shutil.copy(REPO / "scripts" / name, tmp_path / "scripts" / name)
    return tmp_path


def test_the_shell_scripts_say_python_is_missing_too_old_or_without_venv(shell_project: Path):
    no_python = bin_folder(shell_project / "none", dirname="/usr/bin/dirname")
    for script in ("serve.sh", "test.sh", "lock.sh"):
        result = run(["/bin/bash", f"scripts/{script}"], shell_project, PATH=str(no_python))
        assert one_line(result) == (f"scripts/{script}: python3 is missing: install Python 3.11.5 or newer with "
                                    "`sudo apt-get install python3 python3-venv`")
    old = bin_folder(shell_project / "old", dirname="/usr/bin/dirname", python3="#!/bin/sh\necho 3.11.2\nexit 1\n")
    assert one_line(run(["/bin/bash", "scripts/serve.sh", "build"], shell_project, PATH=str(old))) == (
        "scripts/serve.sh: Python 3.11.5 or newer is needed, python3 is 3.11.2: install one (e.g. `pyenv install "
        "3.11.7`) and run `PYTHON=$(pyenv root)/versions/3.11.7/bin/python3 bash scripts/serve.sh`")
    without_venv = bin_folder(shell_project / "novenv", dirname="/usr/bin/dirname", python3=(
        f'#!/bin/sh\ncase "$*" in *ensurepip*) exit 1;; esac\nexec {BASE_PYTHON} "$@"\n'))
    assert one_line(run(["/bin/bash", "scripts/serve.sh"], shell_project, PATH=str(without_venv))) == (
        "scripts/serve.sh: python3 has no venv module (to make .venv): install it with "
        "`sudo apt-get install python3-venv`")
    assert not (shell_project / ".venv").exists()


def test_test_sh_names_debians_packages_it_misses(shell_project: Path):
    path = bin_folder(shell_project / "bin", dirname="/usr/bin/dirname", id="/usr/bin/id", python3=BASE_PYTHON)
    assert one_line(run(["/bin/bash", "scripts/test.sh"], shell_project, PATH=str(path))) == (
        "scripts/test.sh: missing Debian's chromium default-jre-headless npm (the browser tests, the HTML checker): "
        "install with `sudo apt-get install chromium default-jre-headless npm` (as root, this script installs them "
        "itself)")


def bare_venv(folder: Path) -> Path:
    """A venv with no packages at all (not even pip): its Python."""
    subprocess.run([BASE_PYTHON, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
    return folder / "bin" / "python"


@pytest.fixture(scope="module")
def python_project(tmp_path_factory) -> Path:
    """The Python commands (with guide/needs.py, which they ask first) in a folder whose .venv has nothing in it,
    as after `python3 -m venv .venv` with no install: the commands must say so, not end in a traceback."""
    project = tmp_path_factory.mktemp("project")
    for path in ("guide/__init__.py", "guide/__main__.py", "guide/needs.py", "scripts/screenshots.py",
                 "scripts/og_images.py", "bench/run.py"):
        (project / path).parent.mkdir(exist_ok=True)
        shutil.copy(REPO / path, project / path)
    bare_venv(project / ".venv")
    return project


PACKAGES_MISSING = {
    ("scripts/screenshots.py",): "scripts/screenshots.py: the Python package playwright is missing: install it with "
                                 "`.venv/bin/pip install --require-hashes -r requirements-dev.lock`",
    ("scripts/og_images.py",): "scripts/og_images.py: the Python packages PyYAML, playwright are missing: install "
                               "them with `.venv/bin/pip install --require-hashes -r requirements-dev.lock`",
    ("-m", "guide", "check"): "python -m guide: the Python packages PyYAML, pydantic are missing: install them with "
                              "`.venv/bin/pip install --require-hashes -r requirements.lock`",
    ("bench/run.py",): "bench/run.py: the Python packages PyYAML, mkdocs, pydantic, playwright are missing: install "
                       "them with `.venv/bin/pip install --require-hashes -r requirements-dev.lock`",
}


@pytest.mark.parametrize("command", list(PACKAGES_MISSING))
def test_a_missing_python_package_is_one_line_with_the_command_that_installs_it(python_project, command):
    result = run([str(python_project / ".venv" / "bin" / "python"), *command], python_project)
    assert one_line(result) == PACKAGES_MISSING[command]


def test_another_python_or_no_venv_at_all_is_told_what_to_run(python_project, tmp_path):
    other = bare_venv(tmp_path / "other")
    result = run([str(other), "scripts/screenshots.py", "--language", "nl"], python_project)
    assert one_line(result) == (
        f"scripts/screenshots.py: the Python package playwright is missing from {other}: run `.venv/bin/python "
        "scripts/screenshots.py --language nl` (the project's Python); if .venv lacks it too, install with "
        "`.venv/bin/pip install --require-hashes -r requirements-dev.lock`")
    fresh = tmp_path / "fresh"  # a checkout where nothing was installed yet
    shutil.copytree(python_project, fresh, ignore=shutil.ignore_patterns(".venv"))
    assert one_line(run([str(other), "-m", "guide", "status"], fresh)) == (
        "python -m guide: the Python packages PyYAML, pydantic are missing and there is no .venv yet: install them "
        "with `bash scripts/serve.sh build`, then run `.venv/bin/python -m guide status`")
    assert one_line(run([str(other), "scripts/screenshots.py"], fresh)) == (
        "scripts/screenshots.py: the Python package playwright is missing and there is no .venv yet: install it "
        "with `bash scripts/serve.sh build && .venv/bin/pip install --require-hashes -r requirements-dev.lock`, then "
        "run `.venv/bin/python scripts/screenshots.py`")


CHROMIUM_MISSING = ("Chromium is missing: the browser tests drive Debian's Chromium at /nowhere/chromium. Install it "
                    "with `apt-get install chromium` (scripts/test.sh does so as root); never `playwright install`.")


def test_screenshots_without_chromium_or_a_built_site_say_so(tmp_path):
    no_site = run([sys.executable, "scripts/screenshots.py", str(tmp_path / "site")], REPO)
    assert one_line(no_site) == (f"{tmp_path / 'site'}: not a built site (no index.html); build it first: "
                                 "bash scripts/serve.sh build")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    no_chromium = run([sys.executable, "scripts/screenshots.py", str(tmp_path / "site"), "--out",
                       str(tmp_path / "shots")], REPO, PATH=str(tmp_path), GUIDE_CHROMIUM="/nowhere/chromium")
    assert one_line(no_chromium) == f"scripts/screenshots.py: {CHROMIUM_MISSING}"
    assert not (tmp_path / "shots").exists()
    no_built = run([sys.executable, "-m", "guide", "linkcheck", str(tmp_path / "nothing")], REPO)
    assert one_line(no_built) == (f"python -m guide linkcheck: {(tmp_path / 'nothing').as_posix()} is not a built "
                                  "site (it has no index.html): build it first with `bash scripts/serve.sh build`")


def test_og_images_without_chromium_says_so(tmp_path):
    result = run([sys.executable, "scripts/og_images.py"], REPO, PATH=str(tmp_path), GUIDE_CHROMIUM="/nowhere/chromium")
    assert one_line(result) == f"scripts/og_images.py: {CHROMIUM_MISSING}"


def test_the_benchmark_names_the_program_it_misses_before_it_starts(tmp_path):
    bench = tmp_path / "bench"  # a copy: were a check missing, it would run (and write its results) there
    shutil.copytree(REPO / "bench", bench, ignore=shutil.ignore_patterns("node", "results", "__pycache__"))
    empty = bin_folder(tmp_path / "bin")
    assert one_line(run([sys.executable, "bench/run.py", "--work", str(tmp_path / "work")], tmp_path,
                        PATH=str(empty), CHROME_PATH="/nowhere/chromium")) == (
        "bench/run.py: /nowhere/chromium is missing (the bytes each page loads are measured in it): install it with "
        "`sudo apt-get install chromium`")
    chromium = bin_folder(tmp_path / "chromium", chromium="#!/bin/sh\n") / "chromium"
    assert one_line(run([sys.executable, "bench/run.py", "--work", str(tmp_path / "work")], tmp_path,
                        PATH=str(empty), CHROME_PATH=str(chromium))) == (
        "bench/run.py: node is missing (Lighthouse runs on it; or run with --no-lighthouse): install it with "
        "`sudo apt-get install nodejs npm`")
    assert not (bench / "results").exists()
