"""Inviting volunteers: an account, a single-use expiring link by mail, an audit event."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from matching.accounts import authenticate
from matching.errors import InviteProblem
from matching.models import AuditEvent, OutboxMail, User
from matching.people.scoping import NotOwned
from matching.signin.resets import complete_reset, valid_reset
from matching.vocab import AuditAction, Role
from matching.volunteers.invitations import Invited
from tests.matching import stored as make
from tests.matching.offers.world import NOW, World, world

LINKS: list[str] = []


def link_for(token: str) -> str:
    LINKS.append(token)
    return f"https://kansrijk.example/reset/{token}"


def test_an_invitation_sets_a_password_once_within_its_time(session: Session) -> None:
    w = world(session)
    invited = make_invite(session, w.anna.id or 0, w)
    session.commit()
    user = invited.user
    assert (user.role, user.volunteer_id, user.email) == (
        Role.VOLUNTEER,
        w.anna.id,
        "anna@example.nl",
    )
    assert authenticate(session, email=user.email, password="") is None
    (mail,) = session.exec(select(OutboxMail)).all()
    token = LINKS[-1]
    assert mail.recipient == "anna@example.nl" and f"/reset/{token}" in mail.body
    assert "72" in mail.body and "Carla" in mail.body
    assert valid_reset(session, token=token, now=NOW + timedelta(hours=73)) is None
    done = complete_reset(
        session, token=token, new="een lang wachtwoord 42", now=NOW + timedelta(hours=1)
    )
    assert done is not None and done.id == user.id
    assert complete_reset(session, token=token, new="nog een ander wachtwoord", now=NOW) is None
    assert authenticate(session, email="anna@example.nl", password="een lang wachtwoord 42")
    event = session.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.INVITED)).one()
    assert (event.entity_id, event.actor_user_id) == (w.anna.id, w.coordinator.id)


def test_a_second_invitation_reuses_the_account(session: Session) -> None:
    w = world(session)
    first = make_invite(session, w.anna.id or 0, w)
    second = make_invite(session, w.anna.id or 0, w)
    assert first.user.id == second.user.id
    assert len(session.exec(select(User).where(User.volunteer_id == w.anna.id)).all()) == 1


def test_no_email_address_is_a_clear_field_error(session: Session) -> None:
    from matching.volunteers.invitations import InviteError

    w = world(session)
    silent = make.volunteer(session, w.city, "Stil Persoon", "zuid")
    with pytest.raises(InviteError) as refused:
        make_invite(session, silent.id or 0, w)
    assert (refused.value.code, refused.value.field) == (InviteProblem.NO_EMAIL, "email")
    assert session.exec(select(User).where(User.volunteer_id == silent.id)).all() == []


def test_an_organisation_invites_only_its_own_and_bulk_reports_refusals(session: Session) -> None:
    from matching.volunteers.invitations import invite_many, invite_volunteer

    w = world(session)
    partner = make.organisation(session, "al-amal", "Al Amal", "partner")
    own = make.volunteer(session, partner, "Fatima", "overvecht", email="fatima@example.nl")
    nomail = make.volunteer(session, partner, "Zonder Mail", "overvecht")
    with pytest.raises(NotOwned):
        invite_volunteer(session, volunteer_id=w.anna.id or 0, inviter=w.coordinator, now=NOW,
                         hours=72, link_for=link_for, organisation_id=partner.id)  # fmt: skip
    invited, refused = invite_many(session, volunteer_ids=[own.id or 0, nomail.id or 0],
                                   inviter=w.coordinator, now=NOW, hours=72, link_for=link_for,
                                   organisation_id=partner.id)  # fmt: skip
    assert [i.volunteer.id for i in invited] == [own.id]
    assert [(r.volunteer_id, r.code) for r in refused] == [(nomail.id, InviteProblem.NO_EMAIL)]


def make_invite(session: Session, volunteer_id: int, w: World) -> Invited:
    from matching.volunteers.invitations import invite_volunteer

    return invite_volunteer(session, volunteer_id=volunteer_id, inviter=w.coordinator, now=NOW,
                            hours=72, link_for=link_for)  # fmt: skip
