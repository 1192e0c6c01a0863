"""The typed changes of a scenario: one small dataclass per kind, read from and written to the
scenario's JSON list, each value checked on the way in with an error naming its field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from matching import vocab
from matching.errors import FieldProblem, FieldRefused, ScenarioProblem, ScenarioRefused
from matching.people.validation import check_district, check_half_days, check_languages
from matching.reference import postcodes
from matching.vocab import ChangeKind, Gender, VolunteerKind

MAX_RECRUITS = 100
MAX_EXTRA_KM = 50.0


@dataclass(frozen=True)
class AddVolunteers:
    """N more volunteers of one profile: kind, organisation, languages, district (or postcode
    area), half-days and gender, as a recruitment plan's step describes them.

    They live at the postcode area's point (else the district's centre) and travel as far as
    the organisation's volunteers do (the median), unless ``max_travel_km`` says otherwise."""

    count: int
    organisation_id: int
    languages: tuple[str, ...]
    district: str
    half_days: tuple[str, ...]
    volunteer_kind: str = VolunteerKind.BUDDY
    postcode_area: str = ""
    gender: str = Gender.UNKNOWN
    max_travel_km: float | None = None
    kind: ChangeKind = ChangeKind.ADD_VOLUNTEERS


@dataclass(frozen=True)
class RemoveVolunteer:
    """One volunteer leaves: their matches need a repair, their capacity is gone."""

    volunteer_id: int
    kind: ChangeKind = ChangeKind.REMOVE_VOLUNTEER


@dataclass(frozen=True)
class RaiseTravel:
    """Every volunteer travels ``km`` further than their own maximum."""

    km: float
    kind: ChangeKind = ChangeKind.RAISE_TRAVEL


@dataclass(frozen=True)
class OrganisationCapacity:
    """A partner organisation's yearly capacity (new trajectories a calendar year) changes."""

    organisation_id: int
    yearly_capacity: int
    kind: ChangeKind = ChangeKind.ORGANISATION_CAPACITY


@dataclass(frozen=True)
class AddGroup:
    """A new preschool group at an existing location."""

    preschool_id: int
    half_days: tuple[str, ...]
    children_count: int
    reduced: bool = False
    students_wanted: int = 1
    kind: ChangeKind = ChangeKind.ADD_GROUP


@dataclass(frozen=True)
class CloseGroup:
    """A preschool group closes: its placements need a repair."""

    group_id: int
    kind: ChangeKind = ChangeKind.CLOSE_GROUP


@dataclass(frozen=True)
class FamilyPriority:
    """A family's priority level is set by hand (0-5) instead of computed."""

    family_id: int
    priority: int
    kind: ChangeKind = ChangeKind.FAMILY_PRIORITY


Change = (
    AddVolunteers
    | RemoveVolunteer
    | RaiseTravel
    | OrganisationCapacity
    | AddGroup
    | CloseGroup
    | FamilyPriority
)


def change_json(change: Change) -> dict[str, Any]:
    """The change as stored in the scenario's JSON list."""
    data = asdict(change)
    data["kind"] = str(change.kind)
    return {key: list(value) if isinstance(value, tuple) else value for key, value in data.items()}


def parse_change(data: Mapping[str, Any]) -> Change:
    """A change from its JSON (or form) fields; refused with the field that is wrong."""
    try:
        kind = ChangeKind(str(data.get("kind", "")))
    except ValueError:
        raise ScenarioRefused(
            ScenarioProblem.UNKNOWN_KIND, "kind", value=str(data.get("kind"))
        ) from None
    return _PARSERS[kind](data)


def parse_changes(rows: list[dict[str, Any]]) -> list[Change]:
    """Every change of a stored list."""
    return [parse_change(row) for row in rows]


def whole(data: Mapping[str, Any], field: str, low: int, high: int) -> int:
    """A whole number between low and high, or an error naming the field."""
    value = data.get(field)
    if value is None or value == "":
        raise ScenarioRefused(ScenarioProblem.REQUIRED, field)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ScenarioRefused(ScenarioProblem.OUT_OF_RANGE, field, low=low, high=high) from None
    if isinstance(value, float) and value != number:
        raise ScenarioRefused(ScenarioProblem.OUT_OF_RANGE, field, low=low, high=high)
    if number < low and low == 1:
        raise ScenarioRefused(ScenarioProblem.NOT_POSITIVE, field)
    if not low <= number <= high:
        raise ScenarioRefused(ScenarioProblem.OUT_OF_RANGE, field, low=low, high=high)
    return number


