"""MkDocs glue: generate the guide's pages from content/ before each build and hand the theme what it needs.
The work is in guide/ (which knows nothing of MkDocs); what knows Material or static-i18n is in guide_theme,
what knows MkDocs' serving internals is in guide_serve (the preview)."""
from __future__ import annotations

from pathlib import Path

import guide_serve  # beside this file, like guide_theme
import guide_theme  # beside this file: MkDocs puts a hook's folder on the import path while loading it
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from guide.content.problems import ContentProblems
from guide.languages import DEFAULT
from guide.search import SearchIndexError, index_site
from guide.site import generate
from guide.tools.preview import problems_banner

log = get_plugin_logger(__name__)
preview = guide_serve.preview  # while serving: module globals survive the rebuilds of `mkdocs serve`


def on_startup(command: str, dirty: bool) -> None:
    guide_serve.start(command, dirty)


def on_env(env, config: MkDocsConfig, files):
    guide_serve.keep_env(env, config)
    return env


@event_priority(-110)  # after static-i18n has made this language's files and navigation
def on_files(files, config: MkDocsConfig):
    guide_serve.keep_files(files, config)
    return files


@event_priority(-110)
def on_nav(nav, config: MkDocsConfig, files):
    guide_serve.keep_nav(nav, config)
    return nav


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_pre_build(config: MkDocsConfig) -> None:
    """Runs before MkDocs cleans site_dir: content errors stop the build with the old site intact.

    static-i18n runs a build per language; the content is read and the pages written in the first
    (default-language) pass only, so it is validated once per run. While serving, the serve adapter
    regenerates only what changed, and keeps the last good pages when the content has problems.
    """
    if guide_theme.pass_language(config) != DEFAULT:
        return
    project = _project(config)
    if preview.serving:
        guide_serve.generate(config, project)
        return
    try:
        graph, changed = generate(project / "content", Path(config.docs_dir), project, config.site_url)
    except ContentProblems as problems:
        raise PluginError(problems.report()) from None
    log.info(f"guide: {graph.count()} entities, {changed} generated files changed")
    for notice in graph.notices:  # not a warning: a strict build without the articles at hand is still good
        log.info(f"guide: {notice}")


def on_page_content(html: str, page, config: MkDocsConfig, files) -> str:
    """While a preview has content problems, every page shows them at the top."""
    return problems_banner(preview.problems) + html if preview.problems else html


def on_page_context(context, page, config: MkDocsConfig, nav):
    return guide_theme.page_context(context, page, config)


def on_template_context(context, template_name: str, config: MkDocsConfig):
    return guide_theme.not_found_context(context, config) if template_name == "404.html" else context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        guide_theme.keep_not_found_page(output, config)
    return output


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    # The page's HTML is final here; MkDocs would keep its Markdown, converted content and table of contents
    # for every page of every language until the build ends (gigabytes at 5,000 entities per kind).
    page.markdown, page.content, page.toc = "", None, []  # "": MkDocs still reads the kept title
    page.meta.pop("jsonld", None)  # the structured data (kilobytes) is in the output too
    return guide_theme.finish_page(output)


@event_priority(-200)  # after static-i18n's own on_post_build, which builds the other languages
def on_post_build(config: MkDocsConfig) -> None:
    """Once every language is built (the default language's pass ends last, around the others): each
    language's 404 page in its folder, and each language's search index in its folder."""
    if guide_theme.other_language_pass(config):
        return
    guide_theme.write_not_found_pages(Path(config.site_dir))
    if preview.serving:
        guide_serve.index_search_later()
        return
    try:
        pages = index_site(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info("guide: search index of " + ", ".join(f"{count} {language}" for language, count in sorted(pages.items()))
             + " pages")


def on_serve(server, config: MkDocsConfig, builder) -> None:
    """Rebuild when content changes (added, edited or deleted YAML), only what the change reaches."""
    guide_serve.install(server, config, builder)
