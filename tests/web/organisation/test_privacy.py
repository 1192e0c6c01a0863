"""A partner organisation's looks, writes and access downloads are in the audit trail, and it
gets only its own people's data."""

from __future__ import annotations

import io
import json
import zipfile

from sqlmodel import Session, col, select

from matching.models import AuditEvent, User
from tests.web.dataset import AL_AMAL
from web.database import ENGINE_KEY


def _events(app, **where: object) -> list[AuditEvent]:
    with Session(app.extensions[ENGINE_KEY]) as session:
        statement = select(AuditEvent).order_by(col(AuditEvent.id))
        for name, value in where.items():
            statement = statement.where(getattr(AuditEvent, name) == value)
        return list(session.exec(statement))


def _amina(app) -> int:
    with Session(app.extensions[ENGINE_KEY]) as session:
        return session.exec(select(User.id).where(User.email == AL_AMAL.email)).one()


def test_opening_a_family_is_audited(app, client, auth, ids) -> None:
    auth.login(AL_AMAL.email)
    family_id = ids["AA-001"]
    assert client.get(f"/organisation/families/{family_id}").status_code == 200
    views = _events(app, entity="family", entity_id=family_id, action="viewed")
    assert [e.actor_user_id for e in views] == [_amina(app)]


def test_registering_and_editing_are_audited_with_fields_not_values(app, client, auth, ids):
    auth.login(AL_AMAL.email)
    family_id = ids["AA-001"]
    form = {
        "reference": "AA-001", "postcode": "3562", "languages": "ar", "availability": ["mon_am"],
        "buddy_gender_wish": "any", "sessions_required": "2", "stacked_problems": "0",
    }  # fmt: skip
    response = client.post(f"/organisation/families/{family_id}/edit", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    changed = _events(app, entity="family", entity_id=family_id, action="updated")
    assert [(e.actor_user_id, e.detail["source"]) for e in changed] == [
        (_amina(app), "organisation")
    ]
    assert "sessions_required" in changed[0].detail["fields"]
    assert "3562" not in json.dumps(changed[0].detail)


def test_the_access_zip_of_an_own_family_and_not_of_another(app, client, auth, ids) -> None:
    auth.login(AL_AMAL.email)
    own = client.get(f"/organisation/families/{ids['AA-003']}/access.zip")
    assert own.status_code == 200
    data = json.loads(zipfile.ZipFile(io.BytesIO(own.data)).read("data.json"))
    assert data["record"]["reference"] == "AA-003" and len(data["matches"]) == 1
    assert client.get(f"/organisation/families/{ids['TDM-001']}/access.zip").status_code == 404
    downloads = _events(app, action="access_download")
    assert [(e.entity, e.entity_id) for e in downloads] == [("family", ids["AA-003"])]
