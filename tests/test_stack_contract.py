"""What the guide relies on in MkDocs 1.6, Material for MkDocs 9.8 and mkdocs-static-i18n 1.3, beyond their
documented options, asserted against the installed versions (hooks/guide_theme.py is the one module that
knows the theme and static-i18n's pages, hooks/guide_serve.py the one that knows MkDocs' and static-i18n's
serving internals). When a test here fails after an upgrade, its message says what to revisit;
MAINTAINING.md has the plan for each upstream. tests/test_serve.py checks the preview as a whole: the site it
serves after each kind of edit is byte for byte a fresh strict build's."""
from __future__ import annotations

import importlib.util
import inspect
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import material
import pytest
import yaml

from conftest import FIXTURES, REPO, make_project, run_mkdocs, tree_digest
from guide.languages import ALL, DEFAULT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
GUIDE_THEME = REPO / "hooks" / "guide_theme.py"

RECORDER = '''
import json, os
from pathlib import Path
from mkdocs.plugins import event_priority

LOG = Path(os.environ["CONTRACT_LOG"])

def _i18n(config):
    i18n = config.plugins["i18n"]
    return {"language": i18n.current_language, "building": bool(i18n.building)}

def _write(record):
    with LOG.open("a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\\n")

def on_pre_build(config):
    _write({"event": "pre_build", **_i18n(config)})

def on_page_context(context, page, config, nav):
    if page.url in ("roles/shop-manager/", "nl/roles/shop-manager/"):
        _write({"event": "page_context", "page": page.url, "alternate": getattr(config.extra, "alternate", None),
                **_i18n(config)})
    return context

def on_post_template(output, template_name, config):
    _write({"event": "post_template", "template": template_name, **_i18n(config)})
    return output

@event_priority(-300)
def on_files(files, config):
    from mkdocs.structure.files import Files
    plain = Files(list(files))
    language = config.plugins["i18n"].current_language
    paths = [f.src_uri for f in files] + [language + "/roles/missing.md", "roles/shop-manager.md"]
    _write({"event": "lookup", "alike": all(files.get_file_from_path(path) is plain.get_file_from_path(path)
                                            for path in paths if path.startswith(language + "/")),
            **_i18n(config)})
    _write({"event": "files", "uris": sorted(f.src_uri for f in files.documentation_pages())[:3],
            "src_uris": "nl/roles/shop-manager.md" in files.src_uris,
            "pages": [f.src_uri for f in files.documentation_pages()], **_i18n(config)})
    return files

@event_priority(-300)
def on_post_build(config):
    listed = {language: [f.src_uri for f in files]
              for language, files in config.plugins["i18n"].i18n_files_per_language.items()}
    _write({"event": "post_build", "site_404": (Path(config.site_dir) / "404.html").is_file(),
            "sitemap_lists": listed, **_i18n(config)})
'''


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> list[dict]:
    """The events of one strict build of the small site, recorded by a hook beside the guide's."""
    project = make_project(tmp_path_factory.mktemp("contract") / "project", FIXTURES / "small" / "content")
    (project / "hooks" / "contract_recorder.py").write_text(RECORDER, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("hooks:\n", "hooks:\n  - hooks/contract_recorder.py\n"),
                                        encoding="utf-8")
    log = project / "events.jsonl"
    os.environ["CONTRACT_LOG"] = str(log)
    try:
        result = run_mkdocs(project, "build", "--strict")
    finally:
        del os.environ["CONTRACT_LOG"]
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_static_i18n_builds_the_default_language_first_then_each_other_from_inside_its_post_build(recorded):
    passes = [(r["language"], r["building"]) for r in recorded if r["event"] == "pre_build"]
    assert passes == [("en", False), ("nl", True), ("it", True)], (
        "revisit guide_theme.pass_language/other_language_pass and on_pre_build in guide_hooks: the guide "
        "generates the pages in the default language's pass and writes the 404 pages after the last one")
    building = [r["building"] for r in recorded if r["event"] == "post_build"]
    assert building == [True, True, False], (
        "revisit guide_hooks.on_post_build: it expects the default language's post_build (building false) to end "
        "last, around the others")


