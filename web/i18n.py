"""Languages of the interface: Dutch by default, English on request; catalogue compiling."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import session

log = logging.getLogger(__name__)

LOCALES = ("nl", "en")
DEFAULT_LOCALE = "nl"
LOCALE_KEY = "locale"
TRANSLATIONS = Path(__file__).parent / "translations"


def select_locale() -> str:
    """The language chosen in this browser session, else Dutch."""
    chosen = session.get(LOCALE_KEY)
    return chosen if chosen in LOCALES else DEFAULT_LOCALE


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
