"""What the scenario page shows: the changes in words, the choices of the change forms, the
plan's top recruits, and the comparison with the base (family names read: audited)."""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlmodel import Session, col, select

from matching.models import Family, Organisation, Preschool, Scenario
from matching.people.details import organisations_of_kinds
from matching.privacy.looked import record_look
from matching.recruitment.profiles import Profile
from matching.scenarios.changes import AddVolunteers, Change, parse_change
from matching.scenarios.figures import ScenarioResults, Side
from matching.scenarios.states import EDITABLE
from matching.vocab import (
    GENDERS,
    VOLUNTEER_KINDS,
    VOLUNTEER_ORGANISATION_KINDS,
    AuditEntity,
    ChangeKind,
    ScenarioStatus,
    VolunteerKind,
)
from web.coordinator.recruitment import current_plan, step_sentence
from web.labels import district_name
from web.messages import CHANGE_SENTENCES, fill, recruiter_sentence
from web.portal.fields import district_choices, half_day_choices
from web.portal.users import acting_user

BUSY = (ScenarioStatus.REQUESTED, ScenarioStatus.RUNNING)


def compose_context(session: Session, scenario: Scenario, top: int) -> dict[str, Any]:
    """The scenario, its changes in words, the form choices and the plan's top recruits."""
    names = {o.id: o.name for o in session.exec(select(Organisation)).all()}
    changes = [parse_change(row) for row in scenario.changes]
    _run, plan = current_plan(session)
    steps = list(plan.steps[:top]) if plan is not None else []
    return {
        "scenario": scenario,
        "editable": scenario.status in EDITABLE,
        "busy": scenario.status in BUSY,
        "changes": [(i, describe(c, names), apply_link(c)) for i, c in enumerate(changes)],
        "recruits": [(step, step_sentence(plan)(step)) for step in steps] if plan else [],
        "organisations": organisations_of_kinds(session, VOLUNTEER_ORGANISATION_KINDS),
        "preschools": session.exec(
            select(Preschool).where(col(Preschool.active)).order_by(col(Preschool.name))
        ).all(),
        "districts": district_choices(),
        "half_days": half_day_choices(),
        "genders": GENDERS,
        "volunteer_kinds": VOLUNTEER_KINDS,
        "ChangeKind": ChangeKind,
    }


def describe(change: Change, organisations: dict[int | None, str]) -> str:
    """One change in the user's language."""
    if isinstance(change, AddVolunteers):
        who = recruiter_sentence(
            _profile(change),
            organisations.get(change.organisation_id, ""),
            district_name(change.district),
        )
        return fill(CHANGE_SENTENCES[change.kind], {"n": change.count, "who": who})
    params = dict(vars(change))
    if "organisation_id" in params:
        params["organisation"] = organisations.get(params["organisation_id"], "")
    if "half_days" in params:
        labels = dict(half_day_choices())
        params["days"] = ", ".join(str(labels[d]) for d in params["half_days"])
    return fill(CHANGE_SENTENCES[change.kind], params)


def apply_link(change: Change) -> str | None:
    """For added volunteers: the new-volunteer form, filled with the profile (nothing saved)."""
    if not isinstance(change, AddVolunteers):
        return None
    kind = "experts" if change.volunteer_kind == VolunteerKind.EXPERIENCE_EXPERT else "volunteers"
    return url_for(
        ".person_new",
        kind=kind,
        organisation_id=change.organisation_id,
        languages=", ".join(change.languages),
        postcode=change.postcode_area,
        availability=list(change.half_days),
        gender=change.gender,
        preferred_districts=[change.district],
    )


def result_context(session: Session, scenario: Scenario) -> dict[str, Any]:
    """The comparison with the base, when the scenario has results."""
    if scenario.status != ScenarioStatus.SUCCEEDED or not scenario.results:
        return {"results": None}
    results = ScenarioResults.model_validate(scenario.results)
    shown = [*results.newly_covered, *results.lost]
    shown += [r.family_id for r in results.recruits if r.family_id is not None]
    families = _families(session, shown, int(scenario.id or 0))
    return {
        "results": results,
        "priority_rows": _rows(results.base, results.scenario, "by_priority", reverse=True),
        "district_rows": _rows(results.base, results.scenario, "by_district"),
        "families": families,
    }


def _rows(base: Side, scenario: Side, name: str, reverse: bool = False) -> list[dict[str, Any]]:
    """Per key: families and covered in the base and the scenario, and the difference."""
    before, after = getattr(base, name), getattr(scenario, name)
    keys = sorted(set(before) | set(after), reverse=reverse)
    rows = []
    for key in keys:
        b, a = before.get(key), after.get(key)
        rows.append(
            {
                "key": key,
                "families": (a or b).families,
                "base": b.covered if b else 0,
                "scenario": a.covered if a else 0,
            }
        )
    return rows


def _families(session: Session, ids: list[int], scenario_id: int) -> dict[int, Family]:
    """The families shown by name, each read recorded in the audit trail."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.exec(select(Family).where(col(Family.id).in_(wanted))).all()
    user = acting_user()
    for family in rows:
        record_look(
            session,
            user=user,
            entity=AuditEntity.FAMILY,
            entity_id=int(family.id or 0),
            detail={"scenario": scenario_id},
        )
    return {int(f.id or 0): f for f in rows}


def _profile(change: AddVolunteers) -> Profile:
    """The recruit profile of an "add volunteers" change (for the recruiter's sentence)."""
    return Profile(
        organisation_id=change.organisation_id,
        district=change.district,
        postcode_area=change.postcode_area,
        languages=change.languages,
        half_days=change.half_days,
        gender=change.gender,
        kind=change.volunteer_kind,
    )
