"""Render planned pages to Markdown through the templates, in one language."""
from __future__ import annotations

import html
import json
import string
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from ..languages import LANGUAGES
from .labels import Labels
from .links import Link
from .markdown import front_matter_value, markdown_escape, markdown_text
from .structured import script_json

if TYPE_CHECKING:
    from .paging import Pager
    from .planning import PlannedPage

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: object) -> object:
    """Everything a template prints is escaped as text unless it is Markdown the guide made itself."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return Markup(markdown_text(value))


def _join_links(links: Iterable[Link]) -> Markup:
    return Markup(", ".join(link.__markdown__() for link in links))


def _join_text(values: Iterable[object]) -> Markup:
    return Markup(", ".join(markdown_text(value) for value in values))


def _fill(template: str, *values: object) -> Markup:
    """A label with values in its {} fields, as Markdown: its own words and plain values as text, a link (or
    other Markdown the guide made) as it is."""
    parts = []
    for index, (words, field_name, _, _) in enumerate(string.Formatter().parse(template)):
        parts.append(markdown_escape(words))
        if field_name is not None:
            value = values[int(field_name) if field_name else index]
            parts.append(value.__markdown__() if hasattr(value, "__markdown__") else markdown_text(value))
    return Markup("".join(parts))


def _paged_title(title: str, pager: Pager | None, page_of: str) -> str:
    """'Roles' on an overview's first page, 'Roles (page 2 of 50)' on the next ones (page_of: a label)."""
    if pager is None or pager.number == 1:
        return title
    return f"{title} ({page_of.format(pager.number, pager.count).lower()})"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        front=lambda value: Markup(front_matter_value(value)),
        front_list=lambda values: Markup(", ".join(front_matter_value(value) for value in values)),
        front_json=lambda data: Markup(json.dumps(script_json(data), ensure_ascii=False)),
        join_links=_join_links,
        join_text=_join_text,
        fill=_fill,
        paged=_paged_title,
        attr=lambda value: Markup(html.escape(str(value), quote=True)),  # a raw HTML attribute's value
    )
    env.globals["link_to"] = lambda text, href: Link(text, href)
    return env


def render_page(page: PlannedPage, language: str) -> str:
    """A planned page (guide.pages.PlannedPage) as Markdown with front matter."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language}")
    template = environment().get_template(page.template)
    text = template.render(page.context, t=Labels(language), language=language, description=page.description,
                           jsonld=page.jsonld)
    return _tidy(text)


def _tidy(text: str) -> str:
    """Collapse runs of blank lines left by template logic; end with one newline."""
    lines, blank = [], False
    for line in text.strip().splitlines():
        if not line.strip():
            if not blank:
                lines.append("")
            blank = True
            continue
        blank = False
        lines.append(line.rstrip() if not line.endswith("  ") else line)
    return "\n".join(lines) + "\n"
