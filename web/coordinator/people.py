"""People and places: lists with search, filters and pages; forms to add, change, deactivate."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from matching import reference
from matching.people.changes import deactivate_person, get_person, save_person
from matching.people.details import organisations_of_kinds, preschool_choices, row_details
from matching.people.lists import KINDS, PeopleFilter, list_people
from matching.people.validation import InvalidRecord
from matching.privacy.looked import record_look
from matching.vocab import VOLUNTEER_ORGANISATION_KINDS, OrganisationKind
from matching.volunteers.invitations import invited_ids
from web.coordinator import bp
from web.coordinator.common import filter_args, int_arg, page_arg
from web.coordinator.forms import ActionForm, EraseForm
from web.coordinator.person_forms import FORMS, PersonForm, is_grid
from web.database import db_session
from web.messages import field_message
from web.portal.dates import today
from web.portal.users import acting_user

KIND = "<any(volunteers, experts, students, families, preschools, groups):kind>"
ORGANISATION_KINDS = {
    "volunteers": VOLUNTEER_ORGANISATION_KINDS,
    "experts": VOLUNTEER_ORGANISATION_KINDS,
    "families": VOLUNTEER_ORGANISATION_KINDS,
    "students": (OrganisationKind.UNIVERSITY,),
    "preschools": (OrganisationKind.PRESCHOOL_PROVIDER,),
}


FILTER_KEYS = ("q", "district", "language", "status", "half_day", "organisation", "priority",
               "volunteer_kind")  # fmt: skip


def people_filter(kind: str) -> PeopleFilter:
    """The list's filter from the query string; values that are not allowed are ignored."""
    args = request.args
    priority = int_arg("priority")
    return PeopleFilter(
        q=args.get("q", "")[:100],
        district=args.get("district", ""),
        language=args.get("language", ""),
        status=args.get("status", ""),
        half_day=args.get("half_day", ""),
        organisation_id=int_arg("organisation"),
        priority=priority if priority is not None and 0 <= priority <= 5 else None,
        volunteer_kind=args.get("volunteer_kind", "") if kind == "volunteers" else "",
        page=page_arg(),
    )


@bp.route(f"/people/{KIND}/")
def people_list(kind: str) -> ResponseReturnValue:
    """One page of the kind's list, filtered as asked."""
    session = db_session()
    wanted = people_filter(kind)
    page = list_people(session, kind, wanted, today())
    organisations = ORGANISATION_KINDS.get(kind, ())
    return render_template(
        "coordinator/people/list.html",
        kind=kind,
        spec=KINDS[kind],
        page=page,
        wanted=wanted,
        details=row_details(session, KINDS[kind].table, page.rows, today()),
        organisations=organisations_of_kinds(session, organisations) if organisations else [],
        languages=reference.common_languages(),
        districts=reference.districts(),
        args=filter_args(FILTER_KEYS),
        action_form=ActionForm(),
        invited=invited_ids(session, [row.id for row in page.rows])
        if kind in ("volunteers", "experts")
        else set(),
    )


def _prepare(form: PersonForm, kind: str) -> PersonForm:
    """Fill the choices that come from the database."""
    session = db_session()
    if hasattr(form, "organisation_id"):
        orgs = organisations_of_kinds(session, ORGANISATION_KINDS[kind])
        form.organisation_id.choices = [SelectChoice(o.id, o.name) for o in orgs]
    if hasattr(form, "network_id"):
        networks = organisations_of_kinds(session, (OrganisationKind.NETWORK,))
        form.network_id.choices = [
            SelectChoice("", "–"),
            *(SelectChoice(o.id, o.name) for o in networks),
        ]
    if hasattr(form, "preschool_id"):
        form.preschool_id.choices = [
            SelectChoice(value, label) for value, label in preschool_choices(session)
        ]
    return form


def _attach(form: PersonForm, error: InvalidRecord) -> None:
    """Each refused value's message next to its field (or above the form)."""
    for field_error in error.errors:
        name = field_error.field.split(".")[0]
        message = field_message(field_error)
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            form.form_errors.append(message)


def _save(kind: str, form: PersonForm, row: Any = None) -> ResponseReturnValue | None:
    """Save a submitted, well-formed form; None when it must be shown again with errors."""
    if not form.validate_on_submit():
        return None
    session = db_session()
    try:
        saved = save_person(
            session, kind_name=kind, data=form.record_data(), user=acting_user(), row=row
        )
    except InvalidRecord as exc:
        session.rollback()
        _attach(form, exc)
        return None
    session.commit()
    flash(_("Saved."), "success")
    return redirect(url_for(".person_edit", kind=kind, person_id=saved.row.id))


def _form_page(kind: str, form: PersonForm, row: Any = None) -> ResponseReturnValue:
    """The form page; 422 when a submitted form was refused."""
    status = 422 if request.method == "POST" else 200
    return render_template(
        "coordinator/people/form.html",
        kind=kind,
        entity=KINDS[kind].entity,
        form=form,
        row=row,
        is_grid=is_grid,
        action_form=ActionForm(),
        erase_form=EraseForm(),
    ), status


@bp.route(f"/people/{KIND}/new", methods=["GET", "POST"])
def person_new(kind: str) -> ResponseReturnValue:
    """Register a new person or place."""
    form = _prepare(FORMS[kind](), kind)
    if request.method == "GET" and hasattr(form, "registered_on"):
        form.registered_on.data = today()
    return _save(kind, form) or _form_page(kind, form)


@bp.route(f"/people/{KIND}/<id:person_id>", methods=["GET", "POST"])
def person_edit(kind: str, person_id: int) -> ResponseReturnValue:
    """Change a person or place (404 when there is none of this kind)."""
    session = db_session()
    row = get_person(session, kind, person_id)
    form = _prepare(FORMS[kind](), kind)
    if request.method == "GET":
        form.fill(row)
        record_look(session, user=acting_user(), entity=KINDS[kind].entity, entity_id=person_id)
        session.commit()
    return _save(kind, form, row) or _form_page(kind, form, row)


@bp.route(f"/people/{KIND}/<id:person_id>/deactivate", methods=["POST"])
def person_deactivate(kind: str, person_id: int) -> ResponseReturnValue:
    """Take a person or place out of matching (a family is closed)."""
    session = db_session()
    row = get_person(session, kind, person_id)
    if ActionForm().validate_on_submit():
        deactivate_person(session, kind_name=kind, row=row, user=acting_user(), today=today())
        session.commit()
        flash(_("Deactivated: no longer matched."), "success")
    return redirect(url_for(".people_list", kind=kind))
