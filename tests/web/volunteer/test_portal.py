"""The volunteer portal: the offer without the address, accept, then the address; decline."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import AuditEvent, Family, Offer, Proposal
from matching.vocab import AuditEntity, FamilyStatus, OfferStatus, ProposalStatus
from tests.web.dataset import PASSWORD
from tests.web.volunteer.conftest import FATIMA, MEHMET, Loop
from web.database import ENGINE_KEY


def _client(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/auth/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/volunteer/")
    return client


def test_the_offer_shows_the_address_only_after_accepting(app: Flask, loop: Loop) -> None:
    client = _client(app, FATIMA)
    home = client.get("/volunteer/").text
    assert "Khadija" in home and "Amazonestraat" not in home
    page = client.get(f"/volunteer/offers/{loop.fatima_offer}").text
    assert "Khadija" in page and "Overvecht" in page
    assert "Amazonestraat" not in page and "06-12345678" not in page and "3562" not in page
    answered = client.post(f"/volunteer/offers/{loop.fatima_offer}/accept")
    assert answered.status_code == 302
    page = client.get(f"/volunteer/offers/{loop.fatima_offer}").text
    assert "Amazonestraat 12" in page and "06-12345678" in page
    with Session(app.extensions[ENGINE_KEY]) as session:
        assert session.get(Offer, loop.fatima_offer).status == OfferStatus.ACCEPTED  # type: ignore[union-attr]
        looks = session.exec(
            select(AuditEvent).where(
                AuditEvent.entity == AuditEntity.FAMILY, AuditEvent.entity_id == loop.fatima_family
            )
        ).all()
        assert len(looks) >= 3 and {e.detail["contact"] for e in looks} == {False, True}


def test_a_decline_needs_a_reason_then_frees_the_family(app: Flask, loop: Loop) -> None:
    client = _client(app, MEHMET)
    missing = client.post(f"/volunteer/offers/{loop.mehmet_offer}/decline", data={"note": "x"})
    assert missing.status_code == 422
    done = client.post(f"/volunteer/offers/{loop.mehmet_offer}/decline",
                       data={"reason": "too_far", "note": "te ver"})  # fmt: skip
    assert done.status_code == 302
    with Session(app.extensions[ENGINE_KEY]) as session:
        offer = session.get(Offer, loop.mehmet_offer)
        assert offer is not None and offer.status == OfferStatus.DECLINED
        assert session.get(Proposal, offer.proposal_id).status == ProposalStatus.DECLINED  # type: ignore[union-attr]
        assert session.get(Family, loop.mehmet_family).status == FamilyStatus.WAITING  # type: ignore[union-attr]
    page = client.get(f"/volunteer/offers/{loop.mehmet_offer}").text
    assert 'id="about"' not in page and 'id="answer"' not in page  # no longer theirs to read


def test_the_coordinator_sees_the_gap_and_the_funnel(app: Flask, loop: Loop) -> None:
    from tests.web.dataset import COORDINATOR

    _client(app, MEHMET).post(f"/volunteer/offers/{loop.mehmet_offer}/decline",
                              data={"reason": "no_time"})  # fmt: skip
    coordinator = app.test_client()
    coordinator.post("/auth/login", data={"email": COORDINATOR.email, "password": PASSWORD})
    page = coordinator.get("/coordinator/offers").text
    assert f'id="gap-{loop.mehmet_family}"' in page and "TDM-001" in page
    assert f'id="open-offer-{loop.fatima_offer}"' in page
    assert 'id="funnel-approved">2<' in page
    home = coordinator.get("/coordinator/").text
    assert f'id="fill-{loop.mehmet_family}"' in home


def test_the_profile_is_saved_and_flagged_during_a_match(app: Flask, loop: Loop) -> None:
    client = _client(app, FATIMA)
    assert client.get("/volunteer/profile").status_code == 200
    saved = client.post("/volunteer/profile", data={
        "languages": "Arabisch, Nederlands", "availability": ["mon_am", "tue_pm"],
        "max_travel_km": "7.5", "preferred_districts": ["overvecht"],
        "vog_valid_until": "2028-06-01"})  # fmt: skip
    assert saved.status_code == 302
    bad = client.post("/volunteer/profile", data={"languages": "", "max_travel_km": "500"})
    assert bad.status_code == 200 and 'class="error"' in bad.text


def test_a_match_from_before_offers_shows_as_running_and_is_audited(app: Flask, loop: Loop) -> None:
    from matching.db import session_scope
    from matching.models import Organisation, Volunteer
    from tests.matching import stored as make

    with session_scope(app.extensions[ENGINE_KEY]) as session:
        samira = session.exec(select(Volunteer).where(Volunteer.name == "Samira Bakkali")).one()
        org = session.get(Organisation, samira.organisation_id)
        assert org is not None
        make.user(session, org, "samira@example.nl", "volunteer", PASSWORD, volunteer_id=samira.id)
    page = _client(app, "samira@example.nl").get("/volunteer/").text
    assert 'id="earlier-matches"' in page and "AA-002" in page and "AA-001" not in page
    with Session(app.extensions[ENGINE_KEY]) as session:
        family = session.exec(select(Family).where(Family.reference == "AA-002")).one()
        about = (AuditEvent.entity == AuditEntity.FAMILY, AuditEvent.entity_id == family.id)
        looks = session.exec(select(AuditEvent).where(*about)).all()
        assert len(looks) == 1


def test_the_address_goes_once_the_match_did_not_start(app: Flask, loop: Loop) -> None:
    client = _client(app, FATIMA)
    client.post(f"/volunteer/offers/{loop.fatima_offer}/accept")
    assert "Amazonestraat" in client.get(f"/volunteer/offers/{loop.fatima_offer}").text
    gone = client.post(f"/volunteer/offers/{loop.fatima_offer}/not-started", data={"note": ""})
    assert gone.status_code == 302
    page = client.get(f"/volunteer/offers/{loop.fatima_offer}").text
    assert "Amazonestraat" not in page and 'id="start-stage"' in page
    with Session(app.extensions[ENGINE_KEY]) as session:
        assert session.get(Family, loop.fatima_family).status == FamilyStatus.WAITING  # type: ignore[union-attr]
