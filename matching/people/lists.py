"""The coordinator's lists of people and places: search, filters and pages that stay fast.

Languages and half-days are stored as ``,a,b,`` text (``matching.db.StringList``), so a
member is found with ``LIKE '%,ar,%'`` on the column read as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, exists, func, or_, type_coerce
from sqlmodel import Session, SQLModel, col, select

from matching import vocab
from matching.buddies.priority_sql import priority_expression
from matching.models import Family, Group, Match, Placement, Preschool, Student, Volunteer
from matching.paging import Page, clamp_page
from matching.privacy.visible import not_erased
from matching.vocab import ActivityFilter, AuditEntity, MatchStatus, PlacementStatus, VolunteerKind

PER_PAGE = 50
CODE_RE = re.compile(r"^[a-z][a-z_-]{0,19}$")


@dataclass(frozen=True)
class PeopleKind:
    """One list: its table, what search looks in, its filters and its order."""

    name: str
    table: type[SQLModel]
    entity: AuditEntity
    search: tuple[str, ...]
    order: tuple[str, ...]
    statuses: tuple[str, ...]
    languages: str | None = "languages"
    half_days: str | None = "availability"
    fixed: dict[str, Any] = field(default_factory=dict)


ACTIVE = (ActivityFilter.ACTIVE, ActivityFilter.INACTIVE)
KINDS: dict[str, PeopleKind] = {
    kind.name: kind
    for kind in (
        PeopleKind(
            "volunteers",
            Volunteer,
            AuditEntity.VOLUNTEER,
            ("name", "email"),
            ("name",),
            (*ACTIVE, ActivityFilter.FREE),
        ),
        PeopleKind(
            "experts",
            Volunteer,
            AuditEntity.VOLUNTEER,
            ("name", "email"),
            ("name",),
            (*ACTIVE, ActivityFilter.FREE),
            fixed={"kind": VolunteerKind.EXPERIENCE_EXPERT},
        ),
        PeopleKind(
            "students",
            Student,
            AuditEntity.STUDENT,
            ("name", "email"),
            ("name",),
            (*ACTIVE, ActivityFilter.FREE),
        ),
        PeopleKind(
            "families",
            Family,
            AuditEntity.FAMILY,
            ("reference",),
            ("reference",),
            vocab.FAMILY_STATUSES,
        ),
        PeopleKind(
            "preschools",
            Preschool,
            AuditEntity.PRESCHOOL,
            ("name", "address"),
            ("name",),
            ACTIVE,
            languages=None,
            half_days=None,
        ),
        PeopleKind(
            "groups",
            Group,
            AuditEntity.GROUP,
            ("name",),
            ("name",),
            ACTIVE,
            languages="home_languages",
            half_days="sessions",
        ),
    )
}


@dataclass(frozen=True)
class PeopleFilter:
    """What the coordinator asked for; empty strings and None mean no filter."""

    q: str = ""
    district: str = ""
    language: str = ""
    status: str = ""
    half_day: str = ""
    organisation_id: int | None = None
    priority: int | None = None
    volunteer_kind: str = ""
    page: int = 1
    per_page: int = PER_PAGE


def _as_text(column: Any) -> ColumnElement[str]:
    """A StringList column read as its stored ``,a,b,`` text."""
    return type_coerce(column, String)


def _contains(needle: str) -> str:
    """A LIKE pattern for text containing ``needle``, with LIKE's wildcards escaped."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def _search(kind: PeopleKind, q: str) -> ColumnElement[bool] | None:
    """Any searched column contains the words, ignoring case."""
    text = q.strip()[:100]
    if not text:
        return None
    pattern = _contains(text)
    columns = [getattr(kind.table, name) for name in kind.search]
    if kind.table is Group:
        columns.append(Preschool.name)
    return or_(*(func.lower(column).like(pattern, escape="\\") for column in columns))


