"""The buddy recruitment plan: recruit these people, in this order, and cover these families.

Built from the data as it is, at the as-of date of the last run: the run's problem is built
and solved again (the same answer the run gave, as nothing it depends on changed), then
each step adds the profile whose one volunteer covers the most urgent family still waiting,
given the recruits before it (`solver.assignment.gain.recruitment_plan`). The plan is greedy
and, for coverage per priority level, optimal at every length: see solver/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlmodel import Session, col, select

from matching.buddies.problem import BuddyInstance, build_instance
from matching.models import Family, Organisation
from matching.recruitment.profiles import Profile, candidate_profiles, profile_edges
from solver.assignment.gain import Gain, marginal_gains, recruitment_plan
from solver.assignment.solve import AssignmentSolution, solve_assignment

PLAN_STEPS = 10


@dataclass(frozen=True)
class RecruitStep:
    """One recruit of the plan: whom, which family it covers, and the coverage after it."""

    number: int  # 1 for the first recruit
    profile: Profile
    families: dict[int, list[int]]  # priority -> ids of the families newly covered
    matched_family_id: int  # the family this recruit would be the buddy of
    moved: int  # volunteers who would change family to make room (0: none)
    covered_by_priority: dict[int, int]  # families covered per priority after this recruit


@dataclass(frozen=True)
class ProfileGain:
    """One profile and what a single volunteer of it would add to the last run's answer."""

    profile: Profile
    priority: int | None  # priority of the family it would cover; None: it adds nothing
    family_id: int | None


@dataclass(frozen=True)
class Plan:
    """The recruitment plan and what the run covers without it."""

    as_of: date
    families_by_priority: dict[int, int]  # families per priority level
    covered_by_priority: dict[int, int]  # covered before any recruit
    steps: tuple[RecruitStep, ...]
    profiles_considered: int
    organisations: dict[int, str]  # organisation id -> name, for the words of a profile

    def curve(self) -> list[dict[int, int]]:
        """Coverage per priority after 0, 1, 2 … recruits (the coverage curve)."""
        return [self.covered_by_priority, *(step.covered_by_priority for step in self.steps)]


@dataclass(frozen=True)
class PlanSetting:
    """The run's problem solved again, and the candidate profiles with their families."""

    instance: BuddyInstance
    solution: AssignmentSolution
    profiles: list[Profile]
    edges: list[np.ndarray]


def plan_setting(session: Session, as_of: date, seed: int) -> PlanSetting:
    """Build and solve the buddy problem, and the profiles from the families left waiting."""
    instance = build_instance(session, as_of, seed, time_limit_s=30.0)
    return setting_of(session, instance, solve_assignment(instance.problem))


def setting_of(
    session: Session, instance: BuddyInstance, solution: AssignmentSolution
) -> PlanSetting:
    """The profiles of a problem already built and solved (a run's, in memory)."""
    covered = np.isin(instance.families.ids, [int(t) for _, t in solution.assignments])
    postcodes = _postcodes(session, instance.families.ids.tolist())
    profiles = candidate_profiles(instance, covered, postcodes)
    return PlanSetting(instance, solution, profiles, profile_edges(instance, profiles, postcodes))


def buddy_plan(session: Session, as_of: date, steps: int = PLAN_STEPS, seed: int = 0) -> Plan:
    """The greedy recruitment plan of up to `steps` volunteers at `as_of`."""
    return plan_of(session, plan_setting(session, as_of, seed), as_of, steps)


def plan_of(session: Session, setting: PlanSetting, as_of: date, steps: int = PLAN_STEPS) -> Plan:
    """The greedy recruitment plan of up to `steps` volunteers in this setting."""
    families = setting.instance.families
    plan = recruitment_plan(setting.instance.problem, setting.solution, setting.edges, steps)
    levels, counts = np.unique(families.priority, return_counts=True)
    return Plan(
        as_of=as_of,
        families_by_priority=dict(zip(levels.tolist(), counts.tolist(), strict=True)),
        covered_by_priority=dict(setting.solution.covered_by_priority),
        steps=tuple(
            RecruitStep(
                number=k,
                profile=setting.profiles[step.profile],
                families=_families(families.ids, step.gain),
                matched_family_id=int(families.ids[step.gain.path[0]]),
                moved=len(step.gain.path) - 1,
                covered_by_priority=step.covered_by_priority,
            )
            for k, step in enumerate(plan, start=1)
        ),
        profiles_considered=len(setting.profiles),
        organisations=_organisations(session),
    )


def profile_gains(session: Session, as_of: date, top: int = 20, seed: int = 0) -> list[ProfileGain]:
    """The `top` profiles by the exact gain of one volunteer each (most urgent family first)."""
    setting = plan_setting(session, as_of, seed)
    gains = marginal_gains(setting.instance.problem, setting.solution, setting.edges)
    ids = setting.instance.families.ids
    ranked = sorted(range(len(gains)), key=lambda i: (-gains[i].key(), i))[:top]
    return [
        ProfileGain(
            setting.profiles[i],
            gains[i].priority,
            None if gains[i].task is None else int(ids[gains[i].task]),
        )
        for i in ranked
    ]


def _families(ids: np.ndarray, gain: Gain) -> dict[int, list[int]]:
    """The family a step newly covers, by its priority."""
    if gain.task is None or gain.priority is None:
        return {}
    return {gain.priority: [int(ids[gain.task])]}


def _postcodes(session: Session, family_ids: list[int]) -> dict[int, str]:
    """The postcode of each of these families."""
    wanted = sorted(set(family_ids))
    found: dict[int, str] = {}
    for start in range(0, len(wanted), 1000):
        rows = session.exec(
            select(Family.id, Family.postcode).where(
                col(Family.id).in_(wanted[start : start + 1000])
            )
        ).all()
        found.update({int(i): p.replace(" ", "") for i, p in rows if i is not None})
    return found


def _organisations(session: Session) -> dict[int, str]:
    """Organisation names by id."""
    rows = session.exec(select(Organisation.id, Organisation.name)).all()
    return {int(i): name for i, name in rows if i is not None}