def test_static_i18n_gives_each_page_its_versions_as_an_attribute_of_config_extra(recorded):
    contexts = {r["page"]: r["alternate"] for r in recorded if r["event"] == "page_context"}
    assert contexts["nl/roles/shop-manager/"] == [
        {"name": "English", "link": "roles/shop-manager/", "lang": "en"},
        {"name": "Nederlands", "link": "nl/roles/shop-manager/", "lang": "nl"},
        {"name": "Italiano", "link": "it/roles/shop-manager/", "lang": "it"},
    ], "revisit guide_theme.page_context: hreflang alternates and the language menu come from this"


def test_every_pass_renders_its_404_page_through_on_post_template_and_writes_it_at_the_root(recorded):
    rendered = [r["language"] for r in recorded if r["event"] == "post_template" and r["template"] == "404.html"]
    assert sorted(rendered) == sorted(language.code for language in ALL), (
        "revisit guide_theme.keep_not_found_page: the 404 page of each language is captured there")
    assert all(r["site_404"] for r in recorded if r["event"] == "post_build")


def test_mkdocs_yml_gives_static_i18n_the_guides_languages():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    listed = [(entry["locale"], entry["name"], entry.get("default") == "true") for entry in i18n["languages"]]
    assert listed == [(language.code, language.native, language.code == DEFAULT) for language in ALL], (
        "mkdocs.yml's languages and guide/languages.py must list the same languages, in the same order")
    assert config["nav"][0] == "index.md"


def test_a_build_without_static_i18n_stops_with_a_message_that_says_what_is_missing(small_project: Path):
    config = (small_project / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("  - i18n:")
    end = config.index("\nhooks:")
    (small_project / "mkdocs.yml").write_text(config[:start] + config[end:], encoding="utf-8")
    result = run_mkdocs(small_project, "build", "--strict")
    assert result.returncode == 1
    assert "the guide needs the mkdocs-static-i18n plugin ('i18n' under plugins: in mkdocs.yml)" in result.stderr
    assert "Traceback" not in result.stderr


def test_materials_base_template_has_the_blocks_and_partials_the_overrides_replace():
    base = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")
    blocks = set(re.findall(r"{% block (\w+)", base))
    assert {"site_meta", "htmltitle", "extrahead", "content", "config", "scripts"} <= blocks, (
        "revisit overrides/main.html and overrides/404.html: they override these blocks")
    for partial in ("header", "toc", "search"):
        assert (MATERIAL_TEMPLATES / "partials" / f"{partial}.html").is_file()
    assert '{% include "partials/header.html" %}' in base and '{% include "partials/toc.html" %}' in base
    for include in ('"partials/logo.html"', '".icons/" ~ icon ~ ".svg"'):  # used by overrides/partials/header.html
        assert include in (MATERIAL_TEMPLATES / "partials" / "header.html").read_text(encoding="utf-8")


def test_materials_toggles_still_carry_the_attribute_the_adapter_removes():
    """If Material drops `autocomplete` from its checkboxes, guide_theme.CHECKBOX_AUTOCOMPLETE can go."""
    spec = importlib.util.spec_from_file_location("guide_theme", GUIDE_THEME)
    assert spec and spec.loader
    guide_theme = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(guide_theme)
    CHECKBOX_AUTOCOMPLETE = guide_theme.CHECKBOX_AUTOCOMPLETE
    base = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")
    toggles = [line.strip() for line in base.splitlines() if 'class="md-toggle"' in line]
    assert len(toggles) == 2 and all(CHECKBOX_AUTOCOMPLETE.fullmatch(toggle) for toggle in toggles), toggles


def test_materials_toc_still_labels_a_toggle_that_only_nav_pages_have():
    """If Material's TOC title stops being a <label for="__toc"> everywhere, overrides/partials/toc.html can go."""
    toc = (MATERIAL_TEMPLATES / "partials" / "toc.html").read_text(encoding="utf-8")
    assert '<label class="md-nav__title" for="__toc">' in toc
    assert '{% include "partials/toc-item.html" %}' in toc


def test_properdocs_builds_the_same_site_as_mkdocs(small_site, tmp_path):
    """The escape hatch of MAINTAINING.md: ProperDocs, the maintained continuation of MkDocs 1.x, builds the
    same site from the same configuration, byte for byte (the pages carry no generator tag: overrides/main.html
    writes the head's metadata itself; each language's search bundle holds one language, so Pagefind's entry
    files have one order)."""
    project = make_project(tmp_path / "project", small_site.content)
    result = subprocess.run([str(Path(sys.executable).parent / "properdocs"), "build", "--strict"], cwd=project,
                            capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                 "GUIDE_SITE_URL": small_site.server.origin + "/"})
    assert result.returncode == 0, result.stderr
    theirs, ours = tree_digest(project / "site"), tree_digest(small_site.folder)
    assert sorted(theirs) == sorted(ours)
    assert [path for path in ours if theirs[path] != ours[path]] == []


