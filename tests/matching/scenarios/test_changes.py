"""Typed scenario changes: read from JSON, written back the same, refused naming the field."""

from __future__ import annotations

from typing import Any

import pytest

from matching.errors import FieldProblem, ScenarioProblem, ScenarioRefused
from matching.scenarios.changes import (
    AddGroup,
    AddVolunteers,
    CloseGroup,
    FamilyPriority,
    OrganisationCapacity,
    RaiseTravel,
    RemoveVolunteer,
    change_json,
    parse_change,
)
from matching.vocab import ChangeKind

RECRUIT = {
    "kind": "add_volunteers",
    "count": 2,
    "organisation_id": 1,
    "languages": ["ar", "nl"],
    "district": "overvecht",
    "half_days": ["tue_am", "mon_am"],
}
GOOD: list[tuple[dict[str, Any], Any]] = [
    (
        RECRUIT,
        AddVolunteers(2, 1, ("ar", "nl"), "overvecht", ("mon_am", "tue_am")),
    ),
    ({"kind": "remove_volunteer", "volunteer_id": "7"}, RemoveVolunteer(7)),
    ({"kind": "raise_travel", "km": "1"}, RaiseTravel(1.0)),
    (
        {"kind": "organisation_capacity", "organisation_id": 9, "yearly_capacity": 20},
        OrganisationCapacity(9, 20),
    ),
    (
        {
            "kind": "add_group",
            "preschool_id": 3,
            "half_days": "mon_am, wed_am",
            "children_count": 10,
            "reduced": "on",
            "students_wanted": 2,
        },
        AddGroup(3, ("mon_am", "wed_am"), 10, True, 2),
    ),
    ({"kind": "close_group", "group_id": 4}, CloseGroup(4)),
    ({"kind": "family_priority", "family_id": 12, "priority": 5}, FamilyPriority(12, 5)),
]


def test_every_kind_has_a_good_example() -> None:
    """The examples cover every change kind (a new kind needs one here)."""
    assert {change.kind for _, change in GOOD} == set(ChangeKind)


@pytest.mark.parametrize(("data", "expected"), GOOD, ids=lambda v: getattr(v, "kind", ""))
def test_a_change_is_read_and_written_back_the_same(data: dict[str, Any], expected: Any) -> None:
    """Parsing gives the typed change; its JSON parses to the same change again."""
    change = parse_change(data)
    assert change == expected
    assert parse_change(change_json(change)) == change
    assert change_json(change)["kind"] == str(expected.kind)


BAD = [
    ({**RECRUIT, "count": -1}, ScenarioProblem.NOT_POSITIVE, "count"),
    ({**RECRUIT, "count": 0}, ScenarioProblem.NOT_POSITIVE, "count"),
    ({**RECRUIT, "count": 1000}, ScenarioProblem.OUT_OF_RANGE, "count"),
    ({**RECRUIT, "count": "twee"}, ScenarioProblem.OUT_OF_RANGE, "count"),
    ({**RECRUIT, "languages": ["xx-nonsense"]}, FieldProblem.UNKNOWN_LANGUAGE, "languages"),
    ({**RECRUIT, "languages": []}, ScenarioProblem.REQUIRED, "languages"),
    ({**RECRUIT, "district": "amsterdam"}, FieldProblem.UNKNOWN_DISTRICT, "district"),
    ({**RECRUIT, "half_days": ["sun_am"]}, FieldProblem.UNKNOWN_HALF_DAY, "half_days"),
    ({**RECRUIT, "volunteer_kind": "robot"}, ScenarioProblem.UNKNOWN_KIND, "volunteer_kind"),
    ({"kind": "remove_volunteer"}, ScenarioProblem.REQUIRED, "volunteer_id"),
    (
        {"kind": "remove_volunteer", "volunteer_id": -3},
        ScenarioProblem.NOT_POSITIVE,
        "volunteer_id",
    ),
    ({"kind": "raise_travel", "km": "-1"}, ScenarioProblem.OUT_OF_RANGE, "km"),
    ({"kind": "raise_travel", "km": "veel"}, ScenarioProblem.REQUIRED, "km"),
    (
        {"kind": "organisation_capacity", "organisation_id": 9, "yearly_capacity": -5},
        ScenarioProblem.OUT_OF_RANGE,
        "yearly_capacity",
    ),
    (
        {
            "kind": "add_group",
            "preschool_id": 3,
            "half_days": ["mon_am"],
            "children_count": 14,
            "reduced": True,
            "students_wanted": 1,
        },
        ScenarioProblem.OUT_OF_RANGE,
        "children_count",
    ),
    (
        {"kind": "family_priority", "family_id": 1, "priority": 6},
        ScenarioProblem.OUT_OF_RANGE,
        "priority",
    ),
    ({"kind": "teleport"}, ScenarioProblem.UNKNOWN_KIND, "kind"),
]


@pytest.mark.parametrize(("data", "code", "field"), BAD)
def test_a_bad_value_is_refused_naming_its_field(
    data: dict[str, Any], code: str, field: str
) -> None:
    """Each bad value gives its code and the field it is in."""
    with pytest.raises(ScenarioRefused) as refused:
        parse_change(data)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert refused.value.params["field"] == field
