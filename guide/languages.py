"""The guide's languages, defined once: their codes, names and locales, and where each one's pages sit.
mkdocs.yml's static-i18n `languages` must list the same (tests/test_stack_contract.py checks it)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str     # ISO 639-1, as in content/<code>/ and <html lang>
    name: str     # in English, for editors' messages ("has no Dutch text")
    native: str   # in itself, for the language menu (mkdocs.yml gives static-i18n the same)
    locale: str   # for link previews (og:locale)


ALL = (Language("en", "English", "English", "en_GB"), Language("nl", "Dutch", "Nederlands", "nl_NL"),
       Language("it", "Italian", "Italiano", "it_IT"))
LANGUAGES = tuple(language.code for language in ALL)
"""The language codes; the first is the default, built at the site root."""
DEFAULT = LANGUAGES[0]
BY_CODE = {language.code: language for language in ALL}
NAMES = {language.code: language.name for language in ALL}


def site_folder(language: str) -> str:
    """Where a language's pages sit in the built site: '' (the root) for the default, else its code."""
    return "" if language == DEFAULT else language
