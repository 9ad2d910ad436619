"""MkDocs glue: generate the guide's pages from content/ before each build. All logic lives in guide/."""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from guide.problems import ContentProblems  # noqa: E402
from guide.site import generate  # noqa: E402

log = get_plugin_logger(__name__)


def _content_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / "content"


def on_pre_build(config: MkDocsConfig) -> None:
    """Runs before MkDocs cleans site_dir: content errors stop the build with the old site intact.

    static-i18n runs a build per language; the content is read and the pages written in the first
    (default-language) pass only, so it is validated once per run.
    """
    i18n = config.plugins.get("i18n")
    if i18n is not None and not i18n.is_default_language_build:
        return
    project = Path(config.config_file_path).resolve().parent
    try:
        graph, changed = generate(_content_dir(config), Path(config.docs_dir), project)
    except ContentProblems as problems:
        raise PluginError(problems.report()) from None
    log.info(f"guide: {graph.count()} entities, {changed} generated pages changed")


def on_serve(server, config: MkDocsConfig, builder) -> None:
    """Rebuild when content changes (added, edited or deleted YAML)."""
    server.watch(str(_content_dir(config)))
