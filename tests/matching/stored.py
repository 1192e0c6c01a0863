"""Builders of valid stored records for tests (session-bound); each fills in the rest."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from matching.accounts import create_user
from matching.models import Family, Match, Organisation, Student, User, Volunteer
from matching.models.user import UserCreate
from matching.people.records import create_record

# One postcode area per district, to place people in a chosen district.
POSTCODES = {
    "west": "3531",
    "noordwest": "3551",
    "overvecht": "3562",
    "noordoost": "3571",
    "oost": "3581",
    "binnenstad": "3511",
    "zuid": "3523",
    "zuidwest": "3526",
    "leidsche-rijn": "3541",
    "vleuten-de-meern": "3451",
}


def organisation(session: Session, code: str, name: str, kind: str) -> Organisation:
    """An organisation of the given kind."""
    return create_record(
        session, table=Organisation, data={"code": code, "name": name, "kind": kind}
    )


def volunteer(
    session: Session, org: Organisation, name: str, district: str, **extra: Any
) -> Volunteer:
    """A volunteer of the organisation living in the district."""
    data = {
        "name": name,
        "organisation_id": org.id,
        "postcode": POSTCODES[district],
        "languages": ["nl"],
        "availability": ["mon_am", "wed_pm"],
        **extra,
    }
    return create_record(session, table=Volunteer, data=data)


def family(
    session: Session, org: Organisation, reference: str, district: str, **extra: Any
) -> Family:
    """A family of the organisation living in the district."""
    data = {
        "reference": reference,
        "organisation_id": org.id,
        "postcode": POSTCODES[district],
        "languages": ["nl"],
        "registered_on": date(2025, 1, 6),
        **extra,
    }
    return create_record(session, table=Family, data=data)


def match(session: Session, buddy: Volunteer, client: Family, *, status: str = "active") -> Match:
    """A trajectory between a volunteer and a family of the same organisation."""
    data: dict[str, Any] = {
        "volunteer_id": buddy.id,
        "family_id": client.id,
        "organisation_id": buddy.organisation_id,
        "status": status,
        "start_date": date(2025, 2, 3),
        "expected_end": date(2027, 8, 2),
    }
    if status == "ended":
        data.update(ended_on=date(2025, 6, 30), end_code="moved", end_note="moved away")
    return create_record(session, table=Match, data=data)


def student(session: Session, org: Organisation, name: str, district: str, **extra: Any) -> Student:
    """A student of the institution living in the district."""
    data = {
        "name": name,
        "email": f"{name.split()[0].lower()}@student.example.nl",
        "organisation_id": org.id,
        "institution": "HU",
        "programme": "Pedagogiek",
        "postcode": POSTCODES[district],
        "languages": ["nl"],
        "availability": ["mon_am", "tue_pm"],
        "period_start": date(2025, 9, 1),
        "period_end": date(2026, 6, 30),
        **extra,
    }
    return create_record(session, table=Student, data=data)


def user(
    session: Session, org: Organisation, email: str, role: str, password: str, **extra: Any
) -> User:
    """A user who signs in with this e-mail address and password."""
    data = {
        "email": email,
        "name": extra.pop("name", email.split("@")[0].title()),
        "role": role,
        "organisation_id": org.id,
        "password": password,
        **extra,
    }
    return create_user(session, user_in=UserCreate(**data))
