"""Ranked buddy suggestions for one family of a partner organisation, by the run's own engine.

The same hard rules (``find_candidates`` over ``HARD_RULES``) and the same score parts
(``score_parts``) as a matching run, for the organisation's active volunteers and this one
family; volunteers without free capacity are left out; the rest rank by score, then
distance. Each suggestion carries its score parts and the sentence a run would store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlmodel import Session, col, select

from matching.buddies.candidates import find_candidates
from matching.buddies.explain import part_details, sentence
from matching.buddies.population import LanguageCodes, family_arrays, volunteer_arrays
from matching.buddies.rules import Pairs, pair_keys
from matching.buddies.scoring import PART_NAMES, ScoreContext, score_parts
from matching.models import Family, Match, Proposal, Volunteer
from matching.models.common import require_id, required_id
from matching.people.scoping import active_match_counts, get_owned, owned_by
from matching.privacy.visible import not_erased
from matching.vocab import FORBIDDING_PROPOSAL_STATUSES, MatchStatus, ProposalKind


@dataclass(frozen=True)
class Suggestion:
    """One volunteer who may be matched with the family, and how well they fit."""

    volunteer_id: int
    name: str
    kind: str
    district: str
    languages: tuple[str, ...]
    load: int
    capacity: int
    score: int
    details: dict[str, Any]  # explain.part_details: points per part and the facts behind them
    sentence: str


@dataclass(frozen=True)
class Suggestions:
    """The ranked suggestions, and why the other volunteers are not among them."""

    family: Family
    ranked: tuple[Suggestion, ...]
    funnel: dict[str, int]  # hard rule -> volunteers it removed, in the funnel's order
    busy: int  # volunteers who pass every rule but have no free capacity
    volunteers: int  # the organisation's active volunteers considered


def _volunteers(session: Session, organisation_id: int) -> list[Volunteer]:
    """The organisation's active volunteers, in id order."""
    statement = (
        select(Volunteer)
        .where(owned_by(Volunteer, organisation_id), col(Volunteer.active), not_erased(Volunteer))
        .order_by(col(Volunteer.id))
    )
    return list(session.exec(statement))


def _pair_keys_of(session: Session, family_id: int, *, rejected: bool) -> np.ndarray:
    """The family's rejected buddy pairs, or its running matches, as pair keys."""
    if rejected:
        rows = session.exec(
            select(Proposal.volunteer_id, Proposal.family_id).where(
                Proposal.family_id == family_id,
                col(Proposal.status).in_(FORBIDDING_PROPOSAL_STATUSES),
                Proposal.kind == ProposalKind.BUDDY,
            )
        ).all()
    else:
        rows = session.exec(
            select(Match.volunteer_id, Match.family_id).where(
                Match.family_id == family_id, Match.status == MatchStatus.ACTIVE
            )
        ).all()
    volunteer_ids = np.array([required_id(v, "volunteer_id") for v, _ in rows], dtype=np.int64)
    family_ids = np.array([required_id(f, "family_id") for _, f in rows], dtype=np.int64)
    return pair_keys(volunteer_ids, family_ids)


def suggest_buddies(
    session: Session, *, organisation_id: int, family_id: int, as_of: date
) -> Suggestions:
    """The organisation's free volunteers who may be matched with the family, best first."""
    family = get_owned(session, table=Family, row_id=family_id, organisation_id=organisation_id)
    rows = _volunteers(session, organisation_id)
    codes = LanguageCodes([v.languages for v in rows] + [family.languages])
    volunteers = volunteer_arrays(rows, codes, as_of)
    families = family_arrays([family], codes, as_of)
    rejected = _pair_keys_of(session, family_id, rejected=True)
    candidates = find_candidates(volunteers, families, rejected)
    pairs = Pairs(volunteers, families, candidates.volunteer, candidates.family, rejected)
    parts = score_parts(pairs, ScoreContext(_pair_keys_of(session, family_id, rejected=False)))
    distances, common = pairs.distance_km(), pairs.common_half_days()
    load = active_match_counts(session, organisation_id=organisation_id)
    ranked, busy = [], 0
    for k, index in enumerate(candidates.volunteer.tolist()):
        volunteer = rows[index]
        if load.get(require_id(volunteer), 0) >= volunteer.capacity:
            busy += 1
            continue
        points = {name: int(p) for name, p in zip(PART_NAMES, parts[k], strict=True)}
        details = part_details(points, float(distances[k]), int(common[k]), family.languages[0])
        ranked.append(_suggestion(volunteer, load, details))
    ranked.sort(key=lambda s: (-s.score, s.details["distance_km"], s.name, s.volunteer_id))
    return Suggestions(family, tuple(ranked), candidates.funnel(0), busy, len(rows))


def _suggestion(volunteer: Volunteer, load: dict[int, int], details: dict[str, Any]) -> Suggestion:
    """A suggestion for one volunteer from their score details."""
    return Suggestion(
        volunteer_id=require_id(volunteer),
        name=volunteer.name,
        kind=volunteer.kind,
        district=volunteer.district,
        languages=tuple(volunteer.languages),
        load=load.get(require_id(volunteer), 0),
        capacity=volunteer.capacity,
        score=sum(details["points"].values()),
        details=details,
        sentence=sentence(details),
    )
