"""The organisation's own buddies and experience experts: registering and changing them."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.models import Volunteer
from matching.people import scoping
from matching.people.partner import register_volunteer, update_volunteer
from matching.privacy.codes import PersonKind
from matching.privacy.looked import record_look
from matching.vocab import AuditEntity
from web.auth.users import signed_in
from web.database import db_session
from web.organisation import bp
from web.organisation.forms import VolunteerForm
from web.portal.access import access_download
from web.portal.record_errors import save_or_show_errors
from web.portal.users import acting_user


@bp.route("/volunteers/new", methods=["GET", "POST"])
def new_volunteer() -> ResponseReturnValue:
    """Register a buddy; a refused field shows its error beside it."""
    form = VolunteerForm()
    if form.validate_on_submit():
        created = save_or_show_errors(
            form,
            lambda session: register_volunteer(
                session,
                organisation_id=signed_in().organisation_id,
                data=form.values(),
                user=acting_user(),
            ),
        )
        if created is not None:
            flash(_("%(name)s is registered.", name=created.name), "success")
            return redirect(url_for("organisation.home", _anchor="volunteers"))
    return render_template("organisation/volunteer_form.html", form=form, volunteer=None)


@bp.route("/volunteers/<id:volunteer_id>", methods=["GET", "POST"])
def volunteer(volunteer_id: int) -> ResponseReturnValue:
    """One of the organisation's volunteers, to read and change."""
    organisation_id = signed_in().organisation_id
    session = db_session()
    found = scoping.get_owned(
        session, table=Volunteer, row_id=volunteer_id, organisation_id=organisation_id
    )
    form = VolunteerForm()
    if not form.is_submitted():
        form.fill(found)
        record_look(
            session, user=acting_user(), entity=AuditEntity.VOLUNTEER, entity_id=volunteer_id
        )
        session.commit()
    elif (
        form.validate()
        and save_or_show_errors(
            form,
            lambda session: update_volunteer(
                session,
                organisation_id=organisation_id,
                volunteer_id=volunteer_id,
                changes=form.values(),
                user=acting_user(),
            ),
        )
        is not None
    ):
        flash(_("The changes are saved."), "success")
        return redirect(url_for("organisation.home", _anchor="volunteers"))
    return render_template("organisation/volunteer_form.html", form=form, volunteer=found)


@bp.route("/volunteers/<id:volunteer_id>/access.zip")
def volunteer_access(volunteer_id: int) -> ResponseReturnValue:
    """Everything held about one of the organisation's volunteers, as a ZIP (audited)."""
    return access_download(
        kind=PersonKind.VOLUNTEER,
        person_id=volunteer_id,
        user=acting_user(),
        organisation_id=signed_in().organisation_id,
    )
