"""The columns of each kind's CSV file: one list serves the import, the export and the template.

Headers are the field names; Dutch headers are accepted too (``aliases``). Organisations are
written by their code, preschools by name and postcode, lists as codes separated by commas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from matching.errors import FieldProblem
from matching.models import Organisation, Preschool
from matching.people.validation import normalise_postcode
from matching.tabular.reading import CellError, parse_bool, parse_date, parse_int, parse_number

FORMULA_START = ("=", "+", "-", "@")


UNKNOWN_ORGANISATION = "is not a known organisation (use its code)"
UNKNOWN_PRESCHOOL = "is not a known preschool (name and postcode)"


@dataclass(frozen=True)
class Column:
    """One column: its header, how its text is read, and the Dutch headers that mean it."""

    name: str
    type: str  # text, int, number, bool, date, codes, organisation, preschool
    required: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def field(self) -> str:
        """The model field the column fills."""
        return {"organisation": "organisation_id", "network": "network_id"}.get(
            self.name, "preschool_id" if self.name == "preschool" else self.name
        )


def _c(name: str, type_: str = "text", *aliases: str, required: bool = False) -> Column:
    """A column, briefly."""
    return Column(name, type_, required, aliases)


ACTIVE = _c("active", "bool", "actief")
LANGUAGES = _c("languages", "codes", "talen", "taal", required=True)
AVAILABILITY = _c("availability", "codes", "beschikbaarheid", "dagdelen")
POSTCODE = _c("postcode", "text", required=True)
TRAVEL = _c("max_travel_km", "number", "max reisafstand", "maximale reisafstand", "reisafstand")
DISTRICTS = _c("preferred_districts", "codes", "voorkeurswijken")
VOLUNTEER_COLUMNS = (
    _c("name", "text", "naam", required=True),
    _c("email", "text", "e-mail", "e-mailadres", "emailadres"),
    _c("organisation", "organisation", "organisatie", required=True),
    _c("kind", "text", "soort"),
    LANGUAGES,
    POSTCODE,
    TRAVEL,
    AVAILABILITY,
    _c("capacity", "int", "capaciteit"),
    _c("vog_valid_until", "date", "vog geldig tot", "vog"),
    _c("gender", "text", "geslacht"),
    _c("experience", "codes", "ervaring"),
    DISTRICTS,
    ACTIVE,
)
COLUMNS: dict[str, tuple[Column, ...]] = {
    "volunteers": VOLUNTEER_COLUMNS,
    "experts": tuple(column for column in VOLUNTEER_COLUMNS if column.name != "kind"),
    "families": (
        _c("reference", "text", "kenmerk", required=True),
        _c("organisation", "organisation", "organisatie", required=True),
        _c("network", "organisation", "netwerk"),
        POSTCODE,
        LANGUAGES,
        _c("needs", "codes", "situatie", "behoeften"),
        AVAILABILITY,
        _c("buddy_gender_wish", "text", "wens geslacht maatje", "geslacht maatje"),
        _c("sessions_required", "int", "dagdelen per week"),
        _c("urgent", "bool", "spoed"),
        _c("stacked_problems", "int", "gestapelde problemen"),
        _c("due_date", "date", "uitgerekende datum"),
        _c("child_birth_date", "date", "geboortedatum kind"),
        _c("registered_on", "date", "aangemeld op"),
        _c("status", "text"),
    ),
    "students": (
        _c("name", "text", "naam", required=True),
        _c("email", "text", "e-mail", "e-mailadres", "emailadres", required=True),
        _c("institution", "text", "onderwijsinstelling", "instelling", required=True),
        _c("organisation", "organisation", "organisatie"),
        _c("programme", "text", "opleiding", required=True),
        POSTCODE,
        _c("sessions_required", "int", "dagdelen per week"),
        AVAILABILITY,
        LANGUAGES,
        DISTRICTS,
        _c("period_start", "date", "begin periode", "start"),
        _c("period_end", "date", "einde periode", "einde"),
        TRAVEL,
        ACTIVE,
    ),
    "preschools": (
        _c("name", "text", "naam", required=True),
        _c("organisation", "organisation", "organisatie", "aanbieder", required=True),
        _c("address", "text", "adres", required=True),
        POSTCODE,
        _c("contact", "text"),
        _c("morning_hours", "text", "ochtend", "tijden ochtend"),
        _c("afternoon_hours", "text", "middag", "tijden middag"),
        ACTIVE,
    ),
    "groups": (
        _c("preschool", "preschool", "voorschool", required=True),
        _c("preschool_postcode", "text", "postcode voorschool", required=True),
        _c("name", "text", "naam", "groep", required=True),
        _c("children_count", "int", "aantal kinderen", "kinderen"),
        _c("reduced", "bool", "verkleinde groep", "verkleind"),
        _c("home_languages", "codes", "thuistalen"),
        _c("sessions", "codes", "dagdelen"),
        _c("students_wanted", "int", "studenten gewenst"),
        ACTIVE,
    ),
}


def normalise_header(text: str) -> str:
    """Lower case, spaces for underscores and hyphens, no BOM or quotes around it."""
    cleaned = text.replace("\ufeff", "").strip().strip("'\"").lower()
    return re.sub(r"[\s_\-]+", " ", cleaned).strip()


def map_header(kind: str, header: list[str]) -> tuple[dict[int, Column], list[str], list[str]]:
    """Which column each header cell is; the required columns missing; the unknown headers."""
    names: dict[str, Column] = {}
    for column in COLUMNS[kind]:
        for name in (column.name, *column.aliases):
            names.setdefault(normalise_header(name), column)
    found: dict[int, Column] = {}
    unknown: list[str] = []
    for index, cell in enumerate(header):
        known = names.get(normalise_header(cell))
        if known is None or known in found.values():
            if cell.strip():
                unknown.append(cell.strip())
            continue
        found[index] = known
    present = {column.name for column in found.values()}
    missing = [c.name for c in COLUMNS[kind] if c.required and c.name not in present]
    return found, missing, unknown


class Lookups:
    """Organisations by code or name, preschools by name and postcode, read once."""

    def __init__(self, session: Session) -> None:
        self.organisations = list(session.exec(select(Organisation)).all())
        self.org_code = {o.id: o.code for o in self.organisations if o.id is not None}
        self.org_id = {o.code.lower(): o.id for o in self.organisations}
        self.org_id.update({o.name.lower(): o.id for o in self.organisations})
        preschools = session.exec(select(Preschool.id, Preschool.name, Preschool.postcode)).all()
        self.preschool = {i: (name, postcode) for i, name, postcode in preschools}
        self.preschool_id = {(n.lower(), p): i for i, (n, p) in self.preschool.items()}

    def organisation(self, text: str) -> int:
        """The id of the organisation with this code or name."""
        found = self.org_id.get(text.strip().lower())
        if found is None:
            raise CellError(
                FieldProblem.UNKNOWN_ORGANISATION, "is not a known organisation (use its code)"
            )
        return found

    def preschool_of(self, name: str, postcode: str) -> int:
        """The id of the preschool with this name and postcode."""
        try:
            key = (name.strip().lower(), normalise_postcode(postcode))
        except ValueError:
            raise CellError(
                FieldProblem.UNKNOWN_PRESCHOOL, "is not a known preschool (name and postcode)"
            ) from None
        found = self.preschool_id.get(key)
        if found is None:
            raise CellError(
                FieldProblem.UNKNOWN_PRESCHOOL, "is not a known preschool (name and postcode)"
            )
        return found


def parse_cell(column: Column, text: str, lookups: Lookups) -> Any:
    """The value of a non-empty cell, or CellError saying why it is not one."""
    value = text.strip()
    if column.type == "text":
        return value[1:] if value.startswith("'") and value[1:2] in FORMULA_START else value
    readers: dict[str, Any] = {
        "int": parse_int,
        "number": parse_number,
        "bool": parse_bool,
        "date": parse_date,
        "codes": lambda cell: [part for part in re.split(r"[,;\s]+", cell.lower()) if part],
        "organisation": lookups.organisation,
    }
    return readers[column.type](value)


def format_cell(column: Column, row: Any, lookups: Lookups) -> str:
    """A row's value for the column, as Excel reads it (Dutch dates, decimal commas)."""
    if column.name == "preschool_postcode":
        return lookups.preschool.get(row.preschool_id, ("", ""))[1]
    value = getattr(row, column.field)
    if value is None:
        return ""
    if column.type == "organisation":
        return lookups.org_code.get(value, "")
    if column.type == "preschool":
        return _safe(lookups.preschool.get(value, ("", ""))[0])
    return cell_text(value)


def cell_text(value: Any) -> str:
    """A plain value as cell text: Dutch dates, decimal commas, ja/nee, no formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return _safe(str(value))


def _safe(text: str) -> str:
    """Text that Excel would run as a formula gets a leading quote."""
    return f"'{text}" if text.startswith(FORMULA_START) else text
