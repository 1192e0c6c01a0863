"""Coordinators and organisations record answers and first meetings for volunteers, and
invite them; an organisation only for its own."""

from __future__ import annotations

from flask import Flask
from sqlmodel import Session, select

from matching.models import AuditEvent, Offer, OutboxMail, User, Volunteer
from matching.vocab import AuditAction, OfferStatus, Role
from tests.web.portal_access import signed_in
from tests.web.volunteer.conftest import NOW, Loop
from web.database import ENGINE_KEY


def test_the_coordinator_answers_for_a_volunteer_and_it_is_audited(app: Flask, loop: Loop) -> None:
    client = signed_in(app, "coordinator")
    assert client.post(f"/coordinator/offers/{loop.fatima_offer}/accept").status_code == 302
    declined = client.post(f"/coordinator/offers/{loop.mehmet_offer}/decline",
                           data={"reason": "other", "note": "belde af"})  # fmt: skip
    assert declined.status_code == 302
    with Session(app.extensions[ENGINE_KEY]) as session:
        accepted = session.get(Offer, loop.fatima_offer)
        assert accepted is not None and accepted.status == OfferStatus.ACCEPTED
        other = session.get(Offer, loop.mehmet_offer)
        assert other is not None and other.decline_note == "belde af"
        event = session.exec(
            select(AuditEvent).where(AuditEvent.action == AuditAction.ACCEPTED)
        ).one()
        assert event.detail["on_behalf_of_volunteer"] == accepted.volunteer_id


def test_an_organisation_reports_the_first_meeting_of_its_own_only(app: Flask, loop: Loop) -> None:
    signed_in(app, "coordinator").post(f"/coordinator/offers/{loop.fatima_offer}/accept")
    with Session(app.extensions[ENGINE_KEY]) as session:
        fatima_match = session.get(Offer, loop.fatima_offer).match_id  # type: ignore[union-attr]
    taal = signed_in(app, "taal")
    path = f"/organisation/trajectories/{fatima_match}/offer/met"
    assert taal.post(path, data={"met_on": NOW.date().isoformat()}).status_code == 404
    al_amal = signed_in(app, "al_amal")
    assert al_amal.post(path, data={"met_on": NOW.date().isoformat()}).status_code == 302
    with Session(app.extensions[ENGINE_KEY]) as session:
        assert session.get(Offer, loop.fatima_offer).met_on == NOW.date()  # type: ignore[union-attr]
    page = al_amal.get("/organisation/offers").text
    assert 'id="funnel-started">1<' in page and "TDM-001" not in page


def test_bulk_invitation_makes_accounts_and_mails_and_reports_refusals(app: Flask) -> None:
    with Session(app.extensions[ENGINE_KEY]) as session:
        pieter = session.exec(select(Volunteer).where(Volunteer.name == "Pieter Bakker")).one()
        anna = session.exec(select(Volunteer).where(Volunteer.name == "Anna Jansen")).one()
        pieter.email = "pieter@example.nl"
        session.add(pieter)
        session.commit()
        ids = [pieter.id, anna.id]
    client = signed_in(app, "coordinator")
    done = client.post("/coordinator/volunteers/invite", data={"volunteer_id": ids},
                       follow_redirects=True)  # fmt: skip
    assert "Uitnodigingen verstuurd: 1" in done.text
    assert "Anna Jansen heeft geen e-mailadres" in done.text
    with Session(app.extensions[ENGINE_KEY]) as session:
        (account,) = session.exec(select(User).where(User.role == Role.VOLUNTEER)).all()
        assert account.volunteer_id == ids[0] and account.email == "pieter@example.nl"
        (mail,) = session.exec(select(OutboxMail)).all()
        assert mail.recipient == "pieter@example.nl" and "/auth/reset/" in mail.body


def test_an_organisation_cannot_invite_another_organisations_volunteer(app: Flask) -> None:
    with Session(app.extensions[ENGINE_KEY]) as session:
        joke = session.exec(select(Volunteer).where(Volunteer.name == "Joke de Vries")).one()
    assert (
        signed_in(app, "al_amal").post(f"/organisation/volunteers/{joke.id}/invite").status_code
        == 404
    )
