"""API tokens: a coordinator makes one for the municipality or a partner, sees it once,
lists every token with its last use, and revokes it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from matching.api_tokens.tokens import MAX_DAYS, ApiScope, issue_token, list_tokens, revoke_token
from matching.people.details import organisations_of_kinds
from web.coordinator import bp
from web.coordinator.forms import ActionForm
from web.database import db_session
from web.portal.users import acting_user

TOKEN_ORGANISATION_KINDS = ("municipality", "partner", "network")


class TokenForm(FlaskForm):
    """A new token: what it is for, whose people it sees, what it may do, how long."""

    name = StringField(
        _l("What the token is for"),
        validators=[DataRequired(_l("Please fill this in.")), Length(max=80)],
    )
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    scope = SelectField(
        _l("Access"),
        choices=[
            SelectChoice(ApiScope.READ.value, _l("Read only")),
            SelectChoice(ApiScope.READ_WRITE.value, _l("Read and write")),
        ],
    )
    days = IntegerField(
        _l("Valid for (days)"),
        default=90,
        validators=[InputRequired(_l("Please fill this in.")), NumberRange(min=1, max=MAX_DAYS)],
    )


def _form() -> TokenForm:
    """The form with the organisations a token may be made for."""
    form = TokenForm()
    orgs = organisations_of_kinds(db_session(), TOKEN_ORGANISATION_KINDS)
    form.organisation_id.choices = [SelectChoice(o.id, o.name) for o in orgs]
    return form


def _page(form: TokenForm, secret: str | None = None, status: int = 200) -> ResponseReturnValue:
    """The token page: the new token once, the form, and every token with its last use."""
    response = render_template(
        "coordinator/api_tokens.html",
        form=form,
        secret=secret,
        tokens=list_tokens(db_session()),
        action_form=ActionForm(),
    )
    headers = {"Cache-Control": "no-store"}  # the page with a new token must not be kept
    return response, status, headers


@bp.route("/api-tokens", methods=["GET"])
def api_tokens() -> ResponseReturnValue:
    """The tokens and the form for a new one."""
    return _page(_form())


@bp.route("/api-tokens", methods=["POST"])
def api_token_new() -> ResponseReturnValue:
    """Make a token and show it this once; only its hash is kept."""
    form = _form()
    if not form.validate_on_submit():
        return _page(form, status=422)
    session = db_session()
    issued = issue_token(
        session,
        owner=acting_user(),
        name=form.name.data or "",
        organisation_id=int(form.organisation_id.data),
        scope=form.scope.data,
        days=int(form.days.data or 0),
    )
    session.commit()
    return _page(_form(), secret=issued.secret, status=201)


@bp.route("/api-tokens/<int(max=2147483647):token_id>/revoke", methods=["POST"])
def api_token_revoke(token_id: int) -> ResponseReturnValue:
    """Revoke a token: it stops working at once."""
    if not ActionForm().validate_on_submit():
        abort(400)
    session = db_session()
    if revoke_token(session, token_id=token_id, user=acting_user()) is None:
        abort(404)
    session.commit()
    flash(_("The token is revoked."), "success")
    return redirect(url_for(".api_tokens"))
