"""Volunteers, experience experts and families: list, read, create, update, deactivate.

Every write goes through matching.people.changes, so the API refuses exactly what the forms
and the CSV import refuse, with the same messages, and audits it as the token's owner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from matching.audit.trail import record_event
from matching.models import ApiExternalReference, Family, Organisation
from matching.models.family import FamilyCreate, FamilyPublic
from matching.models.volunteer import VolunteerCreate, VolunteerPublic
from matching.people.changes import deactivate_person, get_person, save_person
from matching.people.lists import KINDS, PeopleFilter, conditions
from matching.people.scoping import NotOwned
from matching.people.validation import InvalidRecord
from web.api import bp
from web.api.bodies import BodySpec
from web.api.caller import Caller
from web.api.operations import CURSOR, MAX_ID, Answer, operation
from web.api.problems import ApiProblem, FieldCode, FieldProblem, ProblemCode
from web.coordinator.people import ORGANISATION_KINDS
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
    """A kind of person as the API offers it."""

    kind: str
    path: str
    create: type[SQLModel]
    public: type[SQLModel]
    page: type[BaseModel]
    tag: str


def _page_model(name: str, public: type[SQLModel]) -> type[BaseModel]:
    """A page of a list: its items and the cursor of the next page (null on the last)."""
    return create_model(name, items=(list[public], ...), next_cursor=(int | None, None))  # type: ignore[valid-type]


RESOURCES = (
    Resource("volunteers", "volunteers", VolunteerCreate, VolunteerPublic,
             _page_model("VolunteerPage", VolunteerPublic), "volunteers"),
    Resource("experts", "experts", VolunteerCreate, VolunteerPublic,
             _page_model("ExpertPage", VolunteerPublic), "experience experts"),
    Resource("families", "families", FamilyCreate, FamilyPublic,
             _page_model("FamilyPage", FamilyPublic), "families"),
)  # fmt: skip


def _public(resource: Resource, row: Any) -> BaseModel:
    """A row as the API shows it."""
    return resource.public.model_validate(row, from_attributes=True)


def _owned(session: Session, caller: Caller, kind: str, row_id: int) -> Any:
    """The row of this kind if the caller may see it; NotOwned (404) otherwise."""
    row = get_person(session, kind, row_id)
    if caller.organisation_id is not None and row.organisation_id != caller.organisation_id:
        raise NotOwned(KINDS[kind].table, row_id)
    return row


def _audit_reads(session: Session, caller: Caller, rows: list[Any]) -> None:
    """Every family read through the API leaves an audit event naming the token's owner."""
    for row in rows:
        if isinstance(row, Family):
            record_event(
                session,
                actor=f"user:{caller.owner.id}",
                actor_user_id=caller.owner.id,
                entity="family",
                entity_id=row.id or 0,
                action="read",
                detail={"source": "api", "token_id": caller.token.id},
            )
    session.commit()


def _organisation_problem(session: Session, caller: Caller, kind: str, wanted: Any) -> str | None:
    """Why the organisation a body names is refused (None: it is fine or left to the domain)."""
    if wanted is None:
        return None  # the domain reports a missing organisation with the other fields
    if isinstance(wanted, bool) or not isinstance(wanted, int) or not 0 < wanted <= MAX_ID:
        return FieldCode.UNKNOWN_ORGANISATION
    if caller.organisation_id is not None and wanted != caller.organisation_id:
        return FieldCode.OTHER_ORGANISATION
    org = session.get(Organisation, wanted)
    if org is None or org.kind not in ORGANISATION_KINDS[kind]:
        return FieldCode.UNKNOWN_ORGANISATION
    return None


ORGANISATION_MESSAGES = {
    FieldCode.UNKNOWN_ORGANISATION: "is not a known organisation",
    FieldCode.OTHER_ORGANISATION: "is not the token's organisation",
}


def _save(
    session: Session, caller: Caller, kind: str, data: dict[str, Any], row: Any = None
) -> Any:
    """Save through the domain; a refused organisation is reported with every other field."""
    problem = _organisation_problem(session, caller, kind, data.get("organisation_id"))
    if problem is not None:
        data.pop("organisation_id")
    errors: list[FieldProblem] = []
    saved = None
    try:
        _check_network(session, data)
        saved = save_person(session, kind_name=kind, data=data, user=caller.owner, row=row,
                            source="api")  # fmt: skip
    except InvalidRecord as exc:
        errors = ApiProblem.from_invalid(exc).errors
    if problem is not None:
        errors = [e for e in errors if e.field != "organisation_id"]
        message = ORGANISATION_MESSAGES[FieldCode(problem)]
        errors.insert(0, FieldProblem(field="organisation_id", code=problem, message=message))
    if errors or saved is None:
        raise ApiProblem(422, ProblemCode.INVALID, "The request has refused fields.", errors)
    return saved.row


def _network(session: Session, wanted: Any) -> None:
    """A family's network, when given, is a known network organisation."""
    if wanted is None:
        return
    valid = isinstance(wanted, int) and not isinstance(wanted, bool) and 0 < wanted <= MAX_ID
    org = session.get(Organisation, wanted) if valid else None
    if org is None or org.kind != "network":
        raise ApiProblem.field("network_id", FieldCode.UNKNOWN_ORGANISATION,
                               "is not a known organisation")  # fmt: skip


