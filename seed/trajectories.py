"""Running trajectories as the service would have made them: an approved proposal, the
match, its audit event and the check-ins since."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from matching.models import AuditEvent, CheckIn, Family, Match, Proposal, User, Volunteer
from matching.vocab import AuditAction, AuditEntity, MatchStatus, ProposalKind, ProposalStatus
from seed.bulk import insert_validated
from seed.traits import moment

CHECK_IN_EVERY_DAYS = 91  # a check-in about once a quarter (assumed)
# Check-in notes by the kind of trajectory (synthetic, in the coordinators' language).
BIRTH_NOTES = (
    "Kennismakingsgesprek gehad; de klik is goed.",
    "Samen naar het consultatiebureau geweest.",
    "Gesprek over de bevalling en de eerste weken thuis.",
    "Wekelijks contact loopt goed; moeder voelt zich minder alleen.",
    "Samen een afspraak bij het buurtteam gemaakt.",
    "Geholpen met post en formulieren voor de toeslagen.",
    "Wandeling door de wijk met de kinderwagen.",
    "Maatje was twee weken weg; het contact is weer opgepakt.",
)
FAMILY_NOTES = (
    "Kennismakingsgesprek gehad; de klik is goed.",
    "Samen een afspraak bij het buurtteam gemaakt.",
    "Geholpen met post en formulieren voor de toeslagen.",
    "Samen naar de speeltuin en de bibliotheek in de wijk.",
    "Gesprek over slapen en eten; ouder voelt zich gesteund.",
    "Maatje was twee weken weg; het contact is weer opgepakt.",
)
LANGUAGE_NOTES = (
    "Eerste taalhuisbezoek: samen een prentenboek gelezen.",
    "Voorgelezen en samen liedjes gezongen; het kind praat mee.",
    "Ouder leest nu zelf voor in de eigen taal; dat gaat goed.",
    "Samen de voorschool in de buurt bekeken.",
    "Bibliotheekpas aangevraagd en boekjes uitgezocht.",
)


@dataclass(frozen=True)
class Trajectory:
    """A buddy and a family together since ``start``, expected to last ``days``."""

    volunteer: Volunteer
    family: Family
    start: date
    days: int
    notes: tuple[str, ...] = FAMILY_NOTES


def _id(row: Any) -> int:
    """The id a flushed row got."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id: flush before using it")
    return int(row.id)


def _proposal(trajectory: Trajectory, decider: User) -> dict[str, Any]:
    """The proposal the organisation's user approved when the trajectory started."""
    return {
        "kind": ProposalKind.BUDDY,
        "status": ProposalStatus.APPROVED,
        "run_id": None,
        "volunteer_id": _id(trajectory.volunteer),
        "family_id": _id(trajectory.family),
        "created_at": moment(trajectory.start, 9),
        "decided_by_id": _id(decider),
        "decided_at": moment(trajectory.start),
    }


def _match(trajectory: Trajectory, proposal: Proposal) -> dict[str, Any]:
    """The active match made from the approved proposal."""
    return {
        "proposal_id": _id(proposal),
        "volunteer_id": _id(trajectory.volunteer),
        "family_id": _id(trajectory.family),
        "organisation_id": trajectory.family.organisation_id,
        "status": MatchStatus.ACTIVE,
        "start_date": trajectory.start,
        "expected_end": trajectory.start + timedelta(days=trajectory.days),
        "created_at": moment(trajectory.start),
    }


def _audit(match: Match, decider: User) -> dict[str, Any]:
    """The audit event of the match's creation by the organisation's user."""
    return {
        "at": moment(match.start_date),
        "actor_user_id": _id(decider),
        "actor": decider.email,
        "entity": AuditEntity.MATCH,
        "entity_id": _id(match),
        "action": AuditAction.CREATED,
        "detail": {
            "proposal_id": match.proposal_id,
            "volunteer_id": match.volunteer_id,
            "family_id": match.family_id,
        },
    }


def _check_ins(
    rng: random.Random, trajectory: Trajectory, match: Match, author: User, as_of: date
) -> list[dict[str, Any]]:
    """A check-in about every quarter from the start up to as_of."""
    rows = []
    on = match.start_date + timedelta(days=rng.randint(7, 21))
    while on <= as_of:
        rows.append(
            {
                "match_id": _id(match),
                "on": on,
                "note": rng.choice(trajectory.notes),
                "author_id": _id(author),
                "created_at": moment(on, 16),
            }
        )
        on += timedelta(days=CHECK_IN_EVERY_DAYS + rng.randint(-14, 14))
    return rows


def start_trajectories(
    session: Session, rng: random.Random, trajectories: list[Trajectory], decider: User, as_of: date
) -> list[Match]:
    """Insert each trajectory's approved proposal, active match, audit event and check-ins."""
    proposals = insert_validated(session, Proposal, [_proposal(t, decider) for t in trajectories])
    matches = insert_validated(
        session, Match, [_match(t, p) for t, p in zip(trajectories, proposals, strict=True)]
    )
    for match in matches:
        match.check_dates()
    insert_validated(session, AuditEvent, [_audit(match, decider) for match in matches])
    check_ins = [
        row
        for trajectory, match in zip(trajectories, matches, strict=True)
        for row in _check_ins(rng, trajectory, match, decider, as_of)
    ]
    insert_validated(session, CheckIn, check_ins)
    return matches
