"""Reading built HTML as a browser would, for the tests that check what a page really holds (pages are
minified: attribute quotes and optional end tags are gone, so strings are not compared, elements are)."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HOSTILE = '</title><script>alert("x")</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) {: onclick=x }'
"""A text an editor could paste by mistake (or on purpose): it must show as text, never run."""

WITH_TEXT = ("a", "h1", "h2", "h3", "title", "button", "label", "th", "td", "summary", "figcaption")
"""Elements whose text is collected (their end tag is never left out)."""


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    classes: list[str] = field(default_factory=list)


class Elements(HTMLParser):
    """Every element with its attributes (and the text of those in WITH_TEXT), every script's text, and the
    visible text, as parsed."""

    # A browser reads the text of a title as text, whatever it holds, up to </title> (RCDATA), like a script's
    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

    def __init__(self, html: str = ""):
        super().__init__()
        self.elements: list[Element] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.scripts: list[str] = []
        self.data_scripts: list[str] = []
        self.text: list[str] = []
        self._script: list[str] | None = None
        self._open: list[Element] = []
        if html:
            self.feed(html)
            self.close()

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value) for name, value in attrs]
        values = {name: value or "" for name, value in attrs}
        element = Element(tag, values, classes=values.get("class", "").split())
        self.elements.append(element)
        if tag in WITH_TEXT:
            self._open.append(element)
        if tag == "script":
            self._script = self.data_scripts if values.get("type") == "application/ld+json" else self.scripts

    def handle_endtag(self, tag):
        self._script = None
        if tag in WITH_TEXT:
            for index in range(len(self._open) - 1, -1, -1):
                if self._open[index].tag == tag:
                    closed = self._open.pop(index)
                    closed.text = " ".join(closed.text.split())
                    break

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
            return
        for element in self._open:
            element.text += data
        if data.strip():
            self.text.append(data.strip())

    def find(self, tag: str, **attrs: str) -> list[Element]:
        """The elements of a tag with these attribute values (class_: one of its classes)."""
        wanted_class = attrs.pop("class_", None)
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())
                and (wanted_class is None or wanted_class in e.classes)]

    def one(self, tag: str, **attrs: str) -> Element:
        found = self.find(tag, **attrs)
        assert len(found) == 1, f"{len(found)} <{tag}> with {attrs}"
        return found[0]

    def values(self, tag: str, attribute: str) -> list[str]:
        return [e.attrs[attribute] for e in self.elements if e.tag == tag and attribute in e.attrs]

    def meta(self, key: str) -> str:
        """The content of a <meta> by its name or property."""
        found = [e.attrs.get("content", "") for e in self.find("meta")
                 if key in (e.attrs.get("name"), e.attrs.get("property"))]
        assert len(found) == 1, f"{len(found)} <meta> {key}"
        return found[0]


def parse(file: Path) -> Elements:
    return Elements(file.read_text(encoding="utf-8"))