# ---- the preview (hooks/guide_serve.py) --------------------------------------------------------------------

SERVE_ADAPTER = "revisit hooks/guide_serve.py"


def test_the_live_reload_server_calls_its_builder_attribute_and_wakes_on_its_condition():
    from mkdocs.livereload import LiveReloadServer

    loop = inspect.getsource(LiveReloadServer._build_loop)
    assert "self.builder()" in loop, f"{SERVE_ADAPTER}.install: the server no longer calls server.builder()"
    assert "self._want_rebuild" in loop and "self._rebuild_cond" in loop, (
        f"{SERVE_ADAPTER}._wake (the inotify watcher and the Enter key wake the build loop with these)")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    assert isinstance(server._rebuild_cond, threading.Condition) and server._want_rebuild is False, SERVE_ADAPTER
    assert callable(server.watch) and callable(server.unwatch), SERVE_ADAPTER


def test_mkdocs_serve_watches_docs_before_on_serve():
    import mkdocs.commands.serve as serve_module

    source = inspect.getsource(serve_module.serve)
    assert source.index("server.watch(config.docs_dir)") < source.index("config.plugins.on_serve("), (
        f"{SERVE_ADAPTER}.install unwatches docs_dir, which serve must have watched before on_serve")


def _guide_serve() -> Any:
    spec = importlib.util.spec_from_file_location("guide_serve", REPO / "hooks" / "guide_serve.py")
    assert spec and spec.loader
    guide_serve = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("guide_serve", guide_serve)  # its dataclasses look their module up
    spec.loader.exec_module(guide_serve)
    return guide_serve


def test_mkdocs_builds_pages_and_the_sitemap_with_these_steps():
    import mkdocs.commands.build as build_module
    import mkdocs.structure.nav as nav_module
    from mkdocs.structure.files import _file_sort_key
    from mkdocs.structure.pages import Page

    assert list(inspect.signature(build_module._populate_page).parameters) == ["page", "config", "files", "dirty"], (
        f"{SERVE_ADAPTER}._render_again calls _populate_page(page, config, files)")
    assert list(inspect.signature(build_module._build_page).parameters)[:5] == [
        "page", "config", "doc_files", "nav", "env"], f"{SERVE_ADAPTER}._render_again calls _build_page"
    assert list(inspect.signature(build_module._build_theme_template).parameters) == [
        "template_name", "env", "files", "config", "nav"], (
        f"{SERVE_ADAPTER}._render_again writes the sitemap again with _build_theme_template")
    assert "if template_name == 'sitemap.xml':" in inspect.getsource(build_module._build_theme_template), (
        f"{SERVE_ADAPTER}._render_again: _build_theme_template('sitemap.xml', ...) writes its .gz too")
    assert list(inspect.signature(Page).parameters) == ["title", "file", "config"], (
        f"{SERVE_ADAPTER}._render_again makes a new file's page as get_navigation does: Page(None, file, config)")
    assert "Page(None, file, config)" in inspect.getsource(nav_module), (
        f"{SERVE_ADAPTER}._render_again: MkDocs no longer makes the pages the navigation does not list that way")
    assert _file_sort_key("index.md") < _file_sort_key("a.md"), f"{SERVE_ADAPTER}._walk_order"


