"""Templates and labels: safe text, translated interface, no English on Dutch or Italian pages."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from conftest import FIXTURES, make_project, run_mkdocs
from guide.pages.markdown import front_matter_value, markdown_text
from guide.model import LANGUAGES
from guide.pages.labels import label_table


def test_every_label_exists_in_every_language():
    for key, translations in label_table().items():
        assert sorted(translations) == sorted(LANGUAGES), key
        assert all(isinstance(text, str) and text.strip() for text in translations.values()), key


def test_markdown_text_escapes_markup_and_markdown():
    assert markdown_text("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert markdown_text("[x](javascript:alert(1))") == "\\[x\\]\\(javascript:alert\\(1\\)\\)"
    assert markdown_text("# not a heading\n- nor a list") == "\\# not a heading \\- nor a list"
    assert front_matter_value('a "quoted" <b>') == '"a &quot;quoted&quot; &lt;b&gt;"'


class Elements(HTMLParser):
    """Every attribute of every element, and the text of every script, as a browser would parse them."""

    def __init__(self):
        super().__init__()
        self.attributes, self.scripts, self.data_scripts, self._script = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag == "script":
            self._script = self.data_scripts if dict(attrs).get("type") == "application/ld+json" else self.scripts

    def handle_endtag(self, tag):
        self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) {: onclick=x }'


def test_html_and_script_in_text_fields_are_shown_as_text(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "small" / "content", content)
    role = content / "en" / "roles" / "shop-manager.yaml"
    role.write_text(role.read_text().replace("name: Web shop manager", f"name: '{HOSTILE}'")
                    .replace("description: Runs the web shop and its results.", f"description: '{HOSTILE}'"))
    project = make_project(tmp_path / "project", content)
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    for page in (project / "site").rglob("*.html"):
        elements = Elements()
        elements.feed(page.read_text(encoding="utf-8"))
        assert not [name for _, name, _ in elements.attributes if name.startswith("on")], page
        assert not [value for _, name, value in elements.attributes
                    if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:")], page
        assert not [tag for tag, name, value in elements.attributes if tag == "img" and value == "x"], page
        assert not [script for script in elements.scripts if "alert" in script], page
        assert all(json.loads(data) for data in elements.data_scripts), page  # JSON-LD stays data
    html = (project / "site" / "roles" / "shop-manager" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html or '&lt;script&gt;alert("x")' in html


ENGLISH_CHROME = ["Made with", "Table of contents", ">Search<", "Back to top", "Skip to content"]


def test_dutch_and_italian_pages_show_no_english_interface_text(built_small):
    # the language switcher names each language in its own language ("English"): that is intended
    english_only = {text["en"].strip() for key, text in label_table().items() if key != "language_en"
                    and text["en"].strip() not in (text["nl"].strip(), text["it"].strip())}
    for language in ("nl", "it"):
        for page in (built_small / language).rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            visible = set(re.findall(r">([^<>]+)<", html))
            assert not (english_only & {text.strip().rstrip(":") for text in visible}), page
            assert not [chrome for chrome in ENGLISH_CHROME if chrome in html], page
