"""Students of HU and UU placed at preschool groups for one school year."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from sqlmodel import Session

from matching.models import Student
from seed import languages
from seed.bulk import insert_validated
from seed.names import email_local_part, person_name
from seed.places import City, locate_by_weight, location_fields, population_weights
from seed.sizes import SeedSize
from seed.traits import count_between, gender, half_days

# Students live near the Science Park, in the centre and the neighbourhoods around it.
STUDENT_DISTRICTS = population_weights(
    {"oost": 2.5, "binnenstad": 2.0, "noordoost": 1.5, "west": 1.3}
)
PROGRAMMES = {
    "HU": ("Pedagogiek", "Leraar Basisonderwijs (Pabo)", "Social Work"),
    "UU": ("Pedagogische Wetenschappen", "Onderwijswetenschappen", "Psychologie"),
}
EMAIL_DOMAINS = {"HU": "student.hu.example", "UU": "students.uu.example"}
SCHOOL_YEAR_START = (9, 1)  # the placements follow the school year, September …
SCHOOL_YEAR_END = (7, 15)  # … to mid-July (assumed)
SESSIONS_REQUIRED = (2, 3, 4)  # half-days a week their programme asks (assumed)
SESSIONS_WEIGHTS = (70, 25, 5)


def school_year(as_of: date) -> tuple[date, date]:
    """The school year as_of falls in; from July on, the one that starts in September."""
    first_year = as_of.year if as_of.month >= 7 else as_of.year - 1
    return date(first_year, *SCHOOL_YEAR_START), date(first_year + 1, *SCHOOL_YEAR_END)


def make_student(
    rng: random.Random,
    city: City,
    institution: str,
    organisation_id: int,
    number: int,
    as_of: date,
) -> dict[str, Any]:
    """One student: programme, languages, mostly-morning availability, the school year."""
    home = locate_by_weight(rng, city, STUDENT_DISTRICTS)
    spoken = languages.pick_languages(rng, languages.STUDENT)
    who = gender(rng, female=0.8, male=0.17)
    name = person_name(rng, gender=who, language=spoken[-1] if rng.random() < 0.25 else "nl")
    required = rng.choices(SESSIONS_REQUIRED, weights=SESSIONS_WEIGHTS)[0]
    available = count_between(rng, required + 1, required + 4, (2, 3, 3, 2))
    start, end = school_year(as_of)
    return {
        **location_fields(home),
        "name": name,
        "email": f"{email_local_part(name)}.{number}@{EMAIL_DOMAINS[institution]}",
        "organisation_id": organisation_id,
        "institution": institution,
        "programme": rng.choice(PROGRAMMES[institution]),
        "sessions_required": required,
        "availability": half_days(rng, available, morning_weight=2.0),
        "languages": spoken,
        "preferred_districts": [home.district] if rng.random() < 0.3 else [],
        "period_start": start,
        "period_end": end,
        "max_travel_km": rng.choice((5.0, 8.0, 10.0, 12.0, 15.0)),
    }


def make_students(
    rng: random.Random,
    city: City,
    counts: dict[str, int],
    universities: dict[str, int],
    as_of: date,
) -> list[dict[str, Any]]:
    """The students of one city: ``counts[institution]`` of each, HU first."""
    plan = [institution for institution, count in counts.items() for _ in range(count)]
    return [
        make_student(rng, city, institution, universities[institution], number, as_of)
        for number, institution in enumerate(plan, start=1)
    ]


def seed_students(
    session: Session,
    rng: random.Random,
    size: SeedSize,
    city: City,
    universities: dict[str, int],
    as_of: date,
) -> list[Student]:
    """Insert a city's students, HU first."""
    counts = {"HU": size.students_hu, "UU": size.students_uu}
    return insert_validated(session, Student, make_students(rng, city, counts, universities, as_of))
