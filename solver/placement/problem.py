"""The student placement problem: students to locations to group half-day sessions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from solver.errors import ProblemError
from solver.records import (
    column,
    id_tuples,
    index_ids,
    require_int,
    require_list,
    require_number,
    require_str,
)

Triple = tuple[str, str, str]  # (student, group, session)


@dataclass(frozen=True)
class Student:
    """A student: how many half-day sessions a week they need, and when they are free."""

    id: str
    sessions_required: int
    available: frozenset[str]


@dataclass(frozen=True)
class Group:
    """A group at a location: its priority weight and students wanted per session it runs."""

    id: str
    location: str
    priority: int
    wanted: tuple[tuple[str, int], ...]  # (session, students wanted), sorted by session

    def runs(self) -> dict[str, int]:
        """Return the sessions that can take a student, with the number wanted (>= 1)."""
        return {session: n for session, n in self.wanted if n >= 1}


@dataclass(frozen=True)
class PlacementProblem:
    """Students, locations, groups, student-location scores, pins, forbidden and previous.

    `spread_bonus` is added to the quality tier once per location that gets a student.
    """

    students: tuple[Student, ...]
    locations: tuple[str, ...]
    groups: tuple[Group, ...]
    edges: tuple[tuple[str, str, int], ...]  # (student, location, score)
    pinned: tuple[Triple, ...] = ()
    forbidden: tuple[tuple[str, str], ...] = ()  # (student, location)
    previous: tuple[Triple, ...] = ()
    spread_bonus: int = 10
    time_limit_s: float = 30.0
    seed: int = 0
    num_workers: int = 1
    student: dict[str, Student] = field(init=False, repr=False, compare=False)
    group: dict[str, Group] = field(init=False, repr=False, compare=False)
    score: dict[tuple[str, str], int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Freeze the collections and validate the whole problem."""
        for name in ("students", "locations", "groups", "edges", "pinned", "forbidden", "previous"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        index_ids([s.id for s in self.students], "students")
        index_ids(self.locations, "locations")
        index_ids([g.id for g in self.groups], "groups")
        object.__setattr__(self, "student", {s.id: s for s in self.students})
        object.__setattr__(self, "group", {g.id: g for g in self.groups})
        object.__setattr__(self, "score", _check_edges(self))
        _check_students_and_groups(self)
        _check_lists(self)
        _check_pins(self)
        require_int(self.spread_bonus, "spread_bonus", 0)
        require_number(self.time_limit_s, "time_limit_s", 0.0)
        require_int(self.seed, "seed", 0)
        require_int(self.num_workers, "num_workers", 1)

    @classmethod
    def from_records(cls, records: Mapping[str, Any]) -> PlacementProblem:
        """Build a problem from a dict shaped like the placement problem file."""
        students, locations, groups, edges = (
            require_list(_required(records, key), key)
            for key in ("students", "locations", "groups", "edges")
        )
        return cls(
            students=tuple(_student(s, i) for i, s in enumerate(students)),
            locations=tuple(column(locations, "id", "locations")),
            groups=tuple(_group(g, i) for i, g in enumerate(groups)),
            edges=tuple(
                (s, loc, require_int(n, f"edges[{i}].score", 0))
                for i, (s, loc, n) in enumerate(
                    zip(
                        column(edges, "student", "edges"),
                        column(edges, "location", "edges"),
                        column(edges, "score", "edges"),
                        strict=True,
                    )
                )
            ),
            pinned=_triples(records.get("pinned", []), "pinned"),
            forbidden=tuple(
                (s, loc)
                for s, loc in id_tuples(
                    records.get("forbidden", []), ("student", "location"), "forbidden"
                )
            ),
            previous=_triples(records.get("previous", []), "previous"),
            **_settings(records),
        )


def _required(records: Mapping[str, Any], key: str) -> Any:
    """Return `records[key]`, raising a clear error when it is absent."""
    if key not in records:
        raise ProblemError(f"the placement problem has no key {key!r}")
    return records[key]


def _settings(records: Mapping[str, Any]) -> dict[str, Any]:
    """Return the optional numeric settings present in `records`."""
    names = ("spread_bonus", "time_limit_s", "seed", "num_workers")
    return {name: records[name] for name in names if name in records}


def _triples(items: object, where: str) -> tuple[Triple, ...]:
    """Read (student, group, session) triples given as dicts or 3-sequences."""
    return tuple((s, g, h) for s, g, h in id_tuples(items, ("student", "group", "session"), where))


def _student(record: object, i: int) -> Student:
    """Read one student record."""
    if not isinstance(record, Mapping):
        raise ProblemError(f"students[{i}] must be an object")
    where = f"students[{i}]"
    for key in ("id", "sessions_required", "available"):
        if key not in record:
            raise ProblemError(f"{where} has no key {key!r}")
    available = require_list(record["available"], f"{where}.available")
    for j, session in enumerate(available):
        require_str(session, f"{where}.available[{j}]")
    if len(set(available)) != len(available):
        raise ProblemError(f"{where}.available lists a session twice")
    return Student(
        require_str(record["id"], f"{where}.id"),
        require_int(record["sessions_required"], f"{where}.sessions_required", 1),
        frozenset(available),
    )


def _group(record: object, i: int) -> Group:
    """Read one group record."""
    if not isinstance(record, Mapping):
        raise ProblemError(f"groups[{i}] must be an object")
    where = f"groups[{i}]"
    for key in ("id", "location", "wanted"):
        if key not in record:
            raise ProblemError(f"{where} has no key {key!r}")
    wanted = record["wanted"]
    if not isinstance(wanted, Mapping):
        raise ProblemError(f"{where}.wanted must be an object of session: number wanted")
    pairs = tuple(
        sorted(
            (require_str(h, f"{where}.wanted key"), require_int(n, f"{where}.wanted[{h!r}]", 0))
            for h, n in wanted.items()
        )
    )
    return Group(
        require_str(record["id"], f"{where}.id"),
        require_str(record["location"], f"{where}.location"),
        require_int(record.get("priority", 0), f"{where}.priority", 0),
        pairs,
    )


def _check_edges(problem: PlacementProblem) -> dict[tuple[str, str], int]:
    """Edges name known students and locations, once each, with a score >= 0."""
    locations = set(problem.locations)
    scores: dict[tuple[str, str], int] = {}
    for i, (student, location, score) in enumerate(problem.edges):
        if student not in problem.student:
            raise ProblemError(f"edges[{i}].student names an unknown id {student!r}")
        if location not in locations:
            raise ProblemError(f"edges[{i}].location names an unknown id {location!r}")
        require_int(score, f"edges[{i}].score", 0)
        if (student, location) in scores:
            raise ProblemError(f"duplicate edge ({student!r}, {location!r})")
        scores[student, location] = score
    return scores


def _check_students_and_groups(problem: PlacementProblem) -> None:
    """Students need >= 1 session; groups sit at a known location with wanted counts >= 0."""
    locations = set(problem.locations)
    for student in problem.students:
        require_int(student.sessions_required, f"student {student.id!r} sessions_required", 1)
    for group in problem.groups:
        if group.location not in locations:
            raise ProblemError(f"group {group.id!r} names an unknown location {group.location!r}")
        require_int(group.priority, f"group {group.id!r} priority", 0)
        for session, wanted in group.wanted:
            require_int(wanted, f"group {group.id!r} wanted[{session!r}]", 0)
        if len({session for session, _ in group.wanted}) != len(group.wanted):
            raise ProblemError(f"group {group.id!r} lists a session twice")


def _check_lists(problem: PlacementProblem) -> None:
    """Pinned, forbidden and previous entries name known ids, each entry listed once; a
    student has at most one previous group per half-day."""
    locations = set(problem.locations)
    lists: list[tuple[str, Sequence[tuple[str, ...]], str]] = [
        ("pinned", problem.pinned, "group"),
        ("previous", problem.previous, "group"),
        ("forbidden", problem.forbidden, "location"),
    ]
    for name, entries, kind in lists:
        for entry in entries:
            if entry[0] not in problem.student:
                raise ProblemError(f"{name} entry {entry!r} names an unknown student")
            known = entry[1] in problem.group if kind == "group" else entry[1] in locations
            if not known:
                raise ProblemError(f"{name} entry {entry!r} names an unknown {kind}")
        repeated = [entry for entry, n in Counter(entries).items() if n > 1]
        if repeated:
            raise ProblemError(f"{name} entry {repeated[0]!r} is listed twice")
    twice = [key for key, n in Counter((s, h) for s, _, h in problem.previous).items() if n > 1]
    if twice:
        raise ProblemError(f"previous: student {twice[0][0]!r} has two groups in {twice[0][1]!r}")


def _check_pins(problem: PlacementProblem) -> None:
    """Each pin is a session the group runs and the student is free, at an allowed location;
    a student's pins share one location, one per session, at most the sessions required;
    pins of a group session fit the number wanted."""
    forbidden = set(problem.forbidden)
    locations: dict[str, str] = {}
    for student_id, group_id, session in problem.pinned:
        group, student = problem.group[group_id], problem.student[student_id]
        pin = f"pin ({student_id!r}, {group_id!r}, {session!r})"
        if session not in group.runs():
            raise ProblemError(f"{pin}: the group takes no student in that session")
        if session not in student.available:
            raise ProblemError(f"{pin}: the student is not available in that session")
        if (student_id, group.location) not in problem.score:
            raise ProblemError(f"{pin}: the location is not an edge of the student")
        if (student_id, group.location) in forbidden:
            raise ProblemError(f"{pin}: the location is forbidden for the student")
        if locations.setdefault(student_id, group.location) != group.location:
            raise ProblemError(f"student {student_id!r} is pinned at two locations")
    for student_id, location in locations.items():
        if (
            len(free_sessions(problem, student_id, location))
            < problem.student[student_id].sessions_required
        ):
            raise ProblemError(
                f"student {student_id!r} is pinned at {location!r}, which runs "
                f"too few sessions in the student's free half-days"
            )
    per_session = Counter((s, h) for s, _, h in problem.pinned)
    for (student_id, session), n in per_session.items():
        if n > 1:
            raise ProblemError(f"student {student_id!r} is pinned to {n} groups in {session!r}")
    for student_id, n in Counter(s for s, _, _ in problem.pinned).items():
        if n > problem.student[student_id].sessions_required:
            raise ProblemError(f"student {student_id!r} has more pins than sessions required")
    for (group_id, session), n in Counter((g, h) for _, g, h in problem.pinned).items():
        if n > problem.group[group_id].runs()[session]:
            raise ProblemError(f"group {group_id!r} has {n} pins in {session!r}, more than wanted")


def free_sessions(problem: PlacementProblem, student_id: str, location: str) -> set[str]:
    """Return the half-days the student is free and some group at `location` takes a student."""
    available = problem.student[student_id].available
    return {h for g in problem.groups if g.location == location for h in g.runs() if h in available}
