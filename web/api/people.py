"""People and places: list, read, create, update, deactivate — volunteers, experience experts
and families (also for a partner's token), students, preschools and groups (municipality).

Every write goes through matching.people.changes, so the API refuses exactly what the forms
and the CSV import refuse, with the same messages, and audits it as the token's owner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model
from sqlmodel import Session, SQLModel, col, select

from matching.models import Group, Preschool
from matching.models.common import require_id
from matching.models.family import FamilyCreate, FamilyPublic
from matching.models.preschool import GroupCreate, PreschoolCreate
from matching.models.student import StudentCreate, StudentPublic
from matching.models.volunteer import VolunteerCreate, VolunteerPublic
from matching.people.changes import deactivate_person
from matching.people.lists import KINDS, PeopleFilter, conditions
from web.api import bp
from web.api.bodies import BodySpec
from web.api.caller import Caller
from web.api.operations import CURSOR, MAX_ID, Answer, operation
from web.api.people_writes import audit_reads, external, owned, remember, save
from web.portal.dates import today

DERIVED = ("district", "lat", "lon")
EXTERNAL_REFERENCE = {
    "external_reference": {
        "type": "string",
        "minLength": 1,
        "maxLength": 100,
        "description": "The person's id in the sending system: sent twice, registered once.",
    }
}


class PreschoolPublic(PreschoolCreate):
    """A preschool location as the API shows it."""

    id: int


class GroupPublic(GroupCreate):
    """A preschool group as the API shows it."""

    id: int


class PeopleQuery(BaseModel):
    """Filters of a people list, and its cursor."""

    model_config = ConfigDict(extra="ignore")

    q: str = Field("", max_length=100, description="Words in the name, e-mail or reference.")
    district: str = Field("", max_length=20, description="A district code, e.g. overvecht.")
    language: str = Field("", max_length=20, description="An ISO 639 language code.")
    status: str = Field("", max_length=20, description="active, inactive, free; for families "
                        "waiting, matched, closed")  # fmt: skip
    half_day: str = Field("", max_length=10, description="mon_am … fri_pm")
    priority: int | None = Field(None, ge=0, le=5, description="Families of this priority.")
    organisation_id: int | None = Field(None, ge=0, le=MAX_ID)
    after: int = Field(0, ge=0, le=MAX_ID, description=CURSOR)
    limit: int = Field(50, ge=1, le=200)


@dataclass(frozen=True)
class Resource:
    """A kind of person or place as the API offers it."""

    kind: str
    create: type[SQLModel]
    public: type[SQLModel]
    tag: str
    municipality_only: bool = False
    external: bool = True

    @property
    def page(self) -> type[BaseModel]:
        """A page of the list: its items and the cursor of the next page (null on the last)."""
        return PAGES[self.kind]


def _page_model(kind: str, public: type[SQLModel]) -> type[BaseModel]:
    """The page model of one kind, named after it."""
    name = f"{kind.title()}Page"
    return create_model(name, items=(list[public], ...), next_cursor=(int | None, None))  # type: ignore[valid-type]


RESOURCES = (
    Resource("volunteers", VolunteerCreate, VolunteerPublic, "volunteers"),
    Resource("experts", VolunteerCreate, VolunteerPublic, "experience experts"),
    Resource("families", FamilyCreate, FamilyPublic, "families"),
    Resource("students", StudentCreate, StudentPublic, "students", municipality_only=True),
    Resource("preschools", PreschoolCreate, PreschoolPublic, "preschools",
             municipality_only=True, external=False),
    Resource("groups", GroupCreate, GroupPublic, "groups", municipality_only=True,
             external=False),
)  # fmt: skip
PAGES = {r.kind: _page_model(r.kind, r.public) for r in RESOURCES}


def _public(resource: Resource, row: Any) -> BaseModel:
    """A row as the API shows it."""
    return resource.public.model_validate(row, from_attributes=True)


def _list_rows(session: Session, caller: Caller, kind: str, query: PeopleQuery) -> list[Any]:
    """One page (plus one row, to know if there is more) of a kind's rows after the cursor."""
    spec = KINDS[kind]
    organisation = caller.organisation_id if caller.organisation_id is not None else (
        query.organisation_id)  # fmt: skip
    wanted = PeopleFilter(
        q=query.q, district=query.district, language=query.language, status=query.status,
        half_day=query.half_day, organisation_id=organisation, priority=query.priority,
    )  # fmt: skip
    table: Any = spec.table
    statement = select(table)
    if table is Group:  # a group's district and search words are its preschool's
        statement = statement.join(Preschool, col(Preschool.id) == col(Group.preschool_id))
    statement = (
        statement.where(*conditions(spec, wanted, today()), col(table.id) > query.after)
        .order_by(col(table.id))
        .limit(query.limit + 1)
    )
    return list(session.exec(statement).all())


