"""`python -m guide check` remembers the files it has checked by their bytes (.cache/guide-check.sqlite): after
an edit it reads again only what changed, and it always answers what a cold check (--no-cache) answers,
whatever happened to the files in between: an edit, a touch, a checkout of another version, a file deleted
or added, a cache file damaged or written by other code."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_editor_tools import guide

from conftest import FIXTURES, REPO
from guide.content.cache import StoredCache
from guide.content.loading import load_content
from guide.content.problems import Problem
from guide.tools.cli import CHECK_CACHE

ROLE = Path("content/facts/roles/shop-manager.yaml")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "small" / "content", tmp_path / "content")
    return tmp_path


def answers(project: Path) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """What a warm check and a cold one say, in that order (the warm one first: it may write the cache)."""
    warm, cold = guide("check", cwd=project), guide("check", "--no-cache", cwd=project)
    return ((warm.returncode, warm.stdout, warm.stderr), (cold.returncode, cold.stdout, cold.stderr))


def same_as_cold(project: Path) -> tuple[int, str, str]:
    warm, cold = answers(project)
    assert warm == cold
    assert "Traceback" not in warm[2]
    return warm


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def concepts(out: str) -> int:
    return int(re.search(r"(\d+) concept", out).group(1))  # type: ignore[union-attr]


def test_a_warm_check_answers_as_a_cold_one_after_edits_touches_deletions_and_additions(project: Path):
    code, out, _ = same_as_cold(project)
    assert code == 0
    before = concepts(out)
    assert (project / CHECK_CACHE).is_file()
    replace_in(project / ROLE, "level: essential", "level: sometimes")  # broken
    code, _, errors = same_as_cold(project)
    assert code == 1 and "shop-manager.yaml:4:12: 'level' must be one of" in errors
    os.utime(project / ROLE)  # touched: the same bytes, a new time
    assert same_as_cold(project)[0] == 1
    replace_in(project / ROLE, "level: sometimes", "level: optional")  # fixed
    assert same_as_cold(project)[0] == 0
    concept = project / "content/nl/concepts/omnichannel.yaml"
    text = concept.read_text(encoding="utf-8")
    concept.unlink()  # deleted: the entity misses its Dutch text
    code, _, errors = same_as_cold(project)
    assert code == 1 and "has no Dutch text" in errors
    concept.write_text(text, encoding="utf-8")  # added back
    assert same_as_cold(project)[0] == 0
    for area in ("facts", "en", "nl", "it"):  # a new entity, its four files added at once
        source = project / "content" / area / "concepts" / "omnichannel.yaml"
        (source.parent / "multichannel.yaml").write_text(
            source.read_text(encoding="utf-8").replace("omnichannel", "multichannel"), encoding="utf-8")
    code, out, _ = same_as_cold(project)
    assert code == 0 and concepts(out) == before + 1


def test_the_cache_is_keyed_by_content_not_by_time_stamps(project: Path):
    """The same size and the same modification time, other bytes (as a checkout or a copy that keeps time
    stamps can leave them): the check sees the new bytes."""
    assert guide("check", cwd=project).returncode == 0
    role = project / ROLE
    before = role.stat()
    text = role.read_text(encoding="utf-8")
    edited = text.replace("level: essential", "level: essentiaL", 1)
    assert len(edited) == len(text) and edited != text
    role.write_text(edited, encoding="utf-8")
    os.utime(role, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert role.stat().st_size == before.st_size and role.stat().st_mtime_ns == before.st_mtime_ns
    warm = guide("check", cwd=project)
    assert warm.returncode == 1 and "'level' must be one of" in warm.stderr


def test_a_checkout_of_another_version_is_checked_as_that_version(project: Path):
    def git(*arguments: str) -> None:
        subprocess.run(["git", *arguments], cwd=project, check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@t"})

    git("init", "-q")
    (project / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "good")
    replace_in(project / ROLE, "level: essential", "level: sometimes")
    git("commit", "-qam", "broken")
    assert same_as_cold(project)[0] == 1
    git("checkout", "-q", "HEAD~1")
    assert same_as_cold(project)[0] == 0
    git("checkout", "-q", "-")
    assert same_as_cold(project)[0] == 1


def test_after_one_edit_only_that_file_is_read_again(project: Path):
    store = project / CHECK_CACHE
    cold = StoredCache(store)
    load_content(project / "content", project, cold)
    assert cold.hits == 0 and cold.misses == len(list((project / "content").rglob("*.yaml")))
    cold.save()
    replace_in(project / "content/en/roles/shop-manager.yaml", "name: Web shop manager", "name: Web shop lead")
    warm = StoredCache(store)
    content = load_content(project / "content", project, warm)
    assert (warm.misses, warm.hits) == (1, cold.misses - 1)
    names = {files.texts["en"].record.name for files in content.entities["role"].values()}  # type: ignore[attr-defined]
    assert "Web shop lead" in names


@pytest.mark.parametrize("damage", [b"not a database at all", b"SQLite format 3\x00" + b"\xff" * 200, b""])
def test_a_damaged_cache_file_means_a_cold_check_without_a_traceback(project: Path, damage: bytes):
    assert guide("check", cwd=project).returncode == 0
    replace_in(project / ROLE, "level: essential", "level: sometimes")
    (project / CHECK_CACHE).write_bytes(damage)
    code, _, errors = same_as_cold(project)
    assert code == 1 and "'level' must be one of" in errors
    assert guide("check", cwd=project).stderr == errors  # and the cache works again afterwards


def test_a_cache_written_by_other_code_is_not_used(project: Path, monkeypatch):
    """Entries depend on the reader and the model: a cache from other code is dropped whole."""
    assert guide("check", cwd=project).returncode == 0
    stale = StoredCache(project / CHECK_CACHE)
    assert stale.entries
    import guide.content.cache as cache

    monkeypatch.setattr(cache, "code_version", lambda: "other code")
    assert StoredCache(project / CHECK_CACHE).entries == {}


def test_no_cache_neither_reads_nor_writes_the_cache(project: Path):
    assert guide("check", "--no-cache", cwd=project).returncode == 0
    assert not (project / ".cache").exists()
    assert guide("check", cwd=project).returncode == 0
    # a cache that lies (a problem added to every file's entry) is believed by a warm check, ignored by --no-cache
    lying = StoredCache(project / CHECK_CACHE)
    for shown, entry in lying.entries.items():
        entry.problems.append(Problem(shown, 1, 1, "a problem only the cache knows"))
        lying.store(shown, entry)
    lying.save()
    assert "a problem only the cache knows" in guide("check", cwd=project).stderr
    written = (project / CHECK_CACHE).stat().st_mtime_ns
    assert guide("check", "--no-cache", cwd=project).returncode == 0
    assert (project / CHECK_CACHE).stat().st_mtime_ns == written


def test_git_ignores_the_cache_file():
    result = subprocess.run(["git", "check-ignore", "-q", CHECK_CACHE], cwd=REPO)
    assert result.returncode == 0, f"{CHECK_CACHE} must be ignored by git (.gitignore)"
