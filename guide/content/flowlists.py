"""A name with a comma in a [...] list: YAML splits a flow-style list at every comma, so
`alternative_names: [Store structure, navigation and product data]` gives two names, 'Store structure' and
'navigation and product data', without a word. This finds the items that read as the rest of the name before
them, and says how to keep the name whole.

An item reads as the rest of the one before it when both are written plain (an editor who quotes an item has
decided where it ends) and
- it starts with a lowercase word: the guide's names start with a capital ("Head of digital", "Webshop
  manager", "Zoekmachineoptimalisatie") or are abbreviations ("SEO", "CDO"), in all three languages; the words
  that follow a comma inside a name ("navigation", "A/B and multivariate testing, funnel optimisation") do not;
  a word with a dot, a digit or a capital inside ("bol.com", "eBay", "iPhone") is a name of its own;
- the item before it does not end with closing punctuation (. ! ? ; : … ) ] » ” "): after that, a new item
  starts rather than a name going on;
- the two are not ids: lists of ids (`roles: [e-commerce-manager, cmo]`) are all lowercase, and an id has no
  spaces and no commas, so an id after an id is never half a name.
"""
from __future__ import annotations

import json
import re

import yaml

from .problems import Problem

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")  # letters, perhaps joined by hyphens or apostrophes
_ID = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)*")
_CLOSING = tuple(".!?;:…)]»”\"'")


def flow_list_problems(root: yaml.Node, display_path: str) -> list[Problem]:
    """One problem for each place in the document where a [...] list seems to cut a name at its comma."""
    problems: list[Problem] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
            if node.flow_style:
                problems += _cut_names(node, display_path)
    return sorted(problems)


def _plain(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.tag == "tag:yaml.org,2002:str"


def _goes_on(before: yaml.Node, item: yaml.Node) -> bool:
    """Whether the item reads as the rest of the name the item before it starts (the rules above)."""
    if not (_plain(before) and _plain(item)):
        return False
    words = str(item.value).split()
    return bool(words and _WORD.fullmatch(words[0]) and words[0] == words[0].lower()
                and not str(before.value).endswith(_CLOSING))


def _cut_names(sequence: yaml.SequenceNode, display_path: str) -> list[Problem]:
    items = sequence.value
    problems = []
    index = 1
    while index < len(items):
        before, item = items[index - 1], items[index]
        if not _goes_on(before, item) or (_ID.fullmatch(before.value) and _ID.fullmatch(item.value)):
            index += 1
            continue
        end = index + 1  # the name may go on over more commas: "Price, quality, and service"
        while end < len(items) and _goes_on(items[end - 1], items[end]):
            end += 1
        start = index - 1
        parts = [part.value for part in items[start:end]]
        problems.append(_problem(display_path, items, start, end, parts))
        index = end + 1
    return problems


_COUNTS = {2: "two", 3: "three", 4: "four"}


def _problem(display_path: str, items: list[yaml.Node], start: int, end: int, parts: list[str]) -> Problem:
    name = ", ".join(parts)
    count = _COUNTS.get(len(parts), str(len(parts)))
    pieces = ", ".join(f"'{part}'" for part in parts[:-1]) + f" and '{parts[-1]}'"
    written = [_as_written(item) for item in items]
    separate = [*written[:start], *(json.dumps(part, ensure_ascii=False) for part in parts), *written[end:]]
    whole = [*written[:start], json.dumps(name, ensure_ascii=False), *written[end:]]
    mark = items[start].start_mark
    return Problem(display_path, mark.line + 1, mark.column + 1, (
        f"this list gives {pieces} as {count} names, as YAML splits a [...] list at every comma; if they are "
        f"{count} names, quote them: [{', '.join(separate)}]; if '{name}' is one name, quote it: "
        f"[{', '.join(whole)}]"))


def _as_written(item: yaml.Node) -> str:
    """An item as it would be written in the corrected list: a plain word as it is, anything else quoted."""
    if _plain(item):
        return str(item.value)
    if isinstance(item, yaml.ScalarNode):
        return json.dumps(item.value, ensure_ascii=False)
    return "..."  # a list or mapping inside the list: not repeated in the message
