"""Languages as people type them: names in Dutch or English, or ISO 639 codes, in order.

The first language stays first (it is the family's first language for the score). A word
that names no language is kept as typed, so that the record's own check refuses it and says
which one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from babel import Locale

from matching import reference

NAME_LOCALES = ("nl", "en")


@cache
def _codes_by_name() -> dict[str, str]:
    """Every known language name (Dutch and English, lower case) to its code."""
    found: dict[str, str] = {}
    for locale in NAME_LOCALES:
        for code, name in Locale.parse(locale).languages.items():
            found.setdefault(name.lower(), code)
    for language in reference.common_languages():
        found[language.name_nl.lower()] = language.code
        found[language.name_en.lower()] = language.code
    return found


def language_code(word: str) -> str:
    """The code of a language name or code; the word itself (lower case) when unknown."""
    cleaned = " ".join(word.split()).lower()
    if reference.is_known_language(cleaned):
        return cleaned
    return _codes_by_name().get(cleaned, cleaned)


def parse_languages(text: str) -> list[str]:
    """Comma- or semicolon-separated names or codes as codes, in order, without repeats."""
    words = [part for chunk in text.split(";") for part in chunk.split(",")]
    codes = [language_code(word) for word in words if word.strip()]
    return list(dict.fromkeys(codes))


def language_text(codes: Iterable[str], locale: str) -> str:
    """Codes as names in the locale, separated by commas: the form's initial value."""
    return ", ".join(reference.language_name(code, locale) for code in codes)