def list_view(resource: Resource) -> Any:
    """The list operation of a kind."""

    def view(caller: Caller, session: Session, *, query: PeopleQuery, **_: Any) -> Answer:
        rows = _list_rows(session, caller, resource.kind, query)
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        audit_reads(session, caller, rows)
        items = [_public(resource, row) for row in rows]
        cursor = rows[-1].id if more else None
        return Answer(200, resource.page(items=items, next_cursor=cursor))

    return view


def read_view(resource: Resource) -> Any:
    """The read operation of a kind."""

    def view(caller: Caller, session: Session, *, row_id: int, **_: Any) -> Answer:
        row = owned(session, caller, resource.kind, row_id)
        audit_reads(session, caller, [row])
        return Answer(200, _public(resource, row))

    return view


def create_view(resource: Resource) -> Any:
    """The create operation of a kind (idempotent; an external reference registers once)."""
    kind, entity = resource.kind, KINDS[resource.kind].entity

    def view(caller: Caller, session: Session, *, body: dict[str, Any], **_: Any) -> Answer:
        data = dict(body)
        if caller.organisation_id is not None:
            data.setdefault("organisation_id", caller.organisation_id)
        reference = data.pop("external_reference", None)
        if kind == "families":
            data.setdefault("registered_on", today().isoformat())
        row = save(session, caller, kind, data)
        if reference is not None:
            remember(session, entity, row.organisation_id, external(reference), require_id(row))
        return Answer(201, _public(resource, row))

    return view


def update_view(resource: Resource) -> Any:
    """The update operation of a kind: only the fields sent change."""

    def view(
        caller: Caller, session: Session, *, row_id: int, body: dict[str, Any], **_: Any
    ) -> Answer:
        row = owned(session, caller, resource.kind, row_id)
        return Answer(200, _public(resource, save(session, caller, resource.kind, dict(body), row)))

    return view


def deactivate_view(resource: Resource) -> Any:
    """The deactivate operation of a kind (a family is closed)."""

    def view(caller: Caller, session: Session, *, row_id: int, **_: Any) -> Answer:
        row = owned(session, caller, resource.kind, row_id)
        deactivate_person(session, kind_name=resource.kind, row=row, user=caller.owner)
        return Answer(200, _public(resource, row))

    return view


def register(resource: Resource) -> None:
    """Declare the five operations of one kind."""
    kind, tag, only = resource.kind, resource.tag, resource.municipality_only
    one = f"/{kind}/<int:row_id>"
    name = resource.create.__name__.removesuffix("Create")
    extra = EXTERNAL_REFERENCE if resource.external else {}
    optional = ("organisation_id", "registered_on")
    create = BodySpec(resource.create, f"{name}Create", drop=DERIVED, optional=optional,
                      extra=extra, raw=True)  # fmt: skip
    update = BodySpec(resource.create, f"{name}Update", drop=DERIVED, partial=True, raw=True)
    common = {"tag": tag, "municipality_only": only}
    declared = (
        (list_view, "GET", f"/{kind}", {"summary": f"List {tag}", "response": resource.page,
                                        "query": PeopleQuery}),
        (read_view, "GET", one, {"summary": f"Read one of the {tag}",
                                 "response": resource.public}),
        (create_view, "POST", f"/{kind}", {"summary": f"Register one of the {tag}",
                                           "response": resource.public, "status": 201,
                                           "body": create, "write": True, "idempotent": True,
                                           "conflicts": resource.external}),
        (update_view, "PATCH", one, {"summary": f"Change one of the {tag}",
                                     "response": resource.public, "body": update, "write": True}),
        (deactivate_view, "POST", f"{one}/deactivate", {
            "summary": f"Take one of the {tag} out of matching", "response": resource.public,
            "write": True}),
    )  # fmt: skip
    for make, method, rule, spec in declared:
        view = make(resource)
        view.__name__ = f"{make.__name__.removesuffix('_view')}_{kind}"
        operation(bp, method, rule, **common, **spec)(view)


for _resource in RESOURCES:
    register(_resource)