def _codes(
    data: Mapping[str, Any], field: str, check: Callable[[list[str]], list[str]]
) -> tuple[str, ...]:
    """A list of codes (or a text of them), checked; at least one."""
    raw = data.get(field) or []
    values = [v for v in (raw.replace(",", " ").split() if isinstance(raw, str) else raw) if v]
    if not values:
        raise ScenarioRefused(ScenarioProblem.REQUIRED, field)
    try:
        return tuple(check(list(values)))
    except FieldRefused as exc:
        raise ScenarioRefused(exc.code, field, **exc.params) from None


def _add_volunteers(data: Mapping[str, Any]) -> AddVolunteers:
    kind = str(data.get("volunteer_kind") or VolunteerKind.BUDDY)
    if kind not in vocab.VOLUNTEER_KINDS:
        raise ScenarioRefused(ScenarioProblem.UNKNOWN_KIND, "volunteer_kind", value=kind)
    gender = str(data.get("gender") or Gender.UNKNOWN)
    if gender not in vocab.GENDERS:
        raise ScenarioRefused(ScenarioProblem.UNKNOWN_KIND, "gender", value=gender)
    area = str(data.get("postcode_area") or "").strip()[:4]
    if area and area not in postcodes():
        raise ScenarioRefused(FieldProblem.POSTCODE_AREA, "postcode_area", digits=area)
    try:
        district = check_district(str(data.get("district") or "")) if not area else ""
    except FieldRefused as exc:
        raise ScenarioRefused(exc.code, "district", **exc.params) from None
    travel = data.get("max_travel_km")
    return AddVolunteers(
        count=whole(data, "count", 1, MAX_RECRUITS),
        organisation_id=whole(data, "organisation_id", 1, 2**31 - 1),
        languages=_codes(data, "languages", check_languages),
        district=district or postcodes()[area].district,
        half_days=_codes(data, "half_days", check_half_days),
        volunteer_kind=kind,
        postcode_area=area,
        gender=gender,
        max_travel_km=None if travel in (None, "") else _km(data, "max_travel_km", 100.0),
    )


def _km(data: Mapping[str, Any], field: str, most: float) -> float:
    """A distance in km above 0 and at most ``most``, or an error naming the field."""
    try:
        km = float(data.get(field))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ScenarioRefused(ScenarioProblem.REQUIRED, field) from None
    if not 0 < km <= most:
        raise ScenarioRefused(ScenarioProblem.OUT_OF_RANGE, field, low=0, high=most)
    return km


def _raise_travel(data: Mapping[str, Any]) -> RaiseTravel:
    return RaiseTravel(km=_km(data, "km", MAX_EXTRA_KM))


def _add_group(data: Mapping[str, Any]) -> AddGroup:
    reduced = str(data.get("reduced", "")).lower() in {"true", "1", "y", "on", "yes"}
    most = vocab.MAX_REDUCED_GROUP_SIZE if reduced else vocab.MAX_GROUP_SIZE
    return AddGroup(
        preschool_id=whole(data, "preschool_id", 1, 2**31 - 1),
        half_days=_codes(data, "half_days", check_half_days),
        children_count=whole(data, "children_count", 0, most),
        reduced=reduced,
        students_wanted=whole(data, "students_wanted", 1, 4),
    )


_PARSERS: dict[ChangeKind, Callable[[Mapping[str, Any]], Change]] = {
    ChangeKind.ADD_VOLUNTEERS: _add_volunteers,
    ChangeKind.REMOVE_VOLUNTEER: lambda d: RemoveVolunteer(whole(d, "volunteer_id", 1, 2**31 - 1)),
    ChangeKind.RAISE_TRAVEL: _raise_travel,
    ChangeKind.ORGANISATION_CAPACITY: lambda d: OrganisationCapacity(
        whole(d, "organisation_id", 1, 2**31 - 1), whole(d, "yearly_capacity", 0, 100_000)
    ),
    ChangeKind.ADD_GROUP: _add_group,
    ChangeKind.CLOSE_GROUP: lambda d: CloseGroup(whole(d, "group_id", 1, 2**31 - 1)),
    ChangeKind.FAMILY_PRIORITY: lambda d: FamilyPriority(
        whole(d, "family_id", 1, 2**31 - 1), whole(d, "priority", 0, vocab.MAX_PRIORITY)
    ),
}
