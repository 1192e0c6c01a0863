"""The volunteer loop in a real browser with a real SMTP server: the coordinator invites two
volunteers; each sets a password from the mail; the first sees the offer without the
family's address, accepts, then sees it; the second declines; the coordinator sees the gap
and fills it with one click, and the new proposal is never the declined pair."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from selenium.webdriver.common.by import By
from sqlmodel import Session, select

from matching.db import ENGINE_KEY, session_scope
from matching.decisions.lifecycle import approve_proposal
from matching.models import MatchingRun, Offer, Organisation, Proposal, User
from matching.models.common import require_id
from matching.offers.making import OfferSettings
from matching.vocab import FINISHED_RUN_STATUSES, OrganisationKind, ProposalKind, RunStatus
from tests.browser.conftest import LiveServer, screenshot, sign_in
from tests.browser.mail import Inbox, smtp_inbox
from tests.browser.portal_steps import click_and_load, type_into, wait_for, wait_for_path
from tests.matching import stored as make
from tests.support import wait_until

COORDINATOR = ("coordinator@kansrijk.demo", "demo-coordinator")
ANNA, BERT = "anna.journey@example.nl", "bert.journey@example.nl"
PASSWORDS = {ANNA: "anna-haar-eigen-wachtwoord-1", BERT: "bert-zijn-eigen-wachtwoord-2"}
ADDRESS = "Ganzenmarkt 17 bis"


@dataclass
class Scene:
    """The ids the journey checks in the database."""

    anna: int
    bert: int
    first_family: int
    second_family: int
    proposals: tuple[int, int]


@pytest.fixture(scope="module")
def inbox(live_server: LiveServer) -> Iterator[Inbox]:
    """A local SMTP server the app mails to; the executor is stopped when the module ends."""
    with smtp_inbox(live_server) as handler:
        yield handler


def _scene(live_server: LiveServer) -> Scene:
    """Two municipal buddies with an e-mail address, two waiting families near them (the
    first with an address), a third buddy who also fits, and an open proposal per pair."""
    engine = live_server.app.extensions[ENGINE_KEY]  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        city = session.exec(
            select(Organisation).where(Organisation.kind == OrganisationKind.MUNICIPALITY)
        ).first()
        assert city is not None
        fit = {"vog_valid_until": date(2028, 1, 1), "availability": ["mon_am", "tue_am"],
               "languages": ["nl", "ar"], "max_travel_km": 10.0}  # fmt: skip
        anna = make.volunteer(session, city, "Anna Journey", "zuid", email=ANNA, **fit)
        bert = make.volunteer(session, city, "Bert Journey", "zuid", email=BERT, **fit)
        make.volunteer(session, city, "Cees Journey", "zuid", **fit)
        wish = {"availability": ["mon_am", "tue_am"], "languages": ["ar", "nl"]}
        first = make.family(session, city, "JOURNEY-1", "zuid", first_name="Yasmina",
                            address=ADDRESS, phone="06-55500017", **wish)  # fmt: skip
        second = make.family(session, city, "JOURNEY-2", "zuid", **wish)
        proposals = []
        for volunteer, family in ((anna, first), (bert, second)):
            proposal = Proposal(kind=ProposalKind.BUDDY, volunteer_id=volunteer.id,
                                family_id=family.id, score=10)  # fmt: skip
            session.add(proposal)
            session.flush()
            proposals.append(require_id(proposal))
        return Scene(require_id(anna), require_id(bert), require_id(first), require_id(second),
                     (proposals[0], proposals[1]))  # fmt: skip


def _approve(live_server: LiveServer, scene: Scene) -> None:
    """The coordinator approves both proposals: each becomes an offer to its volunteer."""
    engine = live_server.app.extensions[ENGINE_KEY]  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        user = session.exec(select(User).where(User.email == COORDINATOR[0])).one()
        settings = OfferSettings(portal_url=f"{live_server.url}/volunteer/")
        for proposal_id in scene.proposals:
            approve_proposal(session, proposal_id=proposal_id, user=user, today=date.today(),
                             offer=settings)  # fmt: skip


def _set_password(browser: object, live_server: LiveServer, inbox: Inbox, email: str) -> None:
    """Open the invitation's link, choose a password, sign in with it."""
    mail = inbox.wait_for(email)
    assert "uitnodiging" in str(mail["Subject"])
    link = re.search(r"(http://127\.0\.0\.1:\d+/auth/reset/[A-Za-z0-9_-]+)", mail.get_content())
    assert link, mail.get_content()
    browser.delete_all_cookies()  # type: ignore[attr-defined]
    browser.get(link.group(1))  # type: ignore[attr-defined]
    type_into(browser, "new_password", PASSWORDS[email])  # type: ignore[arg-type]
    type_into(browser, "confirm", PASSWORDS[email])  # type: ignore[arg-type]
    click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "main form button"))  # type: ignore[arg-type,attr-defined]
    wait_for_path(browser, live_server.url, "/auth/login")  # type: ignore[arg-type]
    sign_in(browser, live_server, email, PASSWORDS[email])
    assert browser.current_url == f"{live_server.url}/volunteer/"  # type: ignore[attr-defined]


