"""The theme adapter: everything the guide's hooks know of Material for MkDocs and mkdocs-static-i18n, in one
place (guide/ knows neither). tests/test_stack_contract.py asserts each upstream behaviour relied on here
and names what to revisit when one changes.

Relied on: static-i18n builds the default language, then each other language from its own on_post_build
(`i18n.building` set, `i18n.current_language` the language of the pass), and sets `config.extra.alternate`
to the page's versions in every language; Material renders templates from `overrides/` first, and writes its
404 page to the site's root on every pass; MkDocs runs `on_post_template` for that page.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import minify_html
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from guide.languages import BY_CODE, DEFAULT, LANGUAGES, site_folder
from guide.pages.labels import label
from guide.pages.links import page_url
from guide.search import BUNDLE as SEARCH_BUNDLE
from guide.search import bundle_folder, search_key

I18N = "i18n"
OG_IMAGE = "assets/og/{}.png"  # a link preview's image per language (scripts/og_images.py makes them)
THEME_LABELS = ("language_menu", "search", "search_placeholder", "search_none", "search_one", "search_other",
                "search_more", "home_nav", "not_found_title", "not_found_text", "not_found_search")
# Material's base template gives its two toggle checkboxes an autocomplete attribute, which HTML does not allow
# on checkboxes (the Nu Html Checker's error on every page); the attribute does nothing there.
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") '
                                   r'autocomplete="off">')

_not_found: dict[str, str] = {}  # language -> its 404 page, kept until every pass has run


def pass_language(config: MkDocsConfig) -> str:
    """The language of the build pass running now."""
    i18n = config.plugins.get(I18N)
    if i18n is None:
        raise PluginError("the guide needs the mkdocs-static-i18n plugin ('i18n' under plugins: in mkdocs.yml): "
                          "it builds the Dutch and Italian pages; install requirements.lock (scripts/serve.sh does) "
                          "and keep it configured")
    return i18n.current_language


def other_language_pass(config: MkDocsConfig) -> bool:
    """Whether this pass builds a language other than the default, from inside the default language's pass."""
    return bool(config.plugins[I18N].building)


def relative_url(page_url: str, link: str) -> str:
    """static-i18n's link to a page's version (relative to the site's root, e.g. "nl/roles/x/", or an absolute
    path such as "/nl/") as the page links to it."""
    if link.startswith("/"):
        return link
    return "../" * page_url.count("/") + link or "./"


def labels(language: str) -> dict[str, str]:
    return {key: label(key, language) for key in THEME_LABELS}


def page_context(context: dict[str, Any], page, config: MkDocsConfig) -> dict[str, Any]:
    """What overrides/ need to render a page: its metadata, its alternates, the language menu."""
    language = pass_language(config)
    url = page.canonical_url or config.site_url
    # static-i18n sets this page's versions as an attribute of config.extra (as Material's templates read it:
    # the item of the same name holds the language roots); each link is relative to the site's root
    alternates = getattr(config.extra, "alternate", None) or []
    site = config.site_url
    menu = [{"code": alt["lang"], "name": alt["name"], "href": relative_url(page.url, alt["link"]),
             "current": alt["lang"] == language} for alt in alternates]
    absolute = [{"hreflang": alt["lang"], "url": urljoin(site, alt["link"])} for alt in alternates]
    if absolute:  # a reader whose language the guide does not have: the root picks one for them
        absolute.append({"hreflang": "x-default", "url": config.site_url})
    meta = page.meta or {}
    title = meta.get("title") or page.title or config.site_name
    names = [title, *(meta.get("tags") or [])]
    context["guide"] = {
        "t": labels(language), "languages": menu, "alternates": absolute, "url": url, "title": title,
        "search_bundle": relative_url(page.url, bundle_folder(language) + "/"),
        "searchable": not (meta.get("search") or {}).get("exclude", False),
        "search_names": " | ".join(names[1:]), "search_keys": " ".join(search_key(name) for name in names),
        "description": meta.get("description") or config.site_description,
        "og_type": "website" if page.is_homepage else "article", **_locales(language), **_image(config, language),
        "default_language": DEFAULT,
        "redirect_languages": [code for code in LANGUAGES if code != DEFAULT]
        if page.is_homepage and language == DEFAULT else [],
    }
    return context


def not_found_context(context: dict[str, Any], config: MkDocsConfig) -> dict[str, Any]:
    """What overrides/404.html needs: links that work from any address (absolute paths), and, on the default
    language's page, the other languages' folders, whose missing addresses show their own language's page."""
    language = pass_language(config)
    home = urlsplit(page_url(config.site_url, site_folder(language), "index.md")).path
    overviews = [{"text": label(f"plural_{kind}", language), "href": f"{home}{folder}/"}
                 for kind, folder in (("role", "roles"), ("competency", "competencies"), ("concept", "concepts"),
                                      ("source", "sources"), ("debate", "debates"))]
    menu = [{"code": code, "name": BY_CODE[code].native, "current": code == language,
             "href": urlsplit(page_url(config.site_url, site_folder(code), "index.md")).path} for code in LANGUAGES]
    context["guide"] = {
        "t": labels(language), "languages": menu, "alternates": [], "url": None, "home": home,
        "search_bundle": home + SEARCH_BUNDLE + "/", "searchable": False,  # home: the language's folder
        "overviews": overviews, "title": label("not_found_title", language),
        "description": label("not_found_text", language), "og_type": "website", **_locales(language),
        **_image(config, language), "default_language": DEFAULT, "redirect_languages": [],
        "not_found_elsewhere": [code for code in LANGUAGES if code != DEFAULT] if language == DEFAULT else [],
    }
    return context


def _locales(language: str) -> dict[str, Any]:
    return {"locale": BY_CODE[language].locale,
            "other_locales": [BY_CODE[code].locale for code in LANGUAGES if code != language]}


def _image(config: MkDocsConfig, language: str) -> dict[str, str]:
    return {"image": config.site_url.rstrip("/") + "/" + OG_IMAGE.format(language)}


def keep_not_found_page(output: str, config: MkDocsConfig) -> None:
    """Every pass writes its 404 page to the site's root (the last one built would win): keep each."""
    _not_found[pass_language(config)] = output


def write_not_found_pages(site_dir: Path) -> None:
    """404.html at the root in the default language, <lang>/404.html in the others."""
    for language, output in _not_found.items():
        path = site_dir / site_folder(language) / "404.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(finish_page(output), encoding="utf-8")
    _not_found.clear()


def finish_page(html: str) -> str:
    """The page as written: valid HTML (see CHECKBOX_AUTOCOMPLETE) without the theme's indentation (a tenth of
    every page was whitespace)."""
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1>", html)
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True, minify_css=True,
                              minify_js=False)
