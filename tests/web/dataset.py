"""The web tests' small world: the municipality, two partners, HU, and their people."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from matching.models import Organisation
from tests.matching import stored as make

PASSWORD = "kansrijk-test-1"


@dataclass
class Account:
    """A user who can sign in, and the home page their role lands on."""

    email: str
    role: str
    home: str
    name: str


@dataclass
class World:
    """What the tests need to know about the stored data."""

    accounts: dict[str, Account] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)


COORDINATOR = Account("coordinator@utrecht.example.nl", "coordinator", "/coordinator/", "Carla")
STUDENT = Account("lotte@student.hu.example.nl", "student", "/student/", "Lotte")
AL_AMAL = Account("coordinator@alamal.example.nl", "organisation", "/organisation/", "Amina")
TAAL = Account("coordinator@taaldoetmeer.example.nl", "organisation", "/organisation/", "Tom")
INACTIVE = Account("former@utrecht.example.nl", "coordinator", "/coordinator/", "Former")


def populate(session: Session) -> World:
    """Store the organisations, people and accounts; commit; return their ids."""
    world = World()
    city = make.organisation(session, "gemeente-utrecht", "Gemeente Utrecht", "municipality")
    al_amal = make.organisation(session, "al-amal", "Stichting Al Amal", "partner")
    taal = make.organisation(session, "taal-doet-meer", "Taal Doet Meer", "partner")
    hu = make.organisation(session, "hu", "Hogeschool Utrecht", "university")
    _al_amal_people(session, al_amal, world)
    _taal_people(session, taal, world)
    _city_people(session, city)
    lotte = make.student(
        session, hu, "Lotte Visser", "zuidwest",
        programme="Pedagogiek (PABO)",
        languages=["nl", "ar"],
        availability=["mon_am", "tue_am", "thu_pm"],
        preferred_districts=["overvecht", "zuidwest"],
    )  # fmt: skip
    make.student(session, hu, "Daan de Boer", "overvecht", active=False)
    make.student(session, hu, "Iris Kok", "overvecht", institution="UU")
    for account, org in ((COORDINATOR, city), (AL_AMAL, al_amal), (TAAL, taal)):
        make.user(session, org, account.email, account.role, PASSWORD, name=account.name)
    make.user(session, hu, STUDENT.email, "student", PASSWORD, name="Lotte", student_id=lotte.id)
    make.user(session, city, INACTIVE.email, "coordinator", PASSWORD, active=False)
    world.accounts = {"coordinator": COORDINATOR, "student": STUDENT, "organisation": AL_AMAL}
    world.ids["al_amal"] = al_amal.id or 0
    world.ids["taal"] = taal.id or 0
    session.commit()
    return world


def _al_amal_people(session: Session, org: Organisation, world: World) -> None:
    """Al Amal: two buddies and an inactive one; a waiting, a matched and a closed mother."""
    fatima = make.volunteer(session, org, "Fatima El Idrissi", "overvecht", languages=["ar", "nl"])
    samira = make.volunteer(
        session, org, "Samira Bakkali", "zuidwest", kind="experience_expert", languages=["ber"]
    )
    make.volunteer(session, org, "Noor Haddad", "overvecht", active=False)
    waiting = make.family(session, org, "AA-001", "overvecht", languages=["ar"])
    matched = make.family(session, org, "AA-002", "zuidwest", status="matched")
    closed = make.family(session, org, "AA-003", "overvecht", status="closed")
    make.match(session, samira, matched)
    make.match(session, fatima, closed, status="ended")
    world.ids["al_amal_waiting_family"] = waiting.id or 0


def _taal_people(session: Session, org: Organisation, world: World) -> None:
    """Taal Doet Meer: two volunteers, two waiting families and one matched family."""
    joke = make.volunteer(session, org, "Joke de Vries", "zuidwest", languages=["nl", "tr"])
    make.volunteer(session, org, "Mehmet Yilmaz", "west", languages=["tr"])
    make.family(session, org, "TDM-001", "zuidwest", languages=["tr"])
    make.family(session, org, "TDM-002", "west")
    matched = make.family(session, org, "TDM-003", "zuidwest", status="matched")
    make.match(session, joke, matched)
    world.ids["taal_family"] = matched.id or 0


def _city_people(session: Session, org: Organisation) -> None:
    """The municipal pool: a buddy with room for two, a busy one, waiting families."""
    pieter = make.volunteer(session, org, "Pieter Bakker", "zuidwest", capacity=2)
    anna = make.volunteer(session, org, "Anna Jansen", "leidsche-rijn")
    make.match(session, pieter, make.family(session, org, "GEM-001", "zuidwest", status="matched"))
    make.match(
        session, anna, make.family(session, org, "GEM-002", "leidsche-rijn", status="matched")
    )
    make.family(session, org, "GEM-003", "zuidwest")
    make.family(session, org, "GEM-004", "binnenstad")
