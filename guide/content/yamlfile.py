"""Read one YAML file into plain data, remembering the line of every value.

Only plain data gets through: no tags (so nothing is ever executed), no anchors or aliases (so nothing
can expand exponentially), no duplicate keys (which PyYAML would silently drop), no name that a [...] list
split at its comma without a word (flowlists.py). Every problem is reported with its line and column, 1-based.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .flowlists import flow_list_problems
from .problems import Problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STANDARD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STANDARD + name for name in ("str", "int", "float", "bool", "null")}
_TIMESTAMP = _STANDARD + "timestamp"
_STR = _STANDARD + "str"
_MAX_DEPTH = 40
_MAX_BYTES = 1_000_000
_scalar_builder = yaml.SafeLoader("")

Location = tuple[int, int]
KeyPath = tuple[Any, ...]


@dataclass
class YamlDocument:
    """The data of one file and where each part of it stands (path of keys and indexes -> line, col).

    Where each part stands is only needed to report a problem, so it is worked out from the text the first
    time it is asked for: most files have none, and the positions of every value of tens of thousands of
    files took more memory than their data."""

    display_path: str
    data: Any
    text: str = ""
    raw: bytes = b""  # the file's bytes, when the text is only decoded if a position is asked for
    path: str = ""  # where to read them, when a cache answered for the file without reading it
    _marks: dict[KeyPath, Location] = field(default_factory=dict, repr=False)
    _value_marks: dict[KeyPath, Location] = field(default_factory=dict, repr=False)  # where single values start
    _positions_known: bool = field(default=False, repr=False)

    def _work_out_positions(self) -> None:
        if not self._positions_known:
            self._positions_known = True
            if not (self.text or self.raw) and self.path:
                self.raw = read_bytes(self.path, self.display_path)[0] or b""
            root = yaml.compose(self.text or decode(self.raw), Loader=Loader)
            if root is not None:  # it was composed once already, when the file was read
                _to_plain(root, (), self, [], set(), 0, record=True)

    @property
    def marks(self) -> dict[KeyPath, Location]:
        self._work_out_positions()
        return self._marks

    @property
    def value_marks(self) -> dict[KeyPath, Location]:
        self._work_out_positions()
        return self._value_marks

    def location(self, key_path: KeyPath, at_key: bool = False) -> Location:
        """Where a single value starts (or, with at_key or for a list or mapping, its field name starts);
        for a part that does not exist, where the closest enclosing part does."""
        key_path = tuple(key_path)
        if key_path in self.value_marks and not at_key:
            return self.value_marks[key_path]
        while key_path not in self.marks and key_path:
            key_path = key_path[:-1]
        return self.marks.get(key_path, (1, 1))

    def problem(self, key_path: KeyPath, message: str, at_key: bool = False) -> Problem:
        line, col = self.location(key_path, at_key)
        return Problem(self.display_path, line, col, message)


def read_yaml(path: Path | str, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse a file; return the document, or None and the problems that make it unreadable."""
    raw, problems = read_bytes(path, display_path)
    if raw is None:
        return None, problems
    return parse_yaml(raw, display_path)


def read_bytes(path: Path | str, display_path: str) -> tuple[bytes | None, list[Problem]]:
    """A content file's bytes, or None and the problem that keeps it from being read."""
    try:
        with open(path, "rb") as file:
            raw = file.read(_MAX_BYTES + 1)  # no more: a huge file is refused, not read whole
            if len(raw) > _MAX_BYTES:
                size = os.fstat(file.fileno()).st_size
                return None, [Problem(display_path, 1, 1, f"the file is {size / 1e6:.1f} MB; a content file "
                                      f"describes one entity and stays under {_MAX_BYTES / 1e6:.0f} MB: remove "
                                      "what does not belong in it")]
        return raw, []
    except OSError as error:
        return None, [Problem(display_path, 1, 1, f"the file cannot be read ({error.strerror or error}): check "
                              "that it exists and is a regular file")]


def decode(raw: bytes) -> str:
    """A content file's text (UTF-8, with or without a byte order mark); raises UnicodeDecodeError."""
    return raw.decode("utf-8-sig")