def _status(kind: PeopleKind, status: str) -> ColumnElement[bool] | None:
    """The condition of one status filter value."""
    if status not in kind.statuses:
        return None
    if kind.table is Family:
        return col(Family.status) == status
    active = col(kind.table.active)  # type: ignore[attr-defined]
    if status == ActivityFilter.INACTIVE:
        return active.is_(False)
    if status == ActivityFilter.FREE:
        return and_(active.is_(True), _free(kind))
    return active.is_(True)


def _free(kind: PeopleKind) -> ColumnElement[bool]:
    """A volunteer with room for another family; a student without an active placement."""
    if kind.table is Student:
        placed = exists().where(
            col(Placement.student_id) == col(Student.id),
            col(Placement.status) == PlacementStatus.ACTIVE,
        )
        return ~placed
    load = (
        select(func.count(col(Match.id)))
        .where(
            col(Match.volunteer_id) == col(Volunteer.id), col(Match.status) == MatchStatus.ACTIVE
        )
        .scalar_subquery()
    )
    return load < col(Volunteer.capacity)


def conditions(kind: PeopleKind, wanted: PeopleFilter, as_of: date) -> list[ColumnElement[bool]]:
    """Every condition the filter asks for; values that are not codes are ignored."""
    table = kind.table
    found: list[ColumnElement[bool] | None] = [
        getattr(table, name) == value for name, value in kind.fixed.items()
    ]
    if hasattr(table, "erased_at"):
        found.append(not_erased(table))
    found.append(_search(kind, wanted.q))
    found.append(_status(kind, wanted.status))
    district_col = Preschool.district if table is Group else getattr(table, "district")  # noqa: B009
    if CODE_RE.match(wanted.district):
        found.append(col(district_col) == wanted.district)
    if kind.languages and CODE_RE.match(wanted.language):
        column = _as_text(getattr(table, kind.languages))
        found.append(column.like(f"%,{wanted.language},%"))
    if kind.half_days and wanted.half_day in vocab.HALF_DAYS:
        column = _as_text(getattr(table, kind.half_days))
        found.append(column.like(f"%,{wanted.half_day},%"))
    if wanted.organisation_id is not None and hasattr(table, "organisation_id"):
        found.append(col(getattr(table, "organisation_id")) == wanted.organisation_id)  # noqa: B009
    if table is Volunteer and wanted.volunteer_kind in vocab.VOLUNTEER_KINDS:
        found.append(col(Volunteer.kind) == wanted.volunteer_kind)
    if table is Family and wanted.priority is not None:
        found.append(priority_expression(as_of) == wanted.priority)
    return [condition for condition in found if condition is not None]


def _statement(kind: PeopleKind, what: Any) -> Any:
    """A select of ``what`` from the kind's table (groups joined to their preschool)."""
    statement = select(what).select_from(kind.table)
    if kind.table is Group:
        statement = statement.join(Preschool, col(Preschool.id) == col(Group.preschool_id))
    return statement


def list_people(session: Session, kind_name: str, wanted: PeopleFilter, as_of: date) -> Page:
    """One page of the kind's rows that match the filter, in name order, and the total."""
    kind = KINDS[kind_name]
    where = conditions(kind, wanted, as_of)
    total = int(session.exec(_statement(kind, func.count()).where(*where)).one())
    per_page = max(1, min(wanted.per_page, 500))
    page = clamp_page(wanted.page, total, per_page)
    order = [col(getattr(kind.table, name)) for name in kind.order]
    if kind.table is Group:
        order.insert(0, col(Preschool.name))
    statement = (
        _statement(kind, kind.table)
        .where(*where)
        .order_by(*order, col(kind.table.id))  # type: ignore[attr-defined]
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return Page(list(session.exec(statement).all()), total, page, per_page)


def all_people(session: Session, kind_name: str, wanted: PeopleFilter, as_of: date) -> Any:
    """Every row of the kind that matches the filter, in list order, read lazily (for export)."""
    kind = KINDS[kind_name]
    order = [col(getattr(kind.table, name)) for name in kind.order]
    statement = (
        _statement(kind, kind.table)
        .where(*conditions(kind, wanted, as_of))
        .order_by(*order, col(kind.table.id))  # type: ignore[attr-defined]
        .execution_options(yield_per=1000)
    )
    return session.exec(statement)
