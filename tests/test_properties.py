"""Property-based: whatever an editor writes (random YAML, random bytes, random edits of valid files), the
loader never crashes; only content problems, each naming a file, a line and a column, come out."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from guide.content.graph import build_graph
from guide.content.loading import load_content
from guide.content.problems import ContentProblems

SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FILES = sorted(path.relative_to(FIXTURES / "small" / "content").as_posix()
               for path in (FIXTURES / "small" / "content").rglob("*.yaml"))


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("properties") / "content"
    shutil.copytree(FIXTURES / "small" / "content", folder)
    return folder


def load_with(content: Path, relative: str, data: bytes) -> list:
    """Write one file, load everything, put the file back; return the problems (none if valid)."""
    path = content / relative
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        build_graph(load_content(content))
        return []
    except ContentProblems as raised:
        return raised.problems
    finally:
        path.write_bytes(original)


def assert_well_formed(problems: list, relative: str) -> None:
    for problem in problems:
        assert problem.path.startswith("content/") and problem.path.endswith(".yaml"), problem
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.message and "Traceback" not in problem.message, problem


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                    st.sampled_from(["shop-manager", "article", "data-driven", "essential", "TODO", "en", "nl"]))
keys = st.one_of(st.sampled_from(["id", "name", "alternative_names", "description", "needs", "relations",
                                  "sources", "competency", "level", "claims", "type", "role", "mappings",
                                  "positions", "summary", "title", "discusses", "url", "year"]),
                 st.text(max_size=12))
documents = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4),
                                                             st.dictionaries(keys, children, max_size=6)),
                         max_leaves=25)


@SETTINGS
@given(relative=st.sampled_from(FILES), data=documents)
def test_random_yaml_documents_give_content_problems_only(content, relative, data):
    text = yaml.safe_dump(data, allow_unicode=True)
    assert_well_formed(load_with(content, relative, text.encode("utf-8")), relative)


@SETTINGS
@example(relative=FILES[0], data=b"#")  # once crashed: a file of comments only composes to nothing
@example(relative=FILES[0], data=b"---\n...\n")
@given(relative=st.sampled_from(FILES), data=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_random_bytes_and_text_give_content_problems_only(content, relative, data):
    assert_well_formed(load_with(content, relative, data), relative)


YAML_PIECES = ["\t", ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system ", "'", '"', "#",
               "\n", "  ", "<<: ", "? ", "|", ">", "%", "@", "`", "TODO", "\ufeff", "\r\n", "\x00", "é", "..", "/"]


@st.composite
def mutated(draw):
    """A valid fixture file with a few random edits: lines dropped, repeated or swapped, pieces inserted."""
    relative = draw(st.sampled_from(FILES))
    lines = (FIXTURES / "small" / "content" / relative).read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "swap", "insert", "indent", "dedent"]))
        if action == "drop" and len(lines) > 1:
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "insert":
            piece = draw(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=5)))
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + piece + lines[index][at:]
        elif action == "indent":
            lines[index] = "  " + lines[index]
        else:
            lines[index] = lines[index].lstrip(" ")
    return relative, "".join(lines)


@SETTINGS
@given(case=mutated())
def test_random_edits_of_valid_content_give_content_problems_only(content, case):
    relative, text = case
    assert_well_formed(load_with(content, relative, text.encode("utf-8", "surrogatepass")), relative)
