"""CSV exports that open correctly in Excel: UTF-8 with a BOM, `;` between cells.

People are written with the same columns the import reads, so an export can be edited and
imported again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from matching.models import Family, Match, Organisation, Placement, Preschool, Student, Volunteer
from matching.people.lists import PeopleFilter, all_people
from matching.privacy.visible import not_erased
from matching.tabular.columns import COLUMNS, Lookups, cell_text, format_cell

BOM = "\ufeff"
DELIMITER = ";"
CHUNK_ROWS = 500


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The file as text chunks: a BOM, the header, then the rows, a few hundred at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(header)
    for count, row in enumerate(rows, start=1):
        writer.writerow([cell_text(cell) for cell in row])
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def template_csv(kind: str) -> str:
    """An empty file with the kind's headers, to fill in and import."""
    return "".join(csv_lines([column.name for column in COLUMNS[kind]], []))


def people_csv(session: Session, kind: str, wanted: PeopleFilter, as_of: date) -> Iterator[str]:
    """The kind's rows that match the filter, with the import's columns."""
    columns = COLUMNS[kind]
    lookups = Lookups(session)
    rows = all_people(session, kind, wanted, as_of)
    return csv_lines(
        [column.name for column in columns],
        ([format_cell(column, row, lookups) for column in columns] for row in rows),
    )


MATCH_HEADER = (
    "match_id",
    "status",
    "organisation",
    "volunteer",
    "volunteer_email",
    "family_reference",
    "district",
    "start_date",
    "expected_end",
    "ended_on",
    "end_reason",
    "broken_rule",
)


def end_reason_text(code: str | None, note: str | None) -> str:
    """An end reason in the export's one column: ``code: note`` (as it was stored before)."""
    return ": ".join(part for part in (code, note) if part)


def matches_csv(session: Session, *, free_text: bool = False) -> Iterator[str]:
    """Every trajectory, running ones first, with the names it is known by; the end reason's
    free text only when asked for (else just its code). Erased people are left out."""
    statement = (
        select(Match, Volunteer, Family)
        .join(Volunteer, col(Volunteer.id) == col(Match.volunteer_id))
        .join(Family, col(Family.id) == col(Match.family_id))
        .where(not_erased(Volunteer), not_erased(Family))
        .order_by(col(Match.status), col(Match.start_date), col(Match.id))
    )
    codes = _organisation_codes(session)
    rows = (
        (
            match.id,
            match.status,
            codes.get(match.organisation_id, ""),
            volunteer.name,
            volunteer.email,
            family.reference,
            family.district,
            match.start_date,
            match.expected_end,
            match.ended_on,
            end_reason_text(match.end_code, match.end_note)
            if free_text
            else (match.end_code or ""),
            match.broken_rule or "",
        )
        for match, volunteer, family in session.exec(statement)
    )
    return csv_lines(MATCH_HEADER, rows)


PLACEMENT_HEADER = (
    "placement_id",
    "status",
    "student",
    "student_email",
    "institution",
    "preschool",
    "preschool_postcode",
    "half_days",
    "period_start",
    "period_end",
    "ended_on",
    "end_reason",
)


def placements_csv(session: Session) -> Iterator[str]:
    """Every student placement, active ones first."""
    statement = (
        select(Placement, Student, Preschool.name, Preschool.postcode)
        .join(Student, col(Student.id) == col(Placement.student_id))
        .where(not_erased(Student))
        .join(Preschool, col(Preschool.id) == col(Placement.preschool_id))
        .order_by(col(Placement.status), col(Student.name), col(Placement.id))
    )
    rows = (
        (
            placement.id,
            placement.status,
            student.name,
            student.email,
            student.institution,
            name,
            postcode,
            [slot["half_day"] for slot in placement.slots],
            placement.period_start,
            placement.period_end,
            placement.ended_on,
            end_reason_text(placement.end_code, placement.end_note),
        )
        for placement, student, name, postcode in session.exec(statement)
    )
    return csv_lines(PLACEMENT_HEADER, rows)


def _organisation_codes(session: Session) -> dict[int, str]:
    """Every organisation's code by id."""
    rows = session.exec(select(Organisation.id, Organisation.code)).all()
    return {org_id: code for org_id, code in rows if org_id is not None}
