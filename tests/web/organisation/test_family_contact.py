"""A partner records the contact details a buddy sees only after accepting an offer."""

from __future__ import annotations

from flask import Flask
from sqlmodel import Session, select

from matching.models import AuditEvent, Family
from tests.web.portal_access import signed_in
from web.database import ENGINE_KEY

FORM = {"reference": "AA-001", "postcode": "3562", "languages": "ar",
        "buddy_gender_wish": "any", "sessions_required": "1"}  # fmt: skip


def test_the_contact_details_are_saved_and_audited_by_name_only(app: Flask) -> None:
    with Session(app.extensions[ENGINE_KEY]) as session:
        family_id = session.exec(select(Family.id).where(Family.reference == "AA-001")).one()
    client = signed_in(app, "al_amal")
    contact = {"first_name": " Khadija ", "address": "Amazonestraat 12", "phone": "06-1"}
    saved = client.post(f"/organisation/families/{family_id}/edit", data={**FORM, **contact})
    assert saved.status_code == 302
    with Session(app.extensions[ENGINE_KEY]) as session:
        family = session.get(Family, family_id)
        assert family is not None
        assert (family.first_name, family.address, family.phone) == (
            "Khadija", "Amazonestraat 12", "06-1")  # fmt: skip
        event = session.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()  # type: ignore[union-attr]
        assert event is not None and "Khadija" not in str(event.detail)
        assert {"first_name", "address", "phone"} <= set(event.detail["fields"])
    too_long = client.post(f"/organisation/families/{family_id}/edit",
                           data={**FORM, "phone": "0" * 31})  # fmt: skip
    assert too_long.status_code in (200, 422) and 'class="error"' in too_long.text