def _check_network(session: Session, data: dict[str, Any]) -> None:
    """A family's network, when the body names one, exists (the database refers to it)."""
    if "network_id" in data:
        _network(session, data["network_id"])


def _external(reference: Any) -> str:
    """A checked external reference (1 to 100 characters)."""
    if not isinstance(reference, str) or not 1 <= len(reference.strip()) <= 100:
        raise ApiProblem.field("external_reference", "out_of_range", "1 to 100 characters")
    return reference.strip()


def _remember(session: Session, entity: str, org: int, reference: str, row_id: int) -> None:
    """Keep the external reference of a new record (a concurrent twin is refused with 409)."""
    found = session.exec(
        select(ApiExternalReference).where(
            ApiExternalReference.organisation_id == org,
            ApiExternalReference.entity == entity,
            ApiExternalReference.reference == reference,
        )
    ).first()
    if found is not None:
        raise ApiProblem(409, ProblemCode.DUPLICATE_EXTERNAL_REFERENCE,
                         f"Already registered as {entity} {found.row_id}.")  # fmt: skip
    session.add(ApiExternalReference(organisation_id=org, entity=entity, reference=reference,
                                     row_id=row_id))  # fmt: skip
    try:
        session.flush()
    except IntegrityError:  # the same reference at the same moment: the other one won
        raise ApiProblem(409, ProblemCode.DUPLICATE_EXTERNAL_REFERENCE,
                         f"Already registered as {entity}.") from None  # fmt: skip


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
    statement = (
        select(table)
        .where(*conditions(spec, wanted, today()), col(table.id) > query.after)
        .order_by(col(table.id))
        .limit(query.limit + 1)
    )
    return list(session.exec(statement).all())


def register(resource: Resource) -> None:
    """Declare the five operations of one kind of person."""
    kind, path, tag = resource.kind, resource.path, resource.tag
    entity = KINDS[kind].entity
    single = f"/{path}/<int:row_id>"

    def list_people(caller: Caller, session: Session, *, query: PeopleQuery, **_: Any) -> Answer:
        rows = _list_rows(session, caller, kind, query)
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        _audit_reads(session, caller, rows)
        items = [_public(resource, row) for row in rows]
        cursor = rows[-1].id if more else None
        return Answer(200, resource.page(items=items, next_cursor=cursor))

    def read_person(caller: Caller, session: Session, *, row_id: int, **_: Any) -> Answer:
        row = _owned(session, caller, kind, row_id)
        _audit_reads(session, caller, [row])
        return Answer(200, _public(resource, row))

    def create_person(
        caller: Caller, session: Session, *, body: dict[str, Any], **_: Any
    ) -> Answer:
        data = dict(body)
        if caller.organisation_id is not None:
            data.setdefault("organisation_id", caller.organisation_id)
        reference = data.pop("external_reference", None)
        if kind == "families":
            data.setdefault("registered_on", today().isoformat())
        row = _save(session, caller, kind, data)
        if reference is not None:
            _remember(session, entity, row.organisation_id, _external(reference), row.id or 0)
        return Answer(201, _public(resource, row))

    def update_person(
        caller: Caller, session: Session, *, row_id: int, body: dict[str, Any], **_: Any
    ) -> Answer:
        row = _owned(session, caller, kind, row_id)
        return Answer(200, _public(resource, _save(session, caller, kind, dict(body), row)))

    def deactivate(caller: Caller, session: Session, *, row_id: int, **_: Any) -> Answer:
        row = _owned(session, caller, kind, row_id)
        deactivate_person(session, kind_name=kind, row=row, user=caller.owner)
        return Answer(200, _public(resource, row))

    name = resource.create.__name__.removesuffix("Create")
    create_body = BodySpec(resource.create, f"{name}Create", drop=DERIVED,
                           optional=("organisation_id", "registered_on"),
                           extra=EXTERNAL_REFERENCE, raw=True)  # fmt: skip
    update_body = BodySpec(resource.create, f"{name}Update", drop=DERIVED, partial=True, raw=True)
    views = (
        (list_people, "GET", f"/{path}", dict(summary=f"List {tag}", response=resource.page,
                                              query=PeopleQuery)),
        (read_person, "GET", single, dict(summary=f"Read one of the {tag}",
                                          response=resource.public)),
        (create_person, "POST", f"/{path}", dict(summary=f"Register one of the {tag}",
                                                 response=resource.public, status=201,
                                                 body=create_body, write=True, idempotent=True,
                                                 conflicts=True)),
        (update_person, "PATCH", single, dict(summary=f"Change one of the {tag}",
                                              response=resource.public, body=update_body,
                                              write=True)),
        (deactivate, "POST", f"{single}/deactivate", dict(
            summary=f"Take one of the {tag} out of matching", response=resource.public,
            write=True)),
    )  # fmt: skip
    for view, method, rule, spec in views:
        view.__name__ = f"{view.__name__}_{path}"
        operation(bp, method, rule, tag=tag, **spec)(view)


for _resource in RESOURCES:
    register(_resource)
