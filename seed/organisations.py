"""The organisations: per city the municipality, its networks and partners; shared ones."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from matching.models import Organisation
from matching.vocab import OrganisationKind
from seed.bulk import insert_validated
from seed.places import City

PARTNER_YEARLY_CAPACITY = 15  # Al Amal: 15 new trajectories a year (the seeds)

# The seeds name 7 district birth-care networks but not their districts. We assume one per
# district where the need is largest and one for each pair of the other districts, so that
# every district is covered: (code, name, districts).
NETWORKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("west", "West", ("west",)),
    ("noordwest", "Noordwest", ("noordwest",)),
    ("overvecht", "Overvecht", ("overvecht",)),
    ("noordoost-oost", "Noordoost en Oost", ("noordoost", "oost")),
    ("zuid-binnenstad", "Zuid en Binnenstad", ("zuid", "binnenstad")),
    ("zuidwest", "Zuidwest", ("zuidwest",)),
    (
        "leidsche-rijn-vleuten",
        "Leidsche Rijn en Vleuten-De Meern",
        ("leidsche-rijn", "vleuten-de-meern"),
    ),
)


@dataclass(frozen=True)
class Provider:
    """A preschool provider (preschools_note.md) and its assumed share of the locations."""

    code: str
    name: str
    short: str
    share: int


PROVIDERS = (
    Provider("koko", "KOKO Kinderopvang", "KOKO", 14),
    Provider("blos", "Blos Kinderopvang", "Blos", 14),
    Provider("kind-en-co", "Spelenderwijs Kind & Co", "Kind & Co", 16),
    Provider("ludens", "Spelenderwijs Ludens", "Ludens", 14),
    Provider("samen", "Spelenderwijs Samen", "Samen", 12),
)
UNIVERSITIES = {"HU": ("hu", "Hogeschool Utrecht"), "UU": ("uu", "Universiteit Utrecht")}


@dataclass(frozen=True)
class SharedOrganisations:
    """HU, UU and the preschool providers, shared by every city."""

    universities: dict[str, Organisation]
    providers: dict[str, Organisation]


@dataclass(frozen=True)
class CityOrganisations:
    """One city's municipality, district networks and the two volunteer partners."""

    city: City
    municipality: Organisation
    networks: dict[str, Organisation]  # by district code
    partner: Organisation
    language_partner: Organisation


def _code(base: str, city: City) -> str:
    """Utrecht keeps the plain code; a copy's code ends in its name."""
    return base if city.is_utrecht else f"{base}-{city.slug}"


def _city_rows(city: City) -> list[dict[str, object]]:
    """The organisation rows of one city: municipality, networks, partner, language partner."""
    utrecht = city.is_utrecht
    suffix = "" if utrecht else f" ({city.name})"
    rows: list[dict[str, object]] = [
        {
            "code": f"gemeente-{city.slug}",
            "name": f"Gemeente {city.name}",
            "kind": OrganisationKind.MUNICIPALITY,
        }
    ]
    rows += [
        {
            "code": _code(f"netwerk-{code}", city),
            "name": f"Wijknetwerk geboortezorg {name}{suffix}",
            "kind": OrganisationKind.NETWORK,
        }
        for code, name, _ in NETWORKS
    ]
    rows.append(
        {
            "code": "al-amal" if utrecht else f"maatjes-{city.slug}",
            "name": "Stichting Al Amal" if utrecht else f"Maatjesproject {city.name}",
            "kind": OrganisationKind.PARTNER,
            "yearly_capacity": PARTNER_YEARLY_CAPACITY,
        }
    )
    rows.append(
        {
            "code": "taal-doet-meer" if utrecht else f"taalhuisbezoek-{city.slug}",
            "name": "Taal Doet Meer" if utrecht else f"Taalhuisbezoek {city.name}",
            "kind": OrganisationKind.PARTNER,
        }
    )
    return rows


def create_city_organisations(session: Session, city: City) -> CityOrganisations:
    """Insert one city's organisations."""
    rows = insert_validated(session, Organisation, _city_rows(city))
    municipality, networks, partner, language_partner = rows[0], rows[1:-2], rows[-2], rows[-1]
    by_district = {
        district: network
        for (_, _, districts), network in zip(NETWORKS, networks, strict=True)
        for district in districts
    }
    return CityOrganisations(city, municipality, by_district, partner, language_partner)


def create_shared_organisations(session: Session) -> SharedOrganisations:
    """Insert the universities and the preschool providers."""
    rows: list[dict[str, object]] = [
        {"code": code, "name": name, "kind": OrganisationKind.UNIVERSITY}
        for code, name in UNIVERSITIES.values()
    ]
    rows += [
        {"code": p.code, "name": p.name, "kind": OrganisationKind.PRESCHOOL_PROVIDER}
        for p in PROVIDERS
    ]
    made = insert_validated(session, Organisation, rows)
    universities = dict(zip(UNIVERSITIES, made[: len(UNIVERSITIES)], strict=True))
    providers = {p.code: org for p, org in zip(PROVIDERS, made[len(UNIVERSITIES) :], strict=True)}
    return SharedOrganisations(universities, providers)
