"""The audit trail, and the outbox: e-mail that did not go out, and sending it again."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.audit.listing import actors, audit_page, entities
from matching.outbox.status import problem_mails, recent_mails, retry_now, status_counts
from web.coordinator import bp
from web.coordinator.common import int_arg, page_arg, wake_executor
from web.coordinator.forms import ActionForm
from web.database import db_session
from web.portal.users import acting_user


@bp.route("/audit")
def audit() -> ResponseReturnValue:
    """Every change and look, newest first, with who and when; by record, user or action."""
    session = db_session()
    entity = request.args.get("entity", "")[:30]
    entity_id = int_arg("entity_id")
    user_id = int_arg("user")
    action = request.args.get("action", "")[:30]
    page = audit_page(
        session, entity=entity, entity_id=entity_id, user_id=user_id, action=action,
        page=page_arg(),
    )  # fmt: skip
    args = {"entity": entity, "entity_id": entity_id, "user": user_id, "action": action}
    return render_template(
        "coordinator/audit.html",
        page=page,
        entity=entity,
        entity_id=entity_id,
        user_id=user_id,
        action=action,
        users=actors(session),
        entities=entities(session),
        args={key: value for key, value in args.items() if value},
    )


@bp.route("/outbox")
def outbox() -> ResponseReturnValue:
    """Messages that failed or wait for a retry, and the latest ones sent."""
    session = db_session()
    return render_template(
        "coordinator/outbox.html",
        counts=status_counts(session),
        problems=problem_mails(session),
        recent=recent_mails(session, limit=20),
        form=ActionForm(),
    )


@bp.route("/outbox/retry", methods=["POST"])
@bp.route("/outbox/<id:mail_id>/retry", methods=["POST"])
def outbox_retry(mail_id: int | None = None) -> ResponseReturnValue:
    """Send failed messages (or one) again at once."""
    if not ActionForm().validate_on_submit():
        abort(400)
    session = db_session()
    count = retry_now(session, user=acting_user(), mail_id=mail_id)
    session.commit()
    wake_executor()
    if count:
        flash(_("Queued to be sent again: %(num)s.", num=count), "success")
    else:
        flash(_("Nothing to send again."), "info")
    return redirect(url_for(".outbox"))
