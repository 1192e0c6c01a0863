"""One organisation's volunteers and families, some of them in a running trajectory."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from matching.models import Family, Organisation, User, Volunteer
from seed import families, volunteers
from seed.accounts import CityAccounts
from seed.bulk import insert_validated
from seed.families import FamilyContext
from seed.organisations import CityOrganisations
from seed.places import apportion
from seed.sizes import SeedSize
from seed.trajectories import (
    BIRTH_NOTES,
    FAMILY_NOTES,
    LANGUAGE_NOTES,
    Trajectory,
    start_trajectories,
)
from seed.volunteers import Recipe, VolunteerContext

FamilyMaker = Callable[[random.Random, FamilyContext, int, date, "date | None"], dict[str, Any]]


@dataclass(frozen=True)
class Programme:
    """An organisation's pool: volunteers by recipe, families, running trajectories."""

    family_context: FamilyContext
    make_family: FamilyMaker
    volunteer_context: VolunteerContext
    pool: tuple[tuple[Recipe, int], ...]  # every volunteer, matched or not, by recipe
    active: int
    waiting: int
    trajectory_days: int
    decider: User
    notes: tuple[str, ...]  # what the check-ins of its trajectories say


def trajectory_starts(rng: random.Random, programme: Programme, as_of: date) -> list[date]:
    """Start dates spread evenly over one trajectory length before as_of, oldest first."""
    step = programme.trajectory_days / max(programme.active, 1)
    offsets = [int((index + rng.random()) * step) for index in range(programme.active)]
    return sorted(as_of - timedelta(days=offset) for offset in offsets)


def _matched_counts(programme: Programme) -> list[int]:
    """How many of each recipe's volunteers are in a running trajectory, in proportion."""
    shares = apportion(programme.active, {str(i): n for i, (_, n) in enumerate(programme.pool)})
    return [shares[str(i)] for i in range(len(programme.pool))]


def _family_rows(
    rng: random.Random, programme: Programme, starts: list[date], as_of: date
) -> list[dict[str, Any]]:
    """The matched families (one per start date) and then the waiting ones."""
    ctx, make = programme.family_context, programme.make_family
    planned: list[date | None] = [*starts, *([None] * programme.waiting)]
    return [make(rng, ctx, number, as_of, start) for number, start in enumerate(planned, 1)]


def _volunteer_rows(
    rng: random.Random, programme: Programme, matched: list[dict[str, Any]], as_of: date
) -> list[dict[str, Any]]:
    """The volunteers: first each matched family's buddy, then the rest of the pool."""
    ctx = programme.volunteer_context
    rows: list[dict[str, Any]] = []
    counts = _matched_counts(programme)
    recipes = [
        recipe for (recipe, _), n in zip(programme.pool, counts, strict=True) for _ in range(n)
    ]
    for recipe, family in zip(recipes, matched, strict=True):
        made = volunteers.make_volunteer(
            rng,
            recipe,
            ctx,
            len(rows) + 1,
            as_of,
            district=family["district"],
            gender_wish=family["buddy_gender_wish"],
        )
        rows.append(volunteers.fit_to_family(rng, made, family, as_of))
    for (recipe, total), matched_count in zip(programme.pool, counts, strict=True):
        for _ in range(total - matched_count):
            rows.append(volunteers.make_volunteer(rng, recipe, ctx, len(rows) + 1, as_of))
    return rows


def seed_programme(session: Session, rng: random.Random, programme: Programme, as_of: date) -> int:
    """Insert the programme's families, volunteers and running trajectories; their number."""
    starts = trajectory_starts(rng, programme, as_of)
    family_rows = _family_rows(rng, programme, starts, as_of)
    volunteer_rows = _volunteer_rows(rng, programme, family_rows[: len(starts)], as_of)
    made_families = insert_validated(session, Family, family_rows)
    made_volunteers = insert_validated(session, Volunteer, volunteer_rows)
    trajectories = [
        Trajectory(volunteer, family, start, programme.trajectory_days, programme.notes)
        for volunteer, family, start in zip(made_volunteers, made_families, starts, strict=False)
    ]
    start_trajectories(session, rng, trajectories, programme.decider, as_of)
    return len(trajectories)


def _contexts(
    orgs: CityOrganisations, org: Organisation, code: str, *, networks: bool = False
) -> tuple[FamilyContext, VolunteerContext]:
    """The family and volunteer contexts of one of the city's organisations."""
    if org.id is None:
        raise ValueError(f"organisation {org.code} has no id: flush before seeding its people")
    prefix = f"{orgs.city.slug[:3].upper()}-{code}"
    by_district = {d: n.id for d, n in orgs.networks.items() if n.id is not None}
    family_ctx = FamilyContext(orgs.city, org.id, prefix, by_district if networks else None)
    return family_ctx, VolunteerContext(orgs.city, org.id, prefix.replace("-", "").lower())


def partner_programme(size: SeedSize, orgs: CityOrganisations, decider: User) -> Programme:
    """The buddy partner (Al Amal): female buddies for expecting mothers, 2.5-year trajectories."""
    family_ctx, volunteer_ctx = _contexts(orgs, orgs.partner, "AA")
    buddies = size.partner_active + size.partner_free_buddies
    return Programme(
        family_context=family_ctx,
        make_family=families.partner_family,
        volunteer_context=volunteer_ctx,
        pool=((volunteers.PARTNER_BUDDY, buddies),),
        active=size.partner_active,
        waiting=size.partner_waiting,
        trajectory_days=size.partner_trajectory_days,
        decider=decider,
        notes=BIRTH_NOTES,
    )


def municipal_programme(size: SeedSize, orgs: CityOrganisations, decider: User) -> Programme:
    """The municipal pool: buddies and experience experts for the networks' families."""
    family_ctx, volunteer_ctx = _contexts(orgs, orgs.municipality, "GEM", networks=True)
    return Programme(
        family_context=family_ctx,
        make_family=families.municipal_family,
        volunteer_context=volunteer_ctx,
        pool=(
            (volunteers.MUNICIPAL_BUDDY, size.municipal_buddies),
            (volunteers.EXPERIENCE_EXPERT, size.experience_experts),
        ),
        active=size.municipal_active,
        waiting=size.municipal_families - size.municipal_active,
        trajectory_days=size.municipal_trajectory_days,
        decider=decider,
        notes=FAMILY_NOTES,
    )


def language_programme(size: SeedSize, orgs: CityOrganisations, decider: User) -> Programme:
    """The language partner (Taal Doet Meer): home visits until voorschool starts."""
    family_ctx, volunteer_ctx = _contexts(orgs, orgs.language_partner, "TDM")
    return Programme(
        family_context=family_ctx,
        make_family=families.language_family,
        volunteer_context=volunteer_ctx,
        pool=((volunteers.LANGUAGE_VISITOR, size.language_volunteers),),
        active=size.language_active,
        waiting=size.language_families - size.language_active,
        trajectory_days=size.language_trajectory_days,
        decider=decider,
        notes=LANGUAGE_NOTES,
    )


def city_programmes(
    size: SeedSize, orgs: CityOrganisations, accounts: CityAccounts
) -> list[Programme]:
    """A city's three pools, each with the user who decided its running trajectories."""
    return [
        partner_programme(size, orgs, accounts.partner.user),
        municipal_programme(size, orgs, accounts.coordinator.user),
        language_programme(size, orgs, accounts.language_partner.user),
    ]
