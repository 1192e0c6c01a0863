"""Form fields of the portals: checkbox lists (such as the 5 × 2 half-day grid) and choices."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import LazyString
from wtforms import SelectMultipleField, StringField
from wtforms.widgets import CheckboxInput, ListWidget

from matching import reference, vocab
from matching.people.language_input import parse_languages


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes; the template may lay them out (e.g. as a grid)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LanguagesField(StringField):
    """Languages typed as names or codes, separated by commas; the first is the first language."""

    def codes(self) -> list[str]:
        """The typed languages as ISO 639 codes, in order."""
        return parse_languages(self.data or "")


def half_day_choices() -> list[tuple[str, str]]:
    """The ten half-days, mon_am … fri_pm (the template shows them as a 5 × 2 grid)."""
    return [(code, code) for code in vocab.HALF_DAYS]


def district_choices() -> list[tuple[str, str]]:
    """Utrecht's ten districts by their own names."""
    return [(code, district.name) for code, district in reference.districts().items()]


def labelled(codes: tuple[str, ...], labels: Mapping[str, LazyString]) -> list[tuple[str, Any]]:
    """Choices of codes with their (lazily translated) words."""
    return [(code, labels.get(code, code)) for code in codes]
