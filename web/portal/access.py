"""Access on request as a download: a ZIP of the person's data as JSON and a readable page."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any
from urllib.parse import quote

from flask import Response, render_template
from flask_babel import lazy_gettext as _l

from matching.models import User
from matching.models.common import utcnow
from matching.privacy.access import person_data
from matching.privacy.codes import PersonKind, PrivacyAction
from matching.privacy.looked import record_look
from web.database import db_session
from web.portal.dates import today

PERSON_KIND_LABELS = {
    PersonKind.FAMILY: _l("family"),
    PersonKind.VOLUNTEER: _l("volunteer"),
    PersonKind.STUDENT: _l("student"),
}
ACCESS_SECTION_LABELS = {
    "matches": _l("Trajectories"),
    "check_ins": _l("Check-ins"),
    "placements": _l("Placements"),
    "proposals": _l("Proposals and their explanation"),
    "offers": _l("Offers to a volunteer and their answers"),
    "accounts": _l("Accounts"),
    "audit_events": _l("Audit events about this person"),
}


def access_zip(data: dict[str, Any]) -> bytes:
    """The ZIP: ``data.json`` (machine-readable) and ``summary.html`` (for people)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        page = render_template(
            "privacy/access_summary.html",
            data=data,
            PERSON_KIND_LABELS=PERSON_KIND_LABELS,
            ACCESS_SECTION_LABELS=ACCESS_SECTION_LABELS,
        )
        archive.writestr("summary.html", page)
    return buffer.getvalue()


def access_download(
    *, kind: PersonKind, person_id: int, user: User, organisation_id: int | None = None
) -> Response:
    """Everything about the person as a ZIP download, with an audit event (NotOwned: 404)."""
    session = db_session()
    data = person_data(
        session, kind=kind, person_id=person_id, now=utcnow(), organisation_id=organisation_id
    )
    body = access_zip(data)
    record_look(
        session, user=user, entity=str(kind), entity_id=person_id,
        action=PrivacyAction.ACCESS_DOWNLOAD,
    )  # fmt: skip
    session.commit()
    name = f"kansrijk-{kind}-{person_id}-{today().isoformat()}.zip"
    response = Response(body, mimetype="application/zip")
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
