"""The plan's top recruit, run as a scenario, covers what the plan says it covers."""

from __future__ import annotations

from sqlmodel import Session

from matching.recruitment.plan import buddy_plan
from matching.scenarios.changes import AddVolunteers, parse_change
from matching.scenarios.execution import execute_scenario
from matching.scenarios.figures import ScenarioResults
from matching.scenarios.recruits import recruit_change
from matching.vocab import ScenarioStatus
from tests.matching.scenarios.conftest import AS_OF, Seeded, requested, snapshot, stored


def test_the_plans_first_recruit_covers_its_family_in_a_scenario(seeded: Seeded) -> None:
    """Same profile, same place and reach: one family more, at the plan's priority level."""
    with Session(seeded.engine) as session:
        plan = buddy_plan(session, AS_OF, steps=1)
    assert plan.steps, "the small demo data leaves families a recruit can cover"
    step = plan.steps[0]
    change = recruit_change(step.profile)
    parsed = parse_change(change)
    assert isinstance(parsed, AddVolunteers)
    assert parsed.postcode_area == step.profile.postcode_area
    before = snapshot(seeded.engine)
    scenario_id = requested(seeded.engine, change)
    assert execute_scenario(seeded.engine, scenario_id).status == ScenarioStatus.SUCCEEDED
    assert snapshot(seeded.engine) == before
    results = ScenarioResults.model_validate(stored(seeded.engine, scenario_id).results)
    ((level, _families),) = step.families.items()
    assert results.scenario.covered == results.base.covered + 1
    # The re-solve with the recruit reaches exactly the coverage per level the plan promised.
    promised = {str(k): v for k, v in step.covered_by_priority.items()}
    reached = {k: c.covered for k, c in results.scenario.by_priority.items()}
    assert reached == promised
    assert reached[str(level)] == results.base.by_priority[str(level)].covered + 1
