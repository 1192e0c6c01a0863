"""Each change kind, applied to the copy of a run's input: the problem changes as it says, the
database does not (its content compared before and after a full scenario run)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from matching.buddies.problem import assemble_instance
from matching.models import Family, Group, Match, Organisation, Proposal
from matching.placement.problem import assemble_placement
from matching.runs.stats import read_stats
from matching.scenarios.apply import World, apply_changes
from matching.scenarios.changes import parse_change
from matching.scenarios.execution import Settings, execute_scenario, read_world, solve_scenario
from matching.scenarios.figures import ScenarioResults, buddy_outcome
from matching.vocab import MatchStatus, ProposalKind, ScenarioStatus
from tests.matching.placements import placement
from tests.matching.scenarios.conftest import (
    AS_OF,
    Seeded,
    base_run,
    requested,
    snapshot,
    stored,
)


def world(seeded: Seeded) -> World:
    """The base run's input, read in a session that writes nothing."""
    with Session(seeded.engine) as session:
        read = read_world(session, AS_OF)
        session.close()  # nothing written; what was read stays loaded
    return read


def run_scenario_unchanged_db(seeded: Seeded, *changes: dict[str, Any]) -> ScenarioResults:
    """Run the scenario through the executor path; the database is the same afterwards."""
    before = snapshot(seeded.engine)
    scenario_id = requested(seeded.engine, *changes)
    done = execute_scenario(seeded.engine, scenario_id, time_limit_s=10)
    assert done.status == ScenarioStatus.SUCCEEDED, done.error
    assert snapshot(seeded.engine) == before
    return ScenarioResults.model_validate(stored(seeded.engine, scenario_id).results)


def recruit_for_uncovered(seeded: Seeded) -> tuple[Family, dict[str, Any]]:
    """A family the base run left waiting (no gender wish) and a recruit profile that fits it."""
    waiting = [u.family_id for u in read_stats(base_run(seeded.engine, seeded.run_id)).uncovered]
    with Session(seeded.engine) as session:
        family = next(
            f
            for f in (session.get(Family, i) for i in waiting)
            if f is not None and f.buddy_gender_wish == "any" and f.availability
        )
    profile = {
        "kind": "add_volunteers",
        "count": 1,
        "organisation_id": family.organisation_id,
        "languages": family.languages,
        "district": family.district,
        "half_days": family.availability,
    }
    return family, profile


def test_adding_a_recruit_covers_a_waiting_family(seeded: Seeded) -> None:
    """One recruit who fits a waiting family: exactly one family more, and the recruit counted."""
    family, profile = recruit_for_uncovered(seeded)
    changed = apply_changes(world(seeded), [parse_change(profile)])
    instance = assemble_instance(changed.buddies, AS_OF, 0, 10)
    assert "-1" in instance.problem.agent_ids
    results = run_scenario_unchanged_db(seeded, profile)
    # A volunteer of capacity one covers at most one family more; this one fits a waiting one.
    assert results.scenario.covered == results.base.covered + 1
    assert len(results.newly_covered) - len(results.lost) == 1
    assert results.recruits[0].family_id is not None
    level = str(results.recruits[0].priority)
    assert results.scenario.by_priority[level].covered >= results.base.by_priority[level].covered
    assert family.id not in {f for f in results.lost}


def test_removing_a_matched_volunteer_makes_the_match_a_repair(seeded: Seeded) -> None:
    """The volunteer is no agent; their active match is broken (inactive) in the copy only."""
    with Session(seeded.engine) as session:
        match = session.exec(select(Match).where(Match.status == MatchStatus.ACTIVE)).first()
        assert match is not None
    base = world(seeded)
    changed = apply_changes(
        base, [parse_change({"kind": "remove_volunteer", "volunteer_id": match.volunteer_id})]
    )
    instance = assemble_instance(changed.buddies, AS_OF, 0, 10)
    assert str(match.volunteer_id) not in instance.problem.agent_ids
    assert instance.broken_matches[match.family_id][1] == "inactive"
    assert match.volunteer_id in {v.id for v in base.buddies.volunteers}  # the base kept them
    run_scenario_unchanged_db(
        seeded, {"kind": "remove_volunteer", "volunteer_id": match.volunteer_id}
    )


def test_raising_travel_widens_every_reach_but_not_the_rows(seeded: Seeded) -> None:
    """Every volunteer's reach grows by the kilometres; candidate pairs never fewer."""
    base = world(seeded)
    changed = apply_changes(base, [parse_change({"kind": "raise_travel", "km": 2})])
    before = assemble_instance(base.buddies, AS_OF, 0, 10)
    after = assemble_instance(changed.buddies, AS_OF, 0, 10)
    assert (after.volunteers.max_travel_km == before.volunteers.max_travel_km + 2).all()
    assert len(after.candidates.volunteer) >= len(before.candidates.volunteer)
    assert [v.max_travel_km for v in base.buddies.volunteers] == list(
        before.volunteers.max_travel_km
    )
    results = run_scenario_unchanged_db(seeded, {"kind": "raise_travel", "km": 2})
    assert results.scenario.covered >= results.base.covered