def _open_offer(browser: object, live_server: LiveServer, volunteer_id: int) -> None:
    """From the volunteer's home, open their one offer."""
    engine = live_server.app.extensions[ENGINE_KEY]  # type: ignore[attr-defined]
    with Session(engine) as session:
        offer = session.exec(select(Offer).where(Offer.volunteer_id == volunteer_id)).one()
    link = browser.find_element(By.CSS_SELECTOR, f"#offer-{offer.id} a")  # type: ignore[attr-defined]
    click_and_load(browser, link)  # type: ignore[arg-type]


@pytest.mark.browser
def test_invite_offer_accept_decline_and_fill_the_gap(
    live_server: LiveServer, browser: object, inbox: Inbox
) -> None:
    scene = _scene(live_server)
    sign_in(browser, live_server, *COORDINATOR)
    browser.get(f"{live_server.url}/coordinator/people/volunteers/?q=Journey")  # type: ignore[attr-defined]
    for volunteer_id in (scene.anna, scene.bert):
        browser.find_element(By.ID, f"invite-{volunteer_id}").click()  # type: ignore[attr-defined]
    screenshot(browser, "volunteer-invite")
    click_and_load(browser, browser.find_element(By.ID, "invite-selected"))  # type: ignore[arg-type,attr-defined]
    assert "Uitnodigingen verstuurd: 2" in browser.page_source  # type: ignore[attr-defined]
    _approve(live_server, scene)

    _set_password(browser, live_server, inbox, ANNA)
    _open_offer(browser, live_server, scene.anna)
    screenshot(browser, "volunteer-offer")
    page = browser.page_source  # type: ignore[attr-defined]
    assert "Yasmina" in page and ADDRESS not in page and "06-55500017" not in page
    click_and_load(browser, browser.find_element(By.ID, "accept"))  # type: ignore[arg-type,attr-defined]
    assert wait_for(browser, "#family-address").text.startswith(ADDRESS)  # type: ignore[arg-type]
    screenshot(browser, "volunteer-accepted")

    _set_password(browser, live_server, inbox, BERT)
    _open_offer(browser, live_server, scene.bert)
    browser.find_element(By.CSS_SELECTOR, "input[name='reason'][value='no_time']").click()  # type: ignore[attr-defined]
    click_and_load(browser, browser.find_element(By.ID, "decline"))  # type: ignore[arg-type,attr-defined]
    assert "Afgewezen" in browser.find_element(By.ID, "offer-status").text  # type: ignore[attr-defined]

    sign_in(browser, live_server, *COORDINATOR)
    browser.get(f"{live_server.url}/coordinator/offers")  # type: ignore[attr-defined]
    gap = wait_for(browser, f"#gap-{scene.second_family}")  # type: ignore[arg-type]
    assert "JOURNEY-2" in gap.text and "Bert Journey" in gap.text
    assert not browser.find_elements(By.ID, f"gap-{scene.first_family}")  # type: ignore[attr-defined]
    screenshot(browser, "coordinator-gaps")
    click_and_load(browser, browser.find_element(By.ID, f"fill-{scene.second_family}"))  # type: ignore[arg-type,attr-defined]

    engine = live_server.app.extensions[ENGINE_KEY]  # type: ignore[attr-defined]

    def finished() -> MatchingRun | None:
        with Session(engine) as session:
            run = session.exec(
                select(MatchingRun).where(MatchingRun.family_id == scene.second_family)
            ).first()
            return run if run is not None and run.status in FINISHED_RUN_STATUSES else None

    run = wait_until(finished, what="the fill-now run", timeout=60)
    assert run.status == RunStatus.SUCCEEDED, run.error
    with Session(engine) as session:
        made = session.exec(select(Proposal).where(Proposal.run_id == run.id)).all()
    assert len(made) == 1 and made[0].family_id == scene.second_family
    assert made[0].volunteer_id != scene.bert
