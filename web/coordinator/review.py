"""Reviewing proposals: read why, then approve, reject with a reason, pin, or approve many."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.decisions.bulk_approval import approve_selected
from matching.decisions.lifecycle import (
    LifecycleError,
    approve_proposal,
    pin_proposal,
    reject_proposal,
)
from matching.decisions.review import (
    ReviewFilter,
    buddy_review,
    group_names,
    open_counts,
    placement_review,
)
from matching.people.details import organisations_of_kinds
from matching.people.scoping import NotOwned
from matching.reference import districts
from matching.vocab import VOLUNTEER_ORGANISATION_KINDS, ProposalKind, ProposalStatus
from web.auth.clock import now
from web.auth.redirects import safe_next
from web.coordinator import bp
from web.coordinator.common import filter_args, int_arg, page_arg, wake_executor
from web.coordinator.forms import ActionForm, BulkApproveForm, PinForm, RejectForm
from web.database import db_session
from web.messages import error_message
from web.portal.dates import today
from web.portal.loop import offer_settings
from web.portal.users import acting_user


def _filter() -> ReviewFilter:
    """The review's filter from the query string."""
    kind = request.args.get("kind", ProposalKind.BUDDY)
    return ReviewFilter(
        kind=kind if kind in set(ProposalKind) else ProposalKind.BUDDY,
        status=request.args.get("status", ProposalStatus.PROPOSED),
        district=request.args.get("district", "")[:30],
        organisation_id=int_arg("organisation"),
        page=page_arg(),
    )


@bp.route("/proposals/")
def proposals() -> ResponseReturnValue:
    """Proposals grouped by family (buddies) or preschool (placements), with their reasons."""
    session = db_session()
    wanted = _filter()
    if wanted.kind == ProposalKind.BUDDY:
        page = buddy_review(session, wanted, today())
        groups_by_id: dict[int, str] = {}
    else:
        page = placement_review(session, wanted)
        groups_by_id = group_names(session, [p for g in page.rows for p, _s in g.proposals])
    return render_template(
        "coordinator/proposals.html",
        page=page,
        wanted=wanted,
        statuses=list(ProposalStatus),
        counts=open_counts(session),
        group_names=groups_by_id,
        districts=districts(),
        organisations=organisations_of_kinds(session, VOLUNTEER_ORGANISATION_KINDS),
        args=filter_args(("kind", "status", "district", "organisation")),
        action_form=ActionForm(),
        reject_form=RejectForm(),
        bulk_form=BulkApproveForm(),
    )


def _back() -> ResponseReturnValue:
    """Back to the review page the form was on."""
    return redirect(safe_next(request.form.get("next")) or url_for(".proposals"))


def _refused(error: Exception) -> None:
    """Roll back and say why the action was refused."""
    db_session().rollback()
    flash(error_message(error), "error")


@bp.route("/proposals/<id:proposal_id>/approve", methods=["POST"])
def approve(proposal_id: int) -> ResponseReturnValue:
    """Approve: the proposal becomes a trajectory or a placement, and its mail is queued."""
    if ActionForm().validate_on_submit():
        session = db_session()
        try:
            approve_proposal(
                session,
                proposal_id=proposal_id,
                user=acting_user(),
                today=today(),
                offer=offer_settings(),
                now=now(),
            )
        except (LifecycleError, NotOwned) as exc:
            _refused(exc)
            return _back()
        session.commit()
        wake_executor()
        flash(_("Approved."), "success")
    return _back()


@bp.route("/proposals/<id:proposal_id>/reject", methods=["POST"])
def reject(proposal_id: int) -> ResponseReturnValue:
    """Reject with a reason: the pair is never proposed again."""
    form = RejectForm()
    if not form.validate_on_submit():
        flash(_("Please give a reason."), "error")
        return _back()
    session = db_session()
    try:
        reject_proposal(
            session, proposal_id=proposal_id, user=acting_user(), reason=form.reason.data or ""
        )
    except (LifecycleError, NotOwned) as exc:
        _refused(exc)
        return _back()
    session.commit()
    flash(_("Rejected: this pair will not be proposed again."), "success")
    return _back()


@bp.route("/proposals/<id:proposal_id>/pin", methods=["POST"])
def pin(proposal_id: int) -> ResponseReturnValue:
    """Pin (or unpin) an open proposal: the next runs keep it while it stays allowed."""
    form = PinForm()
    if form.validate_on_submit():
        session = db_session()
        try:
            pin_proposal(
                session, proposal_id=proposal_id, user=acting_user(), pinned=form.pinned.data
            )
        except (LifecycleError, NotOwned) as exc:
            _refused(exc)
            return _back()
        session.commit()
        flash(_("Pinned.") if form.pinned.data else _("No longer pinned."), "success")
    return _back()


@bp.route("/proposals/approve", methods=["POST"])
def approve_many() -> ResponseReturnValue:
    """Approve every ticked proposal that can be; say why for each that cannot."""
    form = BulkApproveForm()
    if not form.validate_on_submit() or not form.proposal_ids.data:
        flash(_("Tick the proposals to approve first."), "error")
        return _back()
    result = approve_selected(
        db_session(),
        proposal_ids=form.proposal_ids.data,
        user=acting_user(),
        today=today(),
        offer=offer_settings(),
        now=now(),
    )
    if result.approved:
        wake_executor()
        count = len(result.approved)
        flash(_("Approved: %(num)s.", num=count), "success")
    for proposal_id, reason in result.refused:
        flash(
            _("#%(id)s not approved: %(reason)s", id=proposal_id, reason=error_message(reason)),
            "error",
        )
    return _back()
