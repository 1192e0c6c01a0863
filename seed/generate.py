"""Seeding an empty database with a demo of the given size, the same for the same seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from matching.models import (
    AuditEvent,
    CheckIn,
    Family,
    Group,
    Match,
    Organisation,
    Preschool,
    Proposal,
    Student,
    User,
    Volunteer,
)
from matching.people.records import update_record
from matching.vocab import MatchStatus
from seed.accounts import (
    DEMO_STUDENT_EMAIL,
    DEMO_VOLUNTEER_EMAIL,
    CityAccounts,
    DemoAccount,
    create_city_accounts,
    create_student_account,
    create_volunteer_account,
)
from seed.organisations import (
    CityOrganisations,
    SharedOrganisations,
    create_city_organisations,
    create_shared_organisations,
)
from seed.places import make_cities
from seed.preferences import preference_rng, seed_preschool_preferences
from seed.preschools import seed_preschools
from seed.programmes import city_programmes, seed_programme
from seed.sizes import SeedSize, get_size
from seed.students import seed_students

# What the report counts, in the order it lists them.
COUNTED: tuple[tuple[str, type[SQLModel]], ...] = (
    ("organisations", Organisation),
    ("users", User),
    ("students", Student),
    ("preschools", Preschool),
    ("groups", Group),
    ("volunteers", Volunteer),
    ("families", Family),
    ("proposals", Proposal),
    ("matches", Match),
    ("audit events", AuditEvent),
    ("check-ins", CheckIn),
)


class SeedError(RuntimeError):
    """The database cannot be seeded (it is not empty)."""


@dataclass(frozen=True)
class SeedReport:
    """What was seeded: rows per table and the demo accounts as (role, email, password)."""

    size: str
    seed: int
    as_of: date
    counts: dict[str, int]
    accounts: list[tuple[str, str, str]]


def has_organisations(session: Session) -> bool:
    """True when the database holds any organisation (so it is not empty)."""
    return session.exec(select(Organisation.id).limit(1)).first() is not None


def count_rows(session: Session) -> dict[str, int]:
    """The number of rows of each table the seed fills."""
    return {
        name: int(session.exec(select(func.count()).select_from(table)).one())
        for name, table in COUNTED
    }


def seed_database(session: Session, *, size: str, seed: int, as_of: date) -> SeedReport:
    """Fill an empty database with demo data; the caller commits (or rolls back) the session."""
    spec = get_size(size)
    if has_organisations(session):
        raise SeedError("the database already has organisations: only an empty one is seeded")
    rng = random.Random(seed)
    cities = make_cities(spec.cities, spec.city_lat_offset)
    city_orgs = [create_city_organisations(session, city) for city in cities]
    shared = create_shared_organisations(session)
    city_accounts = [create_city_accounts(session, orgs) for orgs in city_orgs]
    student_account = _seed_students(session, rng, spec, city_orgs, shared, as_of)
    for orgs in city_orgs:
        seed_preschools(session, rng, spec, orgs.city, _ids(shared.providers))
    seed_preschool_preferences(session, preference_rng(seed))
    for orgs, accounts in zip(city_orgs, city_accounts, strict=True):
        for programme in city_programmes(spec, orgs, accounts):
            seed_programme(session, rng, programme, as_of)
    volunteer_account = _demo_buddy(session, city_orgs[0].partner)
    return SeedReport(
        size=spec.name,
        seed=seed,
        as_of=as_of,
        counts=count_rows(session),
        accounts=_account_lines(city_accounts, [student_account, volunteer_account]),
    )


def _demo_buddy(session: Session, partner: Organisation) -> DemoAccount:
    """The demo account of Utrecht's partner buddy with the lowest number among those with a
    running trajectory (so the portal has a match to show), else of its first buddy."""
    running = (
        select(Volunteer)
        .join(Match, col(Match.volunteer_id) == col(Volunteer.id))
        .where(Volunteer.organisation_id == partner.id, Match.status == MatchStatus.ACTIVE)
    )
    first = select(Volunteer).where(Volunteer.organisation_id == partner.id)
    volunteer = session.exec(running.order_by(col(Volunteer.id)).limit(1)).first()
    volunteer = volunteer or session.exec(first.order_by(col(Volunteer.id)).limit(1)).one()
    volunteer = update_record(session, row=volunteer, changes={"email": DEMO_VOLUNTEER_EMAIL})
    return create_volunteer_account(session, volunteer, partner)


def _seed_students(
    session: Session,
    rng: random.Random,
    spec: SeedSize,
    city_orgs: list[CityOrganisations],
    shared: SharedOrganisations,
    as_of: date,
) -> DemoAccount:
    """Every city's students, and the demo account of Utrecht's first HU student."""
    universities = _ids(shared.universities)
    made = [seed_students(session, rng, spec, orgs.city, universities, as_of) for orgs in city_orgs]
    student = update_record(session, row=made[0][0], changes={"email": DEMO_STUDENT_EMAIL})
    return create_student_account(session, student, shared.universities[student.institution])


def _ids(organisations: dict[str, Organisation]) -> dict[str, int]:
    """The ids of flushed organisations by the same keys."""
    found = {key: org.id for key, org in organisations.items() if org.id is not None}
    if len(found) != len(organisations):
        raise ValueError("organisations must be flushed before their ids are used")
    return found


def _account_lines(
    city_accounts: list[CityAccounts], people: list[DemoAccount]
) -> list[tuple[str, str, str]]:
    """(role, email, password) of every demo account: Utrecht's with the student and the
    buddy, then copies'."""
    utrecht, *copies = [
        [city.coordinator, city.partner, city.language_partner] for city in city_accounts
    ]
    accounts = [*utrecht, *people, *(account for city in copies for account in city)]
    return [(account.role, account.email, account.password) for account in accounts]
