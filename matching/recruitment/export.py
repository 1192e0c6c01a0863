"""The recruitment plan as a CSV file for a recruitment campaign (Excel: UTF-8 BOM, `;`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from matching.recruitment.plan import Plan, RecruitStep
from matching.tabular.export import csv_lines

PLAN_HEADER = (
    "step",
    "recruit",
    "organisation",
    "languages",
    "district",
    "postcode_area",
    "half_days",
    "gender",
    "kind",
    "priority_covered",
    "family_id_covered",
    "families_covered_after",
)


def plan_csv(plan: Plan, sentence: Callable[[RecruitStep], str]) -> Iterator[str]:
    """One row per recruit, in plan order: the recruiter's words first, then the codes."""
    rows = (
        [
            step.number,
            sentence(step),
            plan.organisations.get(step.profile.organisation_id, ""),
            " ".join(step.profile.languages),
            step.profile.district,
            step.profile.postcode_area,
            " ".join(step.profile.half_days),
            step.profile.gender,
            step.profile.kind,
            *_covered(step),
            sum(step.covered_by_priority.values()),
        ]
        for step in plan.steps
    )
    return csv_lines(PLAN_HEADER, rows)


def _covered(step: RecruitStep) -> tuple[int | str, int | str]:
    """The priority and id of the family a step newly covers."""
    for priority, family_ids in step.families.items():
        return priority, family_ids[0]
    return "", ""
