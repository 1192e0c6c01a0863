"""The organisation's families: one family's page, registering a mother, changing her record."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.buddies.priority import priority
from matching.models import Family
from matching.people import scoping
from matching.people.partner import register_family, update_family
from matching.privacy.codes import PersonKind
from matching.privacy.looked import record_look
from matching.vocab import AuditEntity
from web.auth.users import signed_in
from web.database import db_session
from web.organisation import bp
from web.organisation.forms import FamilyForm
from web.portal.access import access_download
from web.portal.dates import today
from web.portal.record_errors import save_or_show_errors
from web.portal.users import acting_user


@bp.route("/families/<id:family_id>")
def family(family_id: int) -> ResponseReturnValue:
    """One of the organisation's families; another organisation's is not found (404)."""
    organisation_id = signed_in().organisation_id
    session = db_session()
    found = scoping.get_owned(
        session, table=Family, row_id=family_id, organisation_id=organisation_id
    )
    matches = scoping.active_matches_of(
        session, organisation_id=organisation_id, family_id=family_id
    )
    record_look(session, user=acting_user(), entity=AuditEntity.FAMILY, entity_id=family_id)
    session.commit()
    return render_template(
        "organisation/family.html",
        family=found,
        matches=matches,
        priority=priority(found, today()),
    )


@bp.route("/families/new", methods=["GET", "POST"])
def new_family() -> ResponseReturnValue:
    """Register an expecting mother; a refused field shows its error beside it."""
    form = FamilyForm()
    if form.validate_on_submit():
        created = save_or_show_errors(
            form,
            lambda session: register_family(
                session,
                organisation_id=signed_in().organisation_id,
                data=form.values(),
                today=today(),
                user=acting_user(),
            ),
        )
        if created is not None:
            flash(_("%(reference)s is registered.", reference=created.reference), "success")
            return redirect(url_for("organisation.suggestions", family_id=created.id))
    return render_template("organisation/family_form.html", form=form, family=None)


@bp.route("/families/<id:family_id>/edit", methods=["GET", "POST"])
def edit_family(family_id: int) -> ResponseReturnValue:
    """Change one of the organisation's families."""
    organisation_id = signed_in().organisation_id
    found = scoping.get_owned(
        db_session(), table=Family, row_id=family_id, organisation_id=organisation_id
    )
    form = FamilyForm()
    if not form.is_submitted():
        form.fill(found)
    elif (
        form.validate()
        and save_or_show_errors(
            form,
            lambda session: update_family(
                session,
                organisation_id=organisation_id,
                family_id=family_id,
                changes=form.values(),
                user=acting_user(),
            ),
        )
        is not None
    ):
        flash(_("The changes are saved."), "success")
        return redirect(url_for("organisation.family", family_id=family_id))
    return render_template("organisation/family_form.html", form=form, family=found)


@bp.route("/families/<id:family_id>/access.zip")
def family_access(family_id: int) -> ResponseReturnValue:
    """Everything held about one of the organisation's families, as a ZIP (audited)."""
    return access_download(
        kind=PersonKind.FAMILY,
        person_id=family_id,
        user=acting_user(),
        organisation_id=signed_in().organisation_id,
    )
