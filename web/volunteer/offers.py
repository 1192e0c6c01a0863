"""The volunteer's home (offers and matches) and one offer: read it, accept or decline, then
report the first meeting. Another volunteer's offer is not found (404)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.errors import DomainError
from matching.models import Offer, Volunteer
from matching.offers.answers import accept_offer, decline_offer, get_offer
from matching.offers.started import confirm_met, report_not_started
from matching.offers.views import earlier_matches, look_at_family, offer_view, offers_of
from matching.privacy.looked import record_look
from matching.vocab import AuditEntity
from web.auth.clock import now
from web.auth.users import signed_in
from web.database import db_session
from web.messages import error_message
from web.portal.users import acting_user
from web.volunteer import bp
from web.volunteer.forms import AcceptForm, DeclineForm, MetForm, NotStartedForm


def _own_id() -> int:
    """The signed-in volunteer's record id; an account without one sees nothing (404)."""
    from matching.people.scoping import NotOwned

    volunteer_id = signed_in().volunteer_id
    if volunteer_id is None:
        raise NotOwned(Volunteer, None)
    return volunteer_id


def _own_offer(offer_id: int) -> Offer:
    """One of the signed-in volunteer's offers, else NotOwned (404)."""
    return get_offer(db_session(), offer_id, volunteer_id=_own_id())


@bp.route("/")
def home() -> ResponseReturnValue:
    """Offers waiting for an answer, running matches, and earlier offers."""
    session = db_session()
    volunteer = session.get(Volunteer, signed_in().volunteer_id or 0)
    if volunteer is None or volunteer.erased_at is not None:
        return render_template("volunteer/home.html", volunteer=None, views=[], earlier=[])
    views = offers_of(session, _own_id())
    user = acting_user()
    for view in views:
        look_at_family(session, user=user, offer=view.offer)
    earlier = earlier_matches(session, _own_id())
    for match, _family in earlier:
        record_look(session, user=user, entity=AuditEntity.FAMILY, entity_id=match.family_id)
    session.commit()
    return render_template("volunteer/home.html", volunteer=volunteer, views=views, earlier=earlier)


@bp.route("/offers/<id:offer_id>")
def offer(offer_id: int) -> ResponseReturnValue:
    """One offer: why it fits and what the volunteer needs to decide; contact after yes."""
    session = db_session()
    found = _own_offer(offer_id)
    view = offer_view(session, found)
    look_at_family(session, user=acting_user(), offer=found)
    session.commit()
    return render_template(
        "volunteer/offer.html",
        view=view,
        accept_form=AcceptForm(),
        decline_form=DeclineForm(),
        met_form=MetForm(),
        not_started_form=NotStartedForm(),
        answer_prefix="volunteer",
    )


def _done(offer_id: int, error: DomainError | None, message: str) -> ResponseReturnValue:
    """Commit and confirm, or roll back and say why; back to the offer either way."""
    session = db_session()
    if error is not None:
        session.rollback()
        flash(error_message(error), "error")
    else:
        session.commit()
        flash(message, "success")
    return redirect(url_for("volunteer.offer", offer_id=offer_id))


@bp.post("/offers/<id:offer_id>/accept")
def accept(offer_id: int) -> ResponseReturnValue:
    """Accept the offer."""
    found = _own_offer(offer_id)
    if not AcceptForm().validate_on_submit():
        return redirect(url_for("volunteer.offer", offer_id=offer_id))
    try:
        accept_offer(db_session(), offer_id=offer_id, user=acting_user(), now=now(),
                     volunteer_id=found.volunteer_id)  # fmt: skip
    except DomainError as error:
        return _done(offer_id, error, "")
    return _done(offer_id, None, _("Thank you! You can now see how to reach the family."))


@bp.post("/offers/<id:offer_id>/decline")
def decline(offer_id: int) -> ResponseReturnValue:
    """Decline the offer with a reason (the form shows errors beside its fields)."""
    found = _own_offer(offer_id)
    form = DeclineForm()
    if not form.validate_on_submit():
        session = db_session()
        return render_template(
            "volunteer/offer.html", view=offer_view(session, found), accept_form=AcceptForm(),
            decline_form=form, met_form=MetForm(), not_started_form=NotStartedForm(),
            answer_prefix="volunteer",
        ), 422  # fmt: skip
    try:
        decline_offer(db_session(), offer_id=offer_id, user=acting_user(), now=now(),
                      reason=form.reason.data or "", note=form.note.data or "",
                      volunteer_id=found.volunteer_id)  # fmt: skip
    except DomainError as error:
        return _done(offer_id, error, "")
    return _done(offer_id, None, _("Your answer is saved. Thank you for letting us know."))


@bp.post("/offers/<id:offer_id>/met")
def met(offer_id: int) -> ResponseReturnValue:
    """ "We have met" on a date."""
    found = _own_offer(offer_id)
    form = MetForm()
    if not form.validate_on_submit() or form.met_on.data is None:
        flash(_("Please give the date of the first meeting."), "error")
        return redirect(url_for("volunteer.offer", offer_id=offer_id))
    try:
        confirm_met(db_session(), offer_id=offer_id, user=acting_user(), met_on=form.met_on.data,
                    now=now(), volunteer_id=found.volunteer_id)  # fmt: skip
    except DomainError as error:
        return _done(offer_id, error, "")
    return _done(offer_id, None, _("Good to hear that you have met."))


@bp.post("/offers/<id:offer_id>/not-started")
def not_started(offer_id: int) -> ResponseReturnValue:
    """It did not start: the match ends and the coordinator looks for another buddy."""
    found = _own_offer(offer_id)
    form = NotStartedForm()
    if not form.validate_on_submit():
        return redirect(url_for("volunteer.offer", offer_id=offer_id))
    try:
        report_not_started(db_session(), offer_id=offer_id, user=acting_user(), now=now(),
                           note=form.note.data or "", volunteer_id=found.volunteer_id)  # fmt: skip
    except DomainError as error:
        return _done(offer_id, error, "")
    return _done(offer_id, None, _("Thank you. Your coordinator will look for another way."))