def parse_yaml(raw: bytes, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse a content file's bytes; return the document, or None and the problems that make it unreadable."""
    def problem(line: int, col: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display_path, line, col, message)]

    try:
        text = decode(raw)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return problem(line, col, "the file is not UTF-8 text (byte "
                       f"0x{raw[error.start]:02x}): save it with UTF-8 encoding")
    if not text.strip():
        return problem(1, 1, "the file is empty: write its fields, starting with 'id: <id>'")
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            return problem(number, indent.index("\t") + 1,
                           "this line is indented with a tab: YAML needs spaces; replace the tab with spaces")
    try:
        # before composing: libyaml's composer crashes on very deep nesting (tens of thousands of levels)
        structure = _structure_problem(text) if _may_be_hostile(text) else None
        if structure is not None:
            (line, col), message = structure
            return problem(line, col, message)
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        found = error.problem_mark or error.context_mark
        what = " ".join(part for part in (error.context, error.problem) if part)
        return problem(found.line + 1 if found else 1, found.column + 1 if found else 1,
                       f"YAML syntax error: {what}; check the indentation, colons and quotes "
                       "on this line and the line before it")
    except yaml.YAMLError as error:  # reader errors carry no line: fall back to the top of the file
        return problem(1, 1, f"YAML cannot be read: {error}")
    if root is None:  # only comments, blank lines or a document marker
        return problem(1, 1, "the file has no fields, only comments: write its fields, starting with 'id: <id>'")
    document = YamlDocument(display_path, None, text)
    problems: list[Problem] = []
    document.data = _to_plain(root, (), document, problems, set(), 0, record=False)
    if problems:
        return None, problems
    # the data is read, but a [...] list may have split a name at its comma: said, and the data still checked
    return document, flow_list_problems(root, display_path) if "[" in text else []


_ALIAS_MESSAGE = "anchors and aliases (& and *) are not allowed: write the value out in full"


_SAFE_INDICATORS = 5_000  # libyaml composes 10,000 levels of nesting without trouble


def _may_be_hostile(text: str) -> bool:
    """Whether the text could hold an alias or nesting deep enough to crash libyaml's composer.

    Every collection needs an indicator of its own ('-' or ':' or '?' in block style, '[' or '{' in flow
    style), so a text with fewer indicators than the composer can nest is safe to compose; nesting deeper
    than _MAX_DEPTH is then reported while converting. Aliases need a '*'. Most content files pass this
    test, and the slower event scan (a quarter of the reading time) is skipped for them."""
    return "*" in text or sum(text.count(indicator) for indicator in "-:?[{") >= _SAFE_INDICATORS


def _structure_problem(text: str) -> tuple[Location, str] | None:
    """((line, column), message) for the first alias or too deep nesting, else None. Streams parser events, so it is
    fast and small even for input that would expand exponentially or nest deeply if composed."""
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            return _where(event), _ALIAS_MESSAGE
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                return _where(event), f"the data is nested more than {_MAX_DEPTH} levels deep: flatten it"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _where(event: yaml.Event) -> Location:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _fail(problems: list[Problem], document: YamlDocument, where: Location, message: str) -> None:
    problems.append(Problem(document.display_path, *where, message))


def _to_plain(node: yaml.Node, key_path: KeyPath, document: YamlDocument, problems: list[Problem],
              seen: set[int], depth: int, record: bool) -> Any:
    """The plain data of a node; with record, also where each part stands (into the document's marks)."""
    mark = node.start_mark
    where = (mark.line + 1, mark.column + 1)
    if record and key_path not in document._marks:
        document._marks[key_path] = where
    if id(node) in seen:
        return _fail(problems, document, where, _ALIAS_MESSAGE)
    seen.add(id(node))
    tag = node.tag
    if tag == _STR and type(node) is yaml.ScalarNode:  # most values: text, as written
        if record:
            document._value_marks[key_path] = where
        return node.value
    if depth >= _MAX_DEPTH and not isinstance(node, yaml.ScalarNode):  # the root is at depth 0, level 1
        return _fail(problems, document, where, f"the data is nested more than {_MAX_DEPTH} levels deep: flatten it")
    if not tag.startswith(_STANDARD) or tag.startswith(_STANDARD + "python"):
        return _fail(problems, document, where, f"the tag '{tag.replace(_STANDARD, '!!')}' is not allowed: "
                     "content is plain data; remove the tag")
    if isinstance(node, yaml.ScalarNode):
        if record:
            document._value_marks[key_path] = where
        if tag in _SCALAR_TAGS:
            return _scalar_builder.yaml_constructors[tag](_scalar_builder, node)
        if tag == _TIMESTAMP:
            return node.value  # a date stays the text the editor wrote
        return _fail(problems, document, where, f"the tag '{tag.replace(_STANDARD, '!!')}' is not allowed: remove it")
    if isinstance(node, yaml.SequenceNode):
        return [_to_plain(item, key_path + (index,), document, problems, seen, depth + 1, record)
                for index, item in enumerate(node.value)]
    mapping: dict[Any, Any] = {}
    first_line: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key_where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if key_node.tag == _STANDARD + "merge":
            _fail(problems, document, key_where, "merge keys (<<) are not allowed: write the fields out in full")
            continue
        if not isinstance(key_node, yaml.ScalarNode):
            _fail(problems, document, key_where, "a field name must be a plain word, not a list or mapping")
            continue
        key = key_node.value
        if key in first_line:
            _fail(problems, document, key_where,
                  f"duplicate field '{key}' (first given on line {first_line[key]}): keep only one of them")
            continue
        first_line[key] = key_where[0]
        if record:
            document._marks[key_path + (key,)] = key_where
        mapping[key] = _to_plain(value_node, key_path + (key,), document, problems, seen, depth + 1, record)
    return mapping
