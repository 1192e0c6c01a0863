"""Two volunteers of the web test world who can sign in, each with an offer of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlmodel import Session, select

from matching.db import session_scope
from matching.decisions.lifecycle import approve_proposal
from matching.models import Family, Offer, Proposal, User, Volunteer
from matching.models.common import require_id
from matching.vocab import ProposalKind
from tests.matching import stored as make
from tests.web.dataset import COORDINATOR, PASSWORD
from web.database import ENGINE_KEY

FATIMA = "fatima@alamal.example.nl"
MEHMET = "mehmet@taaldoetmeer.example.nl"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@dataclass
class Loop:
    """The ids the volunteer tests address."""

    fatima_offer: int
    fatima_family: int
    mehmet_offer: int
    mehmet_family: int
    mehmet_match: int


def _offer(session: Session, coordinator: User, volunteer: Volunteer, family: Family) -> Offer:
    """Approve a buddy proposal of the pair: its match and open offer."""
    proposal = Proposal(kind=ProposalKind.BUDDY, volunteer_id=volunteer.id, family_id=family.id)
    session.add(proposal)
    session.flush()
    approve_proposal(session, proposal_id=require_id(proposal), user=coordinator,
                     today=NOW.date(), now=NOW)  # fmt: skip
    return session.exec(select(Offer).where(Offer.proposal_id == proposal.id)).one()


def _account(session: Session, volunteer: Volunteer, email: str) -> None:
    """A volunteer account of the volunteer's organisation."""
    from matching.models import Organisation

    org = session.get(Organisation, volunteer.organisation_id)
    assert org is not None
    make.user(session, org, email, "volunteer", PASSWORD, name=volunteer.name.split()[0],
              volunteer_id=volunteer.id)  # fmt: skip


@pytest.fixture
def loop(app: Flask) -> Loop:
    """Fatima (Al Amal) offered AA-001 and Mehmet (Taal Doet Meer) offered TDM-001, both
    with an account; the family AA-001 has an address and a phone number."""
    app.config["KANSRIJK_CLOCK"] = lambda: NOW
    with session_scope(app.extensions[ENGINE_KEY]) as session:
        coordinator = session.exec(select(User).where(User.email == COORDINATOR.email)).one()
        fatima = session.exec(select(Volunteer).where(Volunteer.name == "Fatima El Idrissi")).one()
        mehmet = session.exec(select(Volunteer).where(Volunteer.name == "Mehmet Yilmaz")).one()
        aa = session.exec(select(Family).where(Family.reference == "AA-001")).one()
        tdm = session.exec(select(Family).where(Family.reference == "TDM-001")).one()
        aa.first_name, aa.address, aa.phone = "Khadija", "Amazonestraat 12", "06-12345678"
        session.add(aa)
        for volunteer in (fatima, mehmet):
            volunteer.vog_valid_until = date(2028, 1, 1)
            volunteer.email = FATIMA if volunteer is fatima else MEHMET
        _account(session, fatima, FATIMA)
        _account(session, mehmet, MEHMET)
        first, second = (
            _offer(session, coordinator, fatima, aa),
            _offer(session, coordinator, mehmet, tdm),
        )
        return Loop(
            require_id(first), require_id(aa), require_id(second), require_id(tdm), second.match_id
        )
