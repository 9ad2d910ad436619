"""Fast checks of the benchmark's pieces and of the performance changes it led to (the benchmark itself,
bench/run.py, is not a test: it takes most of an hour)."""
from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

import synth
from guide.content.graph import build_graph
from guide.content.loading import load_content


def test_synthetic_content_is_valid_and_connected(tmp_path: Path):
    content = tmp_path / "content"
    assert synth.generate(content, 3) == 3 * 5 * 4
    graph = build_graph(load_content(content, tmp_path))  # raises ContentProblems if anything is wrong
    assert graph.count() == 15
    linked = {entity for relation in graph.relations for entity in (relation.subject, relation.target)}
    assert linked == {entity for by_id in graph.entities.values() for entity in by_id.values()}


def test_sync_folder_writes_only_what_changed_and_removes_what_is_no_longer_generated(tmp_path):
    import os

    from guide.site import sync_folder

    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "guide.css").write_text("kept")
    assert sync_folder(docs, {"en/a.md": "A", "en/x/b.md": "B", "nl/a.md": "A nl"}, ("en", "nl")) == 3
    os.utime(docs / "en/a.md", (1, 1))
    assert sync_folder(docs, {"en/a.md": "A", "nl/a.md": "A nl, edited"}, ("en", "nl")) == 2  # 1 written, 1 removed
    assert (docs / "en/a.md").stat().st_mtime == 1  # unchanged: not rewritten
    assert (docs / "nl/a.md").read_text() == "A nl, edited"
    assert not (docs / "en/x").exists()  # its only file went, and the empty folder with it
    assert (docs / "assets" / "guide.css").read_text() == "kept"  # not an owned folder
