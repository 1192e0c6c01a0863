"""CSV import of people and places: check every row first, then keep every good row.

Each bad row is reported with its line, column and reason; a row whose natural key (e-mail,
family reference, preschool name and postcode, …) is already stored updates that record, so
importing the same file twice creates nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

from sqlmodel import Session, select

from matching.errors import FieldProblem, FileProblem
from matching.models import Family, Group, Preschool, Student, User, Volunteer
from matching.people.changes import save_person
from matching.people.lists import KINDS
from matching.people.records import validated
from matching.people.validation import InvalidRecord
from matching.tabular.columns import COLUMNS, Column, Lookups, map_header, parse_cell
from matching.tabular.reading import CellError, UnreadableFile, read_table
from matching.vocab import AuditAction

Key = tuple[Any, ...]


@dataclass(frozen=True)
class RowProblem:
    """A refused row: its line in the file, the column, the cell's text, and why."""

    line: int
    column: str
    value: str
    message: str  # in English, for logs and files
    code: str  # a FieldProblem or pydantic's error type: the web labels it
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GoodRow:
    """A row that passed every check: the fields it gives and the record it updates, if any."""

    line: int
    data: dict[str, Any]
    key: Key
    existing_id: int | None


@dataclass(frozen=True)
class ImportCheck:
    """The outcome of reading and checking a whole file, before anything is stored."""

    kind: str
    encoding: str
    delimiter: str
    columns: list[str]
    ignored: list[str]
    good: list[GoodRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def new(self) -> int:
        """Good rows that would create a record."""
        return sum(1 for row in self.good if row.existing_id is None)

    @property
    def bad_lines(self) -> list[int]:
        """The lines of the refused rows, in file order."""
        return sorted({problem.line for problem in self.problems})


@dataclass(frozen=True)
class ImportResult:
    """What an import stored, and the rows it refused."""

    created: int
    updated: int
    unchanged: int
    problems: list[RowProblem]


def _key(kind: str, row: Any) -> Key:
    """The natural key of a checked row: what makes two rows the same person or place."""
    if kind in ("volunteers", "experts"):
        if row.email:
            return ("email", row.email.strip().lower())
        return ("name", row.name.strip().lower(), row.postcode)
    if kind == "students":
        return (row.email.strip().lower(),)
    if kind == "families":
        return (row.organisation_id, row.reference.strip().lower())
    if kind == "preschools":
        return (row.name.strip().lower(), row.postcode)
    return (row.preschool_id, row.name.strip().lower())


KEY_COLUMN = {"families": "reference", "students": "email", "preschools": "name", "groups": "name"}
KEY_FIELDS: dict[type, tuple[str, ...]] = {
    Volunteer: ("email", "name", "postcode"),
    Student: ("email",),
    Family: ("organisation_id", "reference"),
    Preschool: ("name", "postcode"),
    Group: ("preschool_id", "name"),
}


def existing_keys(session: Session, kind: str) -> dict[Key, int]:
    """The natural key of every stored record of the kind's table, to its id."""
    table = KINDS[kind].table
    names = KEY_FIELDS[table]
    columns = [getattr(table, "id"), *(getattr(table, name) for name in names)]  # noqa: B009
    found: dict[Key, int] = {}
    for row_id, *values in session.exec(select(*columns)).all():
        stored = SimpleNamespace(**dict(zip(names, values, strict=True)))
        found.setdefault(_key(kind, stored), row_id)
    return found


def check_file(session: Session, kind: str, raw: bytes, as_of: date) -> ImportCheck:
    """Read the file and check every row; raises UnreadableFile when the file as a whole is bad."""
    table = read_table(raw)
    columns, missing, unknown = map_header(kind, table.header)
    if missing:
        raise UnreadableFile(FileProblem.MISSING_COLUMNS, columns=missing)
    if not table.rows:
        raise UnreadableFile(FileProblem.NO_ROWS)
    lookups = Lookups(session)
    stored = existing_keys(session, kind)
    check = ImportCheck(
        kind, table.encoding, table.delimiter, [c.name for c in columns.values()], unknown
    )
    seen: dict[Key, int] = {}
    for line, cells in table.rows:
        row, problems = _check_row(kind, cells, columns, lookups, as_of, line)
        if row is not None:
            key = _key(kind, row[1])
            if key in seen:
                problems = [_twice(kind, row[0], seen[key], line)]
            else:
                seen[key] = line
                check.good.append(GoodRow(line, row[0], key, stored.get(key)))
        check.problems.extend(problems)
    return check


def _twice(kind: str, data: dict[str, Any], first: int, line: int) -> RowProblem:
    """The problem of a row whose key an earlier row of the file has."""
    name = KEY_COLUMN.get(kind, "email" if data.get("email") else "name")
    return RowProblem(
        line,
        name,
        str(data.get(name, "")),
        f"appears twice in this file (line {first})",
        FieldProblem.TWICE_IN_FILE,
        {"line": first},
    )


def _check_row(
    kind: str,
    cells: list[str],
    columns: dict[int, Column],
    lookups: Lookups,
    as_of: date,
    line: int,
) -> tuple[tuple[dict[str, Any], Any] | None, list[RowProblem]]:
    """The row's data and its validated record, or its problems in the file's column order."""
    data, texts, problems = _parse_cells(cells, columns, lookups, line)
    problems += _fill_defaults(kind, data, texts, lookups, as_of, line)
    try:
        record = validated(KINDS[kind].table, {**data, **KINDS[kind].fixed})
    except InvalidRecord as exc:
        reported = {problem.column for problem in problems}
        for error in exc.errors:
            name = _column_name(kind, error.field)
            if name not in reported:
                value = texts.get(error.field.split(".")[0], "")
                problems.append(
                    RowProblem(line, name, value, error.message, error.code, error.params)
                )
    if problems:
        order = {column.name: index for index, column in columns.items()}
        return None, sorted(problems, key=lambda problem: order.get(problem.column, len(order)))
    return (data, record), []


def _parse_cells(
    cells: list[str], columns: dict[int, Column], lookups: Lookups, line: int
) -> tuple[dict[str, Any], dict[str, str], list[RowProblem]]:
    """Each non-empty cell's value by field, each cell's text by field, and the cells refused."""
    data: dict[str, Any] = {}
    texts: dict[str, str] = {}
    problems: list[RowProblem] = []
    for index, column in columns.items():
        text = cells[index].strip() if index < len(cells) else ""
        texts[column.field] = text
        if not text or column.type == "preschool" or column.name == "preschool_postcode":
            continue
        try:
            data[column.field] = parse_cell(column, text, lookups)
        except CellError as exc:
            problems.append(RowProblem(line, column.name, text, str(exc), exc.code, exc.params))
    return data, texts, problems


def _column_name(kind: str, field_name: str) -> str:
    """The CSV column of a model field (organisation for organisation_id …)."""
    base = field_name.split(".")[0]
    for column in COLUMNS[kind]:
        if column.field == base:
            return column.name
    return base


def _fill_defaults(
    kind: str,
    data: dict[str, Any],
    texts: dict[str, str],
    lookups: Lookups,
    as_of: date,
    line: int,
) -> list[RowProblem]:
    """Values a row may leave out: registration today, a student's institution, a preschool."""
    if kind == "families":
        data.setdefault("registered_on", as_of)
    if kind == "students" and "organisation_id" not in data and data.get("institution"):
        found = lookups.org_id.get(str(data["institution"]).lower())
        if found is not None:
            data["organisation_id"] = found
    if kind != "groups":
        return []
    name, postcode = texts.get("preschool_id", ""), texts.get("preschool_postcode", "")
    if not name:
        return []
    try:
        data["preschool_id"] = lookups.preschool_of(name, postcode)
    except CellError as exc:
        return [RowProblem(line, "preschool", name, str(exc), exc.code, exc.params)]
    return []


def apply_import(session: Session, check: ImportCheck, user: User) -> ImportResult:
    """Store every good row (create or update); a row refused now is reported, not stored."""
    counts = {AuditAction.CREATED: 0, AuditAction.UPDATED: 0, AuditAction.UNCHANGED: 0}
    problems = list(check.problems)
    table = KINDS[check.kind].table
    for good in check.good:
        row = session.get(table, good.existing_id) if good.existing_id is not None else None
        try:
            saved = save_person(
                session, kind_name=check.kind, data=good.data, user=user, row=row, source="import"
            )
        except InvalidRecord as exc:
            problems += [
                RowProblem(
                    good.line,
                    _column_name(check.kind, e.field),
                    str(e.value),
                    e.message,
                    e.code,
                    e.params,
                )
                for e in exc.errors
            ]
            continue
        counts[saved.action] += 1
    problems.sort(key=lambda problem: problem.line)
    return ImportResult(
        counts[AuditAction.CREATED],
        counts[AuditAction.UPDATED],
        counts[AuditAction.UNCHANGED],
        problems,
    )
