"""Writing people through the API: scope, the organisations the database refers to, external
references; the record itself is validated by the domain, as for the forms and CSV import."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from matching.audit.trail import record_event
from matching.models import ApiExternalReference, Family, Organisation, Preschool
from matching.models.common import require_id
from matching.people.changes import get_person, save_person
from matching.people.lists import KINDS
from matching.people.scoping import NotOwned
from matching.people.validation import InvalidRecord
from matching.vocab import AuditEntity, OrganisationKind
from web.api.caller import Caller
from web.api.operations import MAX_ID
from web.api.problems import ApiProblem, FieldCode, FieldProblem, ProblemCode
from web.coordinator.people import ORGANISATION_KINDS


def owned(session: Session, caller: Caller, kind: str, row_id: int) -> Any:
    """The row of this kind if the caller may see it; NotOwned (404) otherwise."""
    row = get_person(session, kind, row_id)
    if caller.organisation_id is not None and row.organisation_id != caller.organisation_id:
        raise NotOwned(KINDS[kind].table, row_id)
    return row


def audit_reads(session: Session, caller: Caller, rows: list[Any]) -> None:
    """Every family read through the API leaves an audit event naming the token's owner."""
    for row in rows:
        if isinstance(row, Family):
            record_event(
                session,
                actor=f"user:{caller.owner.id}",
                actor_user_id=caller.owner.id,
                entity=AuditEntity.FAMILY,
                entity_id=require_id(row),
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
    if org is None or org.kind not in ORGANISATION_KINDS.get(kind, ()):
        return FieldCode.UNKNOWN_ORGANISATION
    return None


ORGANISATION_MESSAGES = {
    FieldCode.UNKNOWN_ORGANISATION: "is not a known organisation",
    FieldCode.OTHER_ORGANISATION: "is not the token's organisation",
}


def save(session: Session, caller: Caller, kind: str, data: dict[str, Any], row: Any = None) -> Any:
    """Save through the domain; a refused organisation is reported with every other field."""
    problem = _organisation_problem(session, caller, kind, data.get("organisation_id"))
    if problem is not None:
        data.pop("organisation_id")
    errors: list[FieldProblem] = []
    saved = None
    try:
        _check_references(session, data)
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
    if org is None or org.kind != OrganisationKind.NETWORK:
        raise ApiProblem.field("network_id", FieldCode.UNKNOWN_ORGANISATION,
                               "is not a known organisation")  # fmt: skip


def _check_references(session: Session, data: dict[str, Any]) -> None:
    """A family's network and a group's preschool, when the body names them, exist."""
    if "network_id" in data:
        _network(session, data["network_id"])
    if "preschool_id" in data:
        wanted = data["preschool_id"]
        valid = isinstance(wanted, int) and not isinstance(wanted, bool) and 0 < wanted <= MAX_ID
        if not valid or session.get(Preschool, wanted) is None:
            raise ApiProblem.field("preschool_id", "unknown_preschool", "is not a known preschool")


def external(reference: Any) -> str:
    """A checked external reference (1 to 100 characters)."""
    if not isinstance(reference, str) or not 1 <= len(reference.strip()) <= 100:
        raise ApiProblem.field("external_reference", "out_of_range", "1 to 100 characters")
    return reference.strip()


def remember(session: Session, entity: str, org: int, reference: str, row_id: int) -> None:
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
