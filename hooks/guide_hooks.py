"""MkDocs glue: generate the guide's pages from content/ before each build. All logic lives in guide/."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import minify_html
from jinja2 import BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from guide.model import LANGUAGES, site_folder  # noqa: E402
from guide.postprocess import absolute_alternates, search_base_for_language, write_search_index  # noqa: E402
from guide.preview import problems_banner, report_problems  # noqa: E402
from guide.problems import ContentProblems  # noqa: E402
from guide.site import generate  # noqa: E402

log = get_plugin_logger(__name__)
DEFAULT_LANGUAGE = LANGUAGES[0]
_preview = {"serving": False, "problems": None}  # module globals survive the rebuilds of `mkdocs serve`


class _TemplateCache(BytecodeCache):
    """Compiled theme templates, kept across the language passes.

    MkDocs makes a new template environment per build, and static-i18n runs a build per language, so every
    Material template was compiled three times (half a second of a five-second build). A template whose
    source changes is compiled again (jinja2 compares a checksum of the source)."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_templates = _TemplateCache()


def on_env(env, config: MkDocsConfig, files):
    env.bytecode_cache = _templates
    return env


def _content_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / "content"


def _language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n is not None else DEFAULT_LANGUAGE


def on_pre_build(config: MkDocsConfig) -> None:
    """Runs before MkDocs cleans site_dir: content errors stop the build with the old site intact.

    static-i18n runs a build per language; the content is read and the pages written in the first
    (default-language) pass only, so it is validated once per run.
    """
    if _language(config) != DEFAULT_LANGUAGE:
        return
    project = Path(config.config_file_path).resolve().parent
    try:
        # with several cores, the languages' pages are rendered in parallel (not while serving: forking a
        # process that runs the live-reload server's threads is not safe)
        parallel = not _preview["serving"] and (os.cpu_count() or 1) > 1
        graph, changed = generate(_content_dir(config), Path(config.docs_dir), project, config.site_url,
                                  processes=len(LANGUAGES) if parallel else 1)
    except ContentProblems as problems:
        if not (_preview["serving"] and (Path(config.docs_dir) / DEFAULT_LANGUAGE / "index.md").is_file()):
            raise PluginError(problems.report()) from None
        # serving, with pages from an earlier good build: keep them, report the problems, keep serving
        _preview["problems"] = problems.report(with_col=True)
        report_problems(_preview["problems"])
        return
    _preview["problems"] = None
    log.info(f"guide: {graph.count()} entities, {changed} generated files changed")


def on_startup(command: str, dirty: bool) -> None:
    _preview["serving"] = command == "serve"


def on_page_content(html: str, page, config: MkDocsConfig, files) -> str:
    """While a preview has content problems, every page shows them at the top."""
    return problems_banner(_preview["problems"]) + html if _preview["problems"] else html


def on_page_context(context, page, config: MkDocsConfig, nav):
    context["guide_default_language"] = DEFAULT_LANGUAGE
    if page.is_homepage and _language(config) == DEFAULT_LANGUAGE:
        context["guide_redirect_languages"] = [language for language in LANGUAGES if language != DEFAULT_LANGUAGE]
    return context


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    # The page's HTML is final here; MkDocs would keep its Markdown, converted content and table of contents
    # for every page of every language until the build ends (gigabytes at 5,000 entities per kind).
    page.markdown, page.content, page.toc = "", None, []  # "": MkDocs still reads the kept title
    page.meta.pop("jsonld", None)  # the structured data (kilobytes) is in the output too
    output = absolute_alternates(output, page.canonical_url or config.site_url)
    output = search_base_for_language(output, site_folder(_language(config)))
    # the theme's templates indent everything: a tenth of every page was whitespace
    return minify_html.minify(output, keep_closing_tags=True, keep_html_and_head_opening_tags=True,
                              minify_css=True, minify_js=False)


def _search_plugin(config: MkDocsConfig):
    return config.plugins.get("material/search") or config.plugins.get("search")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Material's search plugin writes the index it holds at the end of every build pass (and once more when
    static-i18n calls it at the very end), each time serializing a whole language's entries in one string:
    the build's memory peaks. `on_post_build` below writes each language's index itself, so Material's
    becomes an empty placeholder, overwritten by the default language's index when the build ends. (The
    search plugin makes a new index object in its own `on_config`, which runs before this one, each pass.)"""
    search = _search_plugin(config)
    if search is not None and getattr(search, "search_index", None) is not None:
        search.search_index.generate_search_index = lambda prev: "{}"
    return config


@event_priority(-200)  # after static-i18n has gathered the search entries of the language just built
def on_post_build(config: MkDocsConfig) -> None:
    """Write the search index of the language just built, to its own folder (site/nl/search/...).

    static-i18n gathers every language's search entries, one build pass after another, to write one index
    mixing them all at the end. Each language's entries are written here as soon as its pass ends and taken
    out of that list, so memory never holds them all (hundreds of MB at 5,000 entities per kind) and no
    reader downloads another language's index. The default language's pass ends last, around the others.
    """
    i18n = config.plugins.get("i18n")
    search = _search_plugin(config)
    if i18n is None or search is None:
        return
    language = i18n.current_language if i18n.building else DEFAULT_LANGUAGE
    entries = search.search_index.entries
    settings = {key: search.config[key] for key in ("lang", "separator", "pipeline", "fields")}  # as Material
    write_search_index(Path(config.site_dir) / site_folder(language) / "search" / "search_index.json",
                       settings, entries, language)
    written = {id(entry) for entry in entries}
    i18n.search_entries[:] = [entry for entry in i18n.search_entries if id(entry) not in written]


def on_serve(server, config: MkDocsConfig, builder) -> None:
    """Rebuild when content changes (added, edited or deleted YAML)."""
    server.watch(str(_content_dir(config)))