def test_static_i18n_reconfigures_the_config_and_the_files_for_its_current_language():
    from mkdocs.config import load_config
    from mkdocs_static_i18n.plugin import I18n

    config = load_config(str(REPO / "mkdocs.yml"))
    i18n = config.plugins["i18n"]
    i18n.current_language = "nl"
    config = i18n.on_config(config)
    assert config.site_name == "Gids voor de e-commercemanager" and config.theme["language"] == "nl", (
        f"{SERVE_ADAPTER}._render_again switches language with i18n.current_language and i18n.on_config")
    assert list(inspect.signature(I18n.reconfigure_files).parameters) == ["self", "files", "mkdocs_config"], (
        f"{SERVE_ADAPTER}._files_of makes the files of new pages with i18n.reconfigure_files(files, config)")


def test_static_i18n_finds_a_file_of_the_pass_language_as_mkdocs_own_files_do(recorded):
    """The preview renders pages again with MkDocs' own Files for looking links up (static-i18n's lookup, with
    its fallbacks, takes several times as long): for every path in the pass's language, the guide's links,
    both find the same file (or none)."""
    alike = {r["language"]: r["alike"] for r in recorded if r["event"] == "lookup"}
    assert alike == {language.code: True for language in ALL}, f"{SERVE_ADAPTER}._render_again: links"


def test_static_i18n_lists_each_languages_pages_for_the_sitemap_in_the_order_mkdocs_walks_docs(recorded):
    """The sitemap (static-i18n's template, written by every pass, the last one's kept) lists the pages of
    i18n_files_per_language: the preview sorts a language's list with _walk_order after pages came or went."""
    from mkdocs_static_i18n.plugin import I18n

    guide_serve = _guide_serve()
    walked = {r["language"]: r["pages"] for r in recorded if r["event"] == "files"}
    listed = [r["sitemap_lists"] for r in recorded if r["event"] == "post_build"][-1]
    assert list(listed) == [language.code for language in ALL], f"{SERVE_ADAPTER}: the sitemap's language order"
    for language, pages in listed.items():
        assert pages == walked[language], f"{SERVE_ADAPTER}: the sitemap lists the pass's pages as it made them"
        assert pages == sorted(pages, key=guide_serve._walk_order), f"{SERVE_ADAPTER}._walk_order"
    sitemaps = [r["language"] for r in recorded if r["event"] == "post_template" and r["template"] == "sitemap.xml"]
    assert sitemaps[-1] == ALL[-1].code, f"{SERVE_ADAPTER}._render_again writes the sitemap in the last pass's context"
    assert "i18n_files_per_language" in inspect.getsource(I18n), (
        f"{SERVE_ADAPTER}._render_again updates i18n_files_per_language for the sitemap")


def test_static_i18n_gives_each_pass_files_keyed_by_the_generated_paths(recorded):
    passes = {r["language"]: r["src_uris"] for r in recorded if r["event"] == "files"}
    assert passes == {"en": False, "nl": True, "it": False}, (
        f"{SERVE_ADAPTER}: a language's files must be found by the docs/ path guide.incremental reports "
        "(files.src_uris['nl/roles/x.md'] in the nl pass)")