def test_a_capacity_of_zero_starts_no_new_trajectory(seeded: Seeded) -> None:
    """A partner without places left keeps its running trajectories and starts none."""
    with Session(seeded.engine) as session:
        partner = session.exec(select(Organisation).where(Organisation.code == "al-amal")).one()
    org = int(partner.id or 0)
    change = parse_change(
        {"kind": "organisation_capacity", "organisation_id": org, "yearly_capacity": 0}
    )
    changed = apply_changes(world(seeded), [change])
    assert changed.caps[org] == 0
    instance = assemble_instance(changed.buddies, AS_OF, 0, 10)
    from solver.assignment.solve import solve_assignment

    outcome = buddy_outcome(instance, solve_assignment(instance.problem), changed.caps)
    continuing = {m.family_id for m in instance.kept_matches} | set(instance.broken_matches)
    families = {
        int(f): int(o)
        for f, o in zip(instance.families.ids, instance.families.organisation, strict=True)
    }
    assert all(f in continuing for f in outcome.chosen if families[f] == org)
    uncapped = {
        f for f, _v in ((int(f), v) for v, f in solve_assignment(instance.problem).assignments)
    }
    assert any(families[f] == org and f not in continuing for f in uncapped)  # the cap bites
    run_scenario_unchanged_db(
        seeded, {"kind": "organisation_capacity", "organisation_id": org, "yearly_capacity": 0}
    )


def test_a_new_group_is_in_the_placement_problem(seeded: Seeded) -> None:
    """The new group (a negative id, never a row) wants students on its half-days."""
    base = world(seeded)
    school = base.placement.preschools[0]
    data = {
        "kind": "add_group",
        "preschool_id": school.id,
        "half_days": ["mon_am", "tue_am"],
        "children_count": 10,
        "reduced": True,
        "students_wanted": 1,
    }
    changed = apply_changes(base, [parse_change(data)])
    problem = assemble_placement(changed.placement, 0, 10).problem
    added = [g for g in problem.groups if g.id == "-1"]
    assert added and added[0].location == str(school.id)
    assert dict(added[0].wanted) == {"mon_am": 1, "tue_am": 1}
    results = run_scenario_unchanged_db(seeded, data)
    assert set(results.new_group_sessions) == {"0"}
    assert results.placement_changed and results.placement_from_run


def test_closing_a_group_makes_its_placement_a_repair(seeded: Seeded) -> None:
    """A student placed in the closed group keeps nothing pinned there; the copy only."""
    with Session(seeded.engine) as session:
        proposal = session.exec(
            select(Proposal).where(Proposal.kind == ProposalKind.PLACEMENT)
        ).first()
        assert proposal is not None and proposal.student_id and proposal.preschool_id
        from matching.models import Preschool, Student

        student = session.get(Student, proposal.student_id)
        school = session.get(Preschool, proposal.preschool_id)
        assert student is not None and school is not None
        placement(session, student, school, proposal.slots)
        session.commit()
        group_id = int(proposal.slots[0]["group_id"])
    changed = apply_changes(
        world(seeded), [parse_change({"kind": "close_group", "group_id": group_id})]
    )
    instance = assemble_placement(changed.placement, 0, 10)
    assert str(group_id) not in {g.id for g in instance.problem.groups}
    assert instance.broken[proposal.student_id][1] == "inactive"
    assert all(slot[1] != str(group_id) for slot in instance.problem.pinned)
    with Session(seeded.engine) as session:
        assert session.get(Group, group_id).active  # type: ignore[union-attr]
    run_scenario_unchanged_db(seeded, {"kind": "close_group", "group_id": group_id})


def test_a_family_priority_set_by_hand(seeded: Seeded) -> None:
    """The family's level in the problem is the one given; its computed one stays in the base."""
    base = world(seeded)
    family = base.buddies.families[0]
    changed = apply_changes(
        base, [parse_change({"kind": "family_priority", "family_id": family.id, "priority": 5})]
    )
    instance = assemble_instance(changed.buddies, AS_OF, 0, 10)
    original = assemble_instance(base.buddies, AS_OF, 0, 10)
    position = list(instance.families.ids).index(family.id)
    assert instance.families.priority[position] == 5
    assert instance.problem.task_priority[position] == 5
    assert base.buddies.priorities == {}
    level = int(original.families.priority[position])
    results = run_scenario_unchanged_db(
        seeded, {"kind": "family_priority", "family_id": family.id, "priority": 5}
    )
    before = results.base.by_priority.get("5")
    top_before = before.families if before is not None else 0
    assert results.scenario.by_priority["5"].families == top_before + (level != 5)
    assert results.scenario.families == results.base.families


def test_no_placement_change_uses_the_runs_own_placement_figures(seeded: Seeded) -> None:
    """Without a placement change the placement is not solved again: the run's figures, twice."""
    _family, profile = recruit_for_uncovered(seeded)
    stats = read_stats(base_run(seeded.engine, seeded.run_id)).placement
    results = solve_scenario(world(seeded), [parse_change(profile)], Settings(run_placement=stats))
    assert results.placement_from_run
    assert stats is not None
    assert results.base.placed == results.scenario.placed == stats.placed
