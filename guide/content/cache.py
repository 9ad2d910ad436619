"""Content files already read and checked, remembered by their bytes.

A file whose bytes are exactly those of an earlier read is not parsed or validated again: its problems and
its record are taken from the cache. The key is a hash of the file's bytes (with its path, which its
messages name), never its modification time or size alone: a `touch`, a checkout of another version or a
copy that keeps the time stamps cannot make the cache answer for bytes it has not seen.

Reading and hashing every file is skipped only for a file the system says has not been written since it was
hashed: the same device, inode, size, modification time and change time as then (git's index does the
same). The change time is set by the system at every write and cannot be set back (`touch`, `cp -p` and a
checkout all change it); and a file is only taken on its signature when that change time was already two
seconds old when the signature was taken, so a second write within the clock's resolution (a few
milliseconds) cannot go unnoticed.

The cache is also keyed by the code that decides what a file's outcome is (the YAML reader, the model, the
messages, the Python and library versions): when any of them changes, every entry is dropped, so a warm
check always answers what a cold one would.

`python -m guide check` keeps it on disk (`.cache/guide-check.sqlite` in the project folder, ignored by
git); `mkdocs serve` keeps one in memory between rebuilds. A cache file that cannot be read (damaged,
written by another version) is set aside and the check runs cold.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pydantic
import yaml

from .model import Record
from .problems import Problem

# the modules whose code decides what reading and checking one file gives (a problem's text, a record)
_DECIDING = ("yamlfile.py", "flowlists.py", "model.py", "messages.py", "placeholders.py", "loading.py",
             "problems.py", "cache.py", "../languages.py")


def code_version() -> str:
    """A fingerprint of everything that decides a file's outcome, besides its bytes."""
    digest = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for name in _DECIDING:
        digest.update((here / name).read_bytes())
    digest.update(f"{sys.version}|{pydantic.VERSION}|{yaml.__version__}".encode())
    return digest.hexdigest()


def content_key(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


Signature = tuple[int, int, int, int, int]  # device, inode, size, modification and change times (ns)
SETTLED_NS = 2_000_000_000  # how old a file's change time must be for its signature to be relied on


def settled_signature(path: str) -> Signature | None:
    """What the system says of the file now (taken before reading it), if it may stand for its bytes later:
    None when it cannot be read, or when it changed too recently to be told apart from a next write."""
    signature = current_signature(path)
    if signature is None or time.time_ns() - signature[4] < SETTLED_NS:
        return None
    return signature


def current_signature(path: str) -> Signature | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


@dataclass
class Entry:
    """What reading and checking one file gave: its problems, and its record if it passed its model."""

    key: bytes
    problems: list[Problem]
    record: Record | None
    signature: Signature | None = None  # the file's, when it was hashed (settled_signature)


@dataclass
class ContentCache:
    """Entries by the file's displayed path (as its messages name it). `hits` and `misses` count the
    lookups of the last load (for the log and the tests)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    unread: int = 0  # of the hits, the files not even read (their signature unchanged)
    _changed: set[str] = field(default_factory=set)

    def unchanged(self, shown: str, path: str) -> Entry | None:
        """The entry of a file the system says is as it was when hashed (no need to read it)."""
        entry = self.entries.get(shown)
        if entry is None or entry.signature is None or entry.signature != current_signature(path):
            return None
        self.hits += 1
        self.unread += 1
        return entry

    def lookup(self, shown: str, key: bytes) -> Entry | None:
        entry = self.entries.get(shown)
        if entry is not None and entry.key == key:
            self.hits += 1
            return entry
        self.misses += 1
        return None

    def store(self, shown: str, entry: Entry) -> None:
        self.entries[shown] = entry
        self._changed.add(shown)

    def start(self) -> None:
        """Before a load: count afresh."""
        self.hits = self.misses = self.unread = 0

    def keep_only(self, shown: set[str]) -> None:
        """After a load: forget the files that are gone."""
        for gone in set(self.entries) - shown:
            del self.entries[gone]
            self._changed.add(gone)


class StoredCache(ContentCache):
    """A ContentCache kept in a SQLite file between runs: read whole at the start, and only the entries
    that changed written back."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = Path(path)
        self.version = code_version()
        self.usable = True
        try:
            self.entries = dict(self._read())
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
                ValueError, IndexError):
            # damaged, or written by code that is gone: start afresh (the file is replaced on save)
            self.entries = {}
            self._set_aside()

    def _read(self) -> Iterator[tuple[str, Entry]]:
        if not self.path.is_file():
            return
        with closing(sqlite3.connect(self.path)) as db:
            found = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
            if found is None or found[0] != self.version:
                return
            for shown, key, payload in db.execute("SELECT path, key, payload FROM files"):
                problems, record, signature = pickle.loads(payload)
                yield shown, Entry(key, problems, record, signature)

    def _set_aside(self) -> None:
        with suppress(OSError):
            self.path.unlink()

    def save(self) -> None:
        """Write what changed since the cache was read (everything, when it was written by other code)."""
        if not self._changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path)) as db, db:
                db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
                stored = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
                changed = self._changed
                if stored is None or stored[0] != self.version:
                    db.execute("DROP TABLE IF EXISTS files")  # (its columns may be another version's too)
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (self.version,))
                    changed = set(self.entries)
                db.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, key BLOB, payload BLOB)")
                for shown in changed:
                    entry = self.entries.get(shown)
                    if entry is None:
                        db.execute("DELETE FROM files WHERE path = ?", (shown,))
                    else:
                        payload = pickle.dumps((entry.problems, entry.record, entry.signature),
                                               protocol=pickle.HIGHEST_PROTOCOL)
                        db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", (shown, entry.key, payload))
        except (OSError, sqlite3.Error):
            # a cache that cannot be written (read-only folder, full disk, damaged file) costs time, not answers
            self._set_aside()
        self._changed = set()
