"""Filters and globals the templates use to show codes as words."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, url_for
from flask_babel import format_decimal, get_locale

from matching import reference, vocab
from matching.runs.stats import read_objective, read_stats
from solver.status import SolveStatus
from web import labels
from web.i18n import DEFAULT_LOCALE, LOCALES


def language_names(codes: Iterable[str]) -> str:
    """Language codes as names in the user's language, separated by commas."""
    locale = str(get_locale() or DEFAULT_LOCALE)
    return ", ".join(reference.language_name(code, locale) for code in codes)


def district_names(codes: Iterable[str]) -> str:
    """District codes as their names, separated by commas."""
    return ", ".join(labels.district_name(code) for code in codes)


def situation_names(codes: Iterable[str]) -> str:
    """Situation tags as words, separated by commas."""
    return ", ".join(labels.label(labels.SITUATION_LABELS, code) for code in codes)


ROW_ID_MARK = 2_000_000_011  # an id that fits every id converter and appears nowhere else


def row_url(endpoint: str, key: str, **values: Any) -> Callable[[int], str]:
    """A URL builder for a table's rows: ``url_for`` once, then each row's id put in.

    Building a URL costs about 10 µs; a list page links each of its 50 rows twice."""
    arguments: dict[str, Any] = {**values, key: ROW_ID_MARK}
    head, mark, tail = url_for(endpoint, **arguments).partition(str(ROW_ID_MARK))
    if not mark or "?" in head:  # not in the path: url_for put it in the query string
        raise ValueError(f"{endpoint}: {key} is not part of the URL's path")

    def build(row_id: int) -> str:
        return f"{head}{int(row_id)}{tail}"

    return build


def current_locale() -> dict[str, str]:
    """The language of the page being rendered, as ``current_locale``."""
    return {"current_locale": str(get_locale() or DEFAULT_LOCALE)}


def register_templating(app: Flask) -> None:
    """Add the filters, and the vocabularies the layouts need."""
    app.add_template_filter(language_names, "languages")
    app.add_template_filter(district_names, "districts")
    app.add_template_filter(labels.district_name, "district")
    app.add_template_filter(format_decimal, "number")
    app.add_template_filter(read_stats, "run_stats")
    app.add_template_filter(read_objective, "run_objective")
    app.add_template_filter(situation_names, "situations")
    app.add_template_filter(lambda code: labels.label(labels.ROLE_LABELS, code), "role")
    app.add_template_filter(
        lambda code: labels.label(labels.FAMILY_STATUS_LABELS, code), "family_status"
    )
    app.add_template_filter(
        lambda code: labels.label(labels.VOLUNTEER_KIND_LABELS, code), "volunteer_kind"
    )
    app.jinja_env.globals.update(
        DAYS=vocab.DAYS,
        PARTS=vocab.PARTS,
        DAY_LABELS=labels.DAY_LABELS,
        PART_LABELS=labels.PART_LABELS,
        LOCALES=LOCALES,
        SolveStatus=SolveStatus,
        row_url=row_url,
        **vocab.enums(),
    )
    app.context_processor(current_locale)
