"""A person's reminder settings: the language of their mail and which notices they get."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from matching.notices.preferences import kinds_for, save_preferences
from web.auth import bp
from web.auth.account import own_row
from web.auth.forms import NoticesForm
from web.database import db_session
from web.portal.labels import NOTICE_KIND_LABELS


@bp.route("/account/notices", methods=["GET", "POST"])
def notices() -> ResponseReturnValue:
    """Choose the mail language and turn reminders on or off."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=url_for("auth.notices")))
    user = own_row()
    kinds = kinds_for(user)
    form = NoticesForm()
    form.wanted.choices = [SelectChoice(kind.value, NOTICE_KIND_LABELS[kind]) for kind in kinds]
    if not form.is_submitted():
        form.language.data = user.language or "nl"
        form.wanted.data = [kind.value for kind in kinds if kind not in set(user.notices_off)]
    elif form.validate():
        store = db_session()
        save_preferences(
            store, user=user, language=form.language.data or "nl", wanted=form.wanted.data or []
        )
        store.commit()
        flash(_("Your reminder settings are saved."), "success")
        return redirect(url_for("auth.notices"))
    return render_template("auth/notices.html", form=form, kinds=kinds)
