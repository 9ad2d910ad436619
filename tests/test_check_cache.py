"""`python -m guide check` remembers the files it has checked by their bytes (.cache/guide-check.sqlite): after
an edit it reads again only what changed (and does not even read a file the system says was not written since
it was hashed), and it always answers what a cold check (--no-cache) answers, whatever happened to the files in
between: an edit, a touch, a checkout of another version, a file deleted or added, a cache file damaged or
written by other code."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from test_editor_tools import guide

import guide.content.cache as cache_module
from conftest import FIXTURES, REPO
from guide.content.cache import StoredCache, settled_signature
from guide.content.graph import build_graph
from guide.content.loading import load_content
from guide.content.problems import ContentProblems, Problem
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
    replace_in(project / "content/facts/sources/article.yaml", "concepts: [omnichannel]",  # it rests on a source
               "concepts: [omnichannel, multichannel]")
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
    entity_files = [path for path in (project / "content").rglob("*.yaml") if path.name != "guide.yaml"]
    assert cold.hits == 0 and cold.misses == len(entity_files)  # (guide.yaml is read on its own, every time)
    cold.save()
    replace_in(project / "content/en/roles/shop-manager.yaml", "name: Web shop manager", "name: Web shop lead")
    warm = StoredCache(store)
    content = load_content(project / "content", project, warm)
    assert (warm.misses, warm.hits) == (1, cold.misses - 1)
    names = {files.texts["en"].record.name for files in content.entities["role"].values()}  # type: ignore[attr-defined]
    assert "Web shop lead" in names


def trusted_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Signatures relied on as soon as they are taken (the real rule waits until a file's change time is two
    seconds old, longer than a test should wait), so that the files a test has just written are not read."""
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)
    time.sleep(0.05)  # past the clock tick of the last write: a next write gets a later change time


def report(project: Path, cache: StoredCache | None) -> str:
    try:
        build_graph(load_content(project / "content", project, cache))
    except ContentProblems as problems:
        return problems.report(with_col=True)
    return "valid"


def test_a_file_not_written_since_it_was_hashed_is_not_read_again(project: Path, monkeypatch):
    trusted_at_once(monkeypatch)
    store = project / CHECK_CACHE
    cold = StoredCache(store)
    load_content(project / "content", project, cold)
    cold.save()
    total = cold.misses
    warm = StoredCache(store)
    load_content(project / "content", project, warm)
    assert (warm.misses, warm.hits, warm.unread) == (0, total, total)
    time.sleep(0.05)
    replace_in(project / "content/en/roles/shop-manager.yaml", "name: Web shop manager", "name: Web shop lead")
    os.utime(project / ROLE)  # touched: read again, found the same, and not read the time after
    warm.save()
    again = StoredCache(store)
    load_content(project / "content", project, again)
    assert (again.misses, again.hits, again.unread) == (1, total - 1, total - 2)
    again.save()
    last = StoredCache(store)
    load_content(project / "content", project, last)
    assert (last.misses, last.unread) == (0, total)


def test_new_bytes_with_the_old_size_and_modification_time_are_read(project: Path, monkeypatch):
    """What a checkout or a copy that keeps time stamps can leave: the change time, which no one can set,
    tells the file was written."""
    trusted_at_once(monkeypatch)
    store = project / CHECK_CACHE
    cold = StoredCache(store)
    assert report(project, cold) == "valid"
    cold.save()
    role = project / ROLE
    before = role.stat()
    text = role.read_text(encoding="utf-8")
    role.write_text(text.replace("level: essential", "level: essentiaL", 1), encoding="utf-8")
    os.utime(role, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (role.stat().st_size, role.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    warm = StoredCache(store)
    assert "'level' must be one of" in report(project, warm)
    assert warm.misses == 1


def test_a_file_written_within_two_seconds_is_not_taken_on_its_signature(tmp_path: Path, monkeypatch):
    """Two writes within one tick of the system's clock leave the same time stamps: a signature is relied on
    only once the file's change time is two seconds old."""
    path = tmp_path / "file.yaml"
    path.write_text("id: x\n", encoding="utf-8")
    assert settled_signature(str(path)) is None
    later = time.time_ns() + 2_000_000_000
    monkeypatch.setattr(cache_module.time, "time_ns", lambda: later)
    assert settled_signature(str(path)) is not None


def test_problems_found_in_a_file_not_read_again_name_their_line(project: Path, monkeypatch):
    """The shop manager's facts are taken on their signature; the competency they need is then deleted: the
    message points into them, at the line a cold check names."""
    trusted_at_once(monkeypatch)
    store = project / CHECK_CACHE
    cold = StoredCache(store)
    assert report(project, cold) == "valid"
    cold.save()
    for area in ("facts", "en", "nl", "it"):
        (project / "content" / area / "competencies" / "data-driven.yaml").unlink()
    warm = StoredCache(store)
    answer = report(project, warm)
    assert warm.unread > 0
    assert "content/facts/roles/shop-manager.yaml:3:17: unknown competency 'data-driven'" in answer
    assert answer == report(project, None)


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
