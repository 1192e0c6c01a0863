"""Languages of the interface: Dutch by default, English on request; catalogue compiling."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, session
from flask_babel import Babel, Domain, get_locale

log = logging.getLogger(__name__)

LOCALES = ("nl", "en")
DEFAULT_LOCALE = "nl"
LOCALE_KEY = "locale"
TRANSLATIONS = Path(__file__).parent / "translations"


def select_locale() -> str:
    """The language chosen in this browser session, else Dutch."""
    chosen = session.get(LOCALE_KEY)
    return chosen if chosen in LOCALES else DEFAULT_LOCALE


class LocaleCatalogues(Domain):
    """Flask-Babel's message domain, finding a locale's catalogue with one dictionary lookup.

    Flask-Babel's own lookup formats the locale's name for every string it translates (about
    5 µs, several hundred times on a list page). The catalogues are the same; only the key is
    the request's ``Locale`` (``force_locale`` and ``refresh`` change it, and so the key)."""

    def __init__(self) -> None:
        super().__init__(domain="messages")
        self._by_locale: dict[Locale, Translations | NullTranslations] = {}

    def get_translations(self) -> Translations | NullTranslations:
        """The catalogue of the request's locale (Flask-Babel's, kept per locale)."""
        locale = get_locale()
        if locale is None:
            return super().get_translations()
        found = self._by_locale.get(locale)
        if found is None:
            found = self._by_locale[locale] = super().get_translations()
        return found


CATALOGUES = LocaleCatalogues()


def use_catalogues(app: Flask, babel: Babel) -> None:
    """Translate through ``CATALOGUES``: Python code by Flask-Babel's calls, templates directly.

    The templates' ``_`` skips Flask-Babel's per-string search for the request's domain (one
    per app here); a page translates a few hundred strings."""
    babel.domain_instance = CATALOGUES  # replaces a cached property
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # jinja2.ext.i18n
        gettext=lambda s: CATALOGUES.get_translations().ugettext(s),
        ngettext=lambda s, p, n: CATALOGUES.get_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: CATALOGUES.get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: CATALOGUES.get_translations().unpgettext(c, s, p, n),
    )


def is_stale(po_path: Path, mo_path: Path) -> bool:
    """True when the compiled catalogue is missing or older than its source."""
    return not mo_path.exists() or mo_path.stat().st_mtime_ns < po_path.stat().st_mtime_ns


def compile_catalogue(po_path: Path) -> Path:
    """Compile one ``messages.po`` to the ``messages.mo`` beside it (atomically replaced)."""
    mo_path = po_path.with_suffix(".mo")
    locale = po_path.parent.parent.name
    with po_path.open("rb") as source:
        catalogue = read_po(source, locale=locale)
    partial = mo_path.with_name(f"{mo_path.name}.{os.getpid()}.tmp")
    with partial.open("wb") as target:
        write_mo(target, catalogue)
    os.replace(partial, mo_path)
    return mo_path


def compile_catalogues(directory: Path = TRANSLATIONS) -> list[Path]:
    """Compile every catalogue whose ``.mo`` is missing or stale; return the ones written."""
    written = []
    for po_path in sorted(directory.glob("*/LC_MESSAGES/messages.po")):
        if not is_stale(po_path, po_path.with_suffix(".mo")):
            continue
        try:
            written.append(compile_catalogue(po_path))
        except OSError as exc:  # a read-only install: keep serving, in the source language
            log.warning("could not compile %s: %s", po_path, exc)
    return written
