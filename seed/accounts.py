"""Demo accounts: the people who sign in. Families are records only; of the students and the
volunteers only one demo student and one demo buddy (of Al Amal) have an account."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from matching.accounts import authenticate, create_user
from matching.deployment.demo_accounts import DEMO_DOMAIN, DEMO_PASSWORDS
from matching.models import Organisation, Student, User, Volunteer
from matching.models.user import UserCreate
from matching.vocab import Role
from seed.organisations import CityOrganisations

DEMO_STUDENT_EMAIL = f"student@{DEMO_DOMAIN}"
DEMO_VOLUNTEER_EMAIL = f"maatje@{DEMO_DOMAIN}"
# Demo passwords, printed by ``kansrijk seed``: for development only (production refuses them).
PASSWORDS = DEMO_PASSWORDS


@dataclass(frozen=True)
class DemoAccount:
    """A demo user and the password to sign in with."""

    role: str
    email: str
    password: str
    user: User


@dataclass(frozen=True)
class CityAccounts:
    """The demo users of one city who decided its running trajectories."""

    coordinator: DemoAccount
    partner: DemoAccount
    language_partner: DemoAccount


def _create(
    session: Session,
    *,
    role: str,
    email: str,
    password: str,
    org: Organisation,
    name: str,
    student_id: int | None = None,
    volunteer_id: int | None = None,
) -> DemoAccount:
    """Create one demo user with its password hashed."""
    if org.id is None:
        raise ValueError(f"organisation {org.code} has no id: flush before using it")
    user_in = UserCreate(
        email=email,
        name=name,
        role=role,
        organisation_id=org.id,
        student_id=student_id,
        volunteer_id=volunteer_id,
        password=password,
    )
    return DemoAccount(role, email, password, create_user(session, user_in=user_in))


def _email(local: str, orgs: CityOrganisations) -> str:
    """``local@kansrijk.demo`` in Utrecht, ``local.city@kansrijk.demo`` in a copy."""
    city = orgs.city
    return f"{local}@{DEMO_DOMAIN}" if city.is_utrecht else f"{local}.{city.slug}@{DEMO_DOMAIN}"


def create_city_accounts(session: Session, orgs: CityOrganisations) -> CityAccounts:
    """A coordinator of the municipality and one user for each volunteer partner."""
    partner_local = "alamal" if orgs.city.is_utrecht else "maatjes"
    language_local = "taaldoetmeer" if orgs.city.is_utrecht else "taalhuisbezoek"
    return CityAccounts(
        coordinator=_create(
            session,
            role=Role.COORDINATOR,
            email=_email("coordinator", orgs),
            password=PASSWORDS["coordinator"],
            org=orgs.municipality,
            name=f"Coördinator {orgs.municipality.name}",
        ),
        partner=_create(
            session,
            role=Role.ORGANISATION,
            email=_email(partner_local, orgs),
            password=PASSWORDS["partner"],
            org=orgs.partner,
            name=f"Coördinator {orgs.partner.name}",
        ),
        language_partner=_create(
            session,
            role=Role.ORGANISATION,
            email=_email(language_local, orgs),
            password=PASSWORDS["language_partner"],
            org=orgs.language_partner,
            name=f"Coördinator {orgs.language_partner.name}",
        ),
    )


def create_student_account(
    session: Session, student: Student, university: Organisation
) -> DemoAccount:
    """The demo student's account, linked to their student record."""
    return _create(
        session,
        role=Role.STUDENT,
        email=DEMO_STUDENT_EMAIL,
        password=PASSWORDS["student"],
        org=university,
        name=student.name,
        student_id=student.id,
    )


def create_volunteer_account(
    session: Session, volunteer: Volunteer, organisation: Organisation
) -> DemoAccount:
    """The demo buddy's account, linked to their volunteer record (its e-mail the account's)."""
    return _create(
        session,
        role=Role.VOLUNTEER,
        email=DEMO_VOLUNTEER_EMAIL,
        password=PASSWORDS["volunteer"],
        org=organisation,
        name=volunteer.name,
        volunteer_id=volunteer.id,
    )


# The Utrecht demo accounts by e-mail address, with their passwords.
UTRECHT_LOGINS = {
    f"coordinator@{DEMO_DOMAIN}": PASSWORDS["coordinator"],
    f"alamal@{DEMO_DOMAIN}": PASSWORDS["partner"],
    f"taaldoetmeer@{DEMO_DOMAIN}": PASSWORDS["language_partner"],
    DEMO_STUDENT_EMAIL: PASSWORDS["student"],
    DEMO_VOLUNTEER_EMAIL: PASSWORDS["volunteer"],
}


def working_demo_logins(session: Session) -> list[tuple[str, str, str]]:
    """The Utrecht demo accounts that still sign in with their demo password."""
    found = []
    for email, password in UTRECHT_LOGINS.items():
        user = authenticate(session, email=email, password=password)
        if user is not None:
            found.append((user.role, email, password))
    return found
