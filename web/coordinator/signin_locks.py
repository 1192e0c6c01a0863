"""Sign-in locks: which accounts and client addresses must wait, and lifting a lock."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.signin import throttle
from web.auth.clock import now
from web.coordinator import bp
from web.coordinator.forms import MAX_ID, ActionForm
from web.database import db_session
from web.portal.users import acting_user


@bp.route("/sign-in-locks")
def signin_locks() -> ResponseReturnValue:
    """Every account and address that must wait or is locked now."""
    rows = throttle.current_blocks(db_session(), now=now())
    return render_template(
        "coordinator/signin_locks.html",
        rows=rows,
        account_prefix=throttle.ACCOUNT_PREFIX,
        address_prefix=throttle.ADDRESS_PREFIX,
        form=ActionForm(),
    )


@bp.route(f"/sign-in-locks/<int(max={MAX_ID}):throttle_id>/lift", methods=["POST"])
def signin_lock_lift(throttle_id: int) -> ResponseReturnValue:
    """Lift one lock (audited): the account or address may try again at once."""
    if not ActionForm().validate_on_submit():
        abort(400)
    store = db_session()
    lifted = throttle.lift(store, throttle_id=throttle_id, user=acting_user())
    if lifted is None:
        abort(404)
    store.commit()
    flash(_("The lock is lifted."), "success")
    return redirect(url_for(".signin_locks"))
