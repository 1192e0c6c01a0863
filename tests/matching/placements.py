"""Builders of preschools, groups, placements and placement proposals for the portal tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from matching.models import Group, Organisation, Placement, Preschool, Proposal, Student
from matching.people.records import create_record
from tests.matching.stored import POSTCODES


def preschool(
    session: Session, provider: Organisation, name: str, district: str, **extra: Any
) -> Preschool:
    """A preschool location of the provider in the district."""
    data = {
        "name": name,
        "organisation_id": provider.id,
        "address": "Kastanjelaan 12",
        "postcode": f"{POSTCODES[district]} AB",
        "contact": "Meryem Yilmaz, 030 123 4567",
        **extra,
    }
    return create_record(session, table=Preschool, data=data)


def group(session: Session, school: Preschool, name: str, sessions: list[str]) -> Group:
    """A group of the preschool running on these half-days."""
    data = {
        "preschool_id": school.id,
        "name": name,
        "children_count": 12,
        "reduced": True,
        "home_languages": ["ar", "nl"],
        "sessions": sessions,
    }
    return create_record(session, table=Group, data=data)


def slots(*pairs: tuple[Group, str]) -> list[dict[str, Any]]:
    """Stored slots of (group, half-day) pairs."""
    return [{"group_id": g.id, "half_day": half_day} for g, half_day in pairs]


def placement(
    session: Session, student: Student, school: Preschool, chosen: list[dict[str, Any]]
) -> Placement:
    """A confirmed, active placement of the student over their period."""
    data = {
        "student_id": student.id,
        "preschool_id": school.id,
        "slots": chosen,
        "period_start": student.period_start,
        "period_end": student.period_end,
        "confirmed": True,
    }
    return create_record(session, table=Placement, data=data)


def proposal(
    session: Session, student: Student, school: Preschool, chosen: list[dict[str, Any]]
) -> Proposal:
    """An open placement proposal for the student."""
    data = {
        "kind": "placement",
        "student_id": student.id,
        "preschool_id": school.id,
        "slots": chosen,
    }
    return create_record(session, table=Proposal, data=data)


PERIOD = (date(2026, 9, 1), date(2027, 7, 15))
