"""The buddy recruitment plan on the seeded demo: real volunteers of its profiles cover what
it says, step by step, on both databases."""

from __future__ import annotations

import statistics
from datetime import date

from sqlmodel import Session, col, select

from matching.buddies.problem import build_instance
from matching.models import Family, Volunteer
from matching.people.records import create_record
from matching.recruitment.plan import Plan, buddy_plan, profile_gains
from matching.recruitment.profiles import Profile
from seed import seed_database
from solver.assignment.solve import solve_assignment

AS_OF = date(2026, 11, 26)


def recruit(session: Session, profile: Profile, number: int) -> Volunteer:
    """Store a volunteer exactly of this profile: home in its postcode area, the
    organisation's median travel distance, a valid VOG, capacity 1."""
    postcode = session.exec(
        select(Family.postcode)
        .where(Family.organisation_id == profile.organisation_id)
        .where(col(Family.postcode).startswith(profile.postcode_area))
    ).first()
    travel = session.exec(
        select(Volunteer.max_travel_km).where(
            Volunteer.organisation_id == profile.organisation_id, col(Volunteer.active)
        )
    ).all()
    return create_record(
        session,
        table=Volunteer,
        data={
            "name": f"Recruit {number}",
            "organisation_id": profile.organisation_id,
            "postcode": postcode,
            "languages": list(profile.languages),
            "availability": list(profile.half_days),
            "gender": profile.gender,
            "kind": profile.kind,
            "max_travel_km": statistics.median(travel) if travel else 5.0,
            "vog_valid_until": date(2030, 1, 1),
            "capacity": 1,
        },
    )


def covered_now(session: Session) -> dict[int, int]:
    """Families covered per priority by a full re-solve of the data as it is."""
    instance = build_instance(session, AS_OF, 0, 30.0)
    return solve_assignment(instance.problem).covered_by_priority


def seeded(session: Session) -> Plan:
    """Seed the small demo and make its plan of three recruits."""
    seed_database(session, size="small", seed=7, as_of=AS_OF)
    session.commit()
    return buddy_plan(session, AS_OF, steps=3)


def test_real_volunteers_of_the_plan_cover_what_it_promises(session: Session) -> None:
    plan = seeded(session)
    assert plan.steps, "the small demo leaves families waiting that a recruit can help"
    assert plan.covered_by_priority == covered_now(session)
    previous = plan.covered_by_priority
    for step in plan.steps:
        [(priority, [family_id])] = step.families.items()
        assert session.get(Family, family_id) is not None
        recruit(session, step.profile, step.number)
        session.commit()
        after = covered_now(session)
        assert after == step.covered_by_priority
        assert after[priority] == previous[priority] + 1
        assert sum(after.values()) == sum(previous.values()) + 1
        previous = after
    curve = plan.curve()
    assert len(curve) == len(plan.steps) + 1 and curve[0] == plan.covered_by_priority


def test_the_plan_starts_with_the_best_single_recruit(session: Session) -> None:
    plan = seeded(session)
    gains = profile_gains(session, AS_OF, top=5)
    assert gains[0].priority == max(plan.steps[0].families)
    assert gains[0].profile == plan.steps[0].profile  # ties go to the first profile
    assert [g.priority for g in gains] == sorted(
        [g.priority for g in gains], key=lambda p: -1 if p is None else p, reverse=True
    )
