"""Privacy: the register of processing, retention runs, access downloads and erasure."""

from __future__ import annotations

import json

from flask import Response, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matching.privacy.codes import ErasureRefusal, PersonKind
from matching.privacy.erasure import Actor, ErasureRefused, erase_person
from matching.privacy.looked import record_export
from matching.privacy.register import register, retention_days
from matching.privacy.retention import latest_runs, utc_now
from matching.tabular.export import csv_lines
from web.coordinator import bp
from web.coordinator.common import csv_response
from web.coordinator.forms import EraseForm
from web.coordinator.uploads import upload_dir
from web.database import db_session
from web.portal.access import access_download
from web.portal.dates import today
from web.portal.users import acting_user

PERSON_KINDS = "<any(volunteers, experts, students, families):kind>"
KIND_OF = {
    "families": PersonKind.FAMILY,
    "volunteers": PersonKind.VOLUNTEER,
    "experts": PersonKind.VOLUNTEER,
    "students": PersonKind.STUDENT,
}
REFUSALS = {
    ErasureRefusal.ACTIVE_MATCH: _l(
        "Not erased: this person has a running trajectory. End it first."
    ),
    ErasureRefusal.ACTIVE_PLACEMENT: _l(
        "Not erased: this student has a running placement. End it first."
    ),
    ErasureRefusal.NOT_FOUND: _l("Not erased: this person does not exist or was erased already."),
}
CSV_HEADER = ("table", "field", "purpose", "legal_basis", "special_category", "visible_to",
              "retention", "retention_days", "on_erasure")  # fmt: skip


def _language() -> str:
    """The page's language code (nl or en)."""
    return "en" if str(get_locale()) == "en" else "nl"


def _register_rows() -> list[dict[str, object]]:
    """Every personal field in the page's language."""
    reg, lang = register(), _language()
    return [
        {
            "table": entry.table,
            "field": entry.name,
            "purpose": entry.purpose[lang],
            "legal_basis": reg.legal_bases[entry.legal_basis][lang],
            "special_category": entry.special,
            "visible_to": list(entry.visible_to),
            "retention": reg.periods[entry.retention].text[lang],
            "retention_days": retention_days(entry.retention),
            "on_erasure": entry.erase,
        }
        for entry in reg.entries()
    ]


@bp.route("/privacy")
def privacy() -> ResponseReturnValue:
    """The register of processing, the retention periods and the last retention runs."""
    reg = register()
    return render_template(
        "coordinator/privacy.html",
        rows=_register_rows(),
        tables={name: text[_language()] for name, text in reg.tables.items()},
        runs=latest_runs(db_session()),
    )


@bp.route("/privacy/register.json")
def register_json() -> ResponseReturnValue:
    """The register as JSON (an audited export)."""
    session = db_session()
    record_export(session, user=acting_user(), what="register", format="json")
    session.commit()
    body = json.dumps({"fields": _register_rows()}, ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = "attachment; filename=kansrijk-register.json"
    return response


@bp.route("/privacy/register.csv")
def register_csv() -> ResponseReturnValue:
    """The register as CSV for Excel (an audited export)."""
    session = db_session()
    record_export(session, user=acting_user(), what="register", format="csv")
    session.commit()
    rows = ([row[name] for name in CSV_HEADER] for row in _register_rows())
    return csv_response(csv_lines(CSV_HEADER, rows), "kansrijk-register.csv")


@bp.route(f"/people/{PERSON_KINDS}/<int(max=2147483647):person_id>/access.zip")
def person_access(kind: str, person_id: int) -> ResponseReturnValue:
    """Everything held about one person, as a ZIP of JSON and HTML (audited)."""
    return access_download(kind=KIND_OF[kind], person_id=person_id, user=acting_user())


@bp.route(f"/people/{PERSON_KINDS}/<int(max=2147483647):person_id>/erase", methods=["POST"])
def person_erase(kind: str, person_id: int) -> ResponseReturnValue:
    """Forget a person; refused with the reason while a trajectory or placement runs."""
    form = EraseForm()
    if not form.validate_on_submit():
        token = getattr(form, "csrf_token", None)  # absent when CSRF is switched off
        if token is not None and token.errors:
            abort(400)
        flash(_("Tick the box to confirm."), "error")
        return redirect(url_for(".person_edit", kind=kind, person_id=person_id))
    session = db_session()
    user = acting_user()
    try:
        erase_person(
            session, kind=KIND_OF[kind], person_id=person_id,
            actor=Actor(f"user:{user.id}", user.id), today=today(), now=utc_now(),
            upload_dir=upload_dir(),
        )  # fmt: skip
    except ErasureRefused as refused:
        session.rollback()
        flash(str(REFUSALS[refused.code]), "error")
        return redirect(url_for(".person_edit", kind=kind, person_id=person_id))
    session.commit()
    flash(_("Erased: the personal data is gone, the statistics stay."), "success")
    return redirect(url_for(".people_list", kind=kind))
