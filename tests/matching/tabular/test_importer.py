"""CSV import: bad rows reported with line, column and reason; good rows kept; no duplicates."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlmodel import Session, func, select

from matching.models import (
    AuditEvent,
    Family,
    Group,
    Organisation,
    Preschool,
    Student,
    User,
    Volunteer,
)
from matching.people.lists import PeopleFilter
from matching.tabular.export import matches_csv, people_csv, placements_csv, template_csv
from matching.tabular.importer import apply_import, check_file
from matching.tabular.reading import UnreadableFile
from tests.matching import stored as make

AS_OF = date(2026, 11, 26)
VOLUNTEERS = (
    "naam;e-mail;organisatie;talen;postcode;beschikbaarheid;vog geldig tot;max reisafstand\n"
    "Amina Haddad;amina@example.nl;gemeente;ar, nl;3526 KL;mon_am tue_am;01-06-2027;7,5\n"
    "Bram;bram@example.nl;gemeente;nl;9999 ZZ;mon_am;;5\n"
    "Chaima;chaima@example.nl;onbekend;nl;3562;;31-02-2027;\n"
    "Amina H.;AMINA@example.nl;gemeente;ar;3526;;;\n"
)


@pytest.fixture
def coordinator(session: Session) -> User:
    """A coordinator of the municipality (who the audit trail names)."""
    city = make.organisation(session, "gemeente", "Gemeente Utrecht", "municipality")
    make.organisation(session, "hu", "Hogeschool Utrecht", "university")
    make.organisation(session, "koko", "KOKO", "preschool_provider")
    user = make.user(session, city, "carla@example.nl", "coordinator", "a-password-1")
    session.commit()
    return user


def problems(check: object) -> set[tuple[int, str]]:
    return {(p.line, p.column) for p in check.problems}  # type: ignore[attr-defined]


def test_every_bad_row_is_reported_and_every_good_row_kept(
    session: Session, coordinator: User
) -> None:
    check = check_file(session, "volunteers", VOLUNTEERS.encode("cp1252"), AS_OF)
    assert problems(check) == {
        (3, "postcode"),
        (4, "organisation"),
        (4, "vog_valid_until"),
        (5, "email"),
    }
    twice = next(p for p in check.problems if p.line == 5)
    assert twice.message == "appears twice in this file (line 2)"
    assert [row.line for row in check.good] == [2]
    result = apply_import(session, check, coordinator)
    session.commit()
    amina = session.exec(select(Volunteer)).one()
    assert (amina.name, amina.languages, amina.max_travel_km) == ("Amina Haddad", ["ar", "nl"], 7.5)
    assert amina.vog_valid_until == date(2027, 6, 1) and amina.district == "zuidwest"
    assert (result.created, result.updated, len(result.problems)) == (1, 0, 4)
    event = session.exec(select(AuditEvent)).one()
    assert (event.entity, event.action, event.actor_user_id) == (
        "volunteer",
        "created",
        coordinator.id,
    )
    assert event.detail["source"] == "import"


def test_the_same_file_twice_creates_nothing_twice(session: Session, coordinator: User) -> None:
    raw = VOLUNTEERS.encode()
    apply_import(session, check_file(session, "volunteers", raw, AS_OF), coordinator)
    session.commit()
    again = check_file(session, "volunteers", raw, AS_OF)
    assert [row.existing_id is not None for row in again.good] == [True]
    result = apply_import(session, again, coordinator)
    session.commit()
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert session.exec(select(func.count()).select_from(Volunteer)).one() == 1
    changed = raw.replace(b"7,5", b"9")
    result = apply_import(session, check_file(session, "volunteers", changed, AS_OF), coordinator)
    assert (result.created, result.updated) == (0, 1)
    assert session.exec(select(Volunteer)).one().max_travel_km == 9


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "empty"),
        (b"name;organisation;languages;postcode\n\n;;;\n", "no_rows"),
        (b"voornaam;woonplaats\nAmina;Utrecht\n", "missing_columns"),
    ],
)
def test_files_refused_as_a_whole(
    session: Session, coordinator: User, raw: bytes, code: str
) -> None:
    with pytest.raises(UnreadableFile) as caught:
        check_file(session, "volunteers", raw, AS_OF)
    assert caught.value.code == code
    if code == "missing_columns":
        assert caught.value.detail["columns"] == ["name", "organisation", "languages", "postcode"]


def test_each_kind_imports_with_its_natural_key(session: Session, coordinator: User) -> None:
    files = {
        "families": "reference;organisation;postcode;languages;due_date\n"
        "GEM-9;gemeente;3562 AB;ar;15-01-2027\n",
        "students": "name;email;institution;programme;postcode;languages;period_start;period_end\n"
        "Lotte;lotte@hu.example;HU;PABO;3526;nl;01-09-2026;30-06-2027\n",
        "preschools": "name;organisation;address;postcode\nDe Vlinder;koko;Laan 1;3562 AB\n",
        "groups": "preschool;preschool_postcode;name;children_count;reduced;sessions\n"
        "De Vlinder;3562 ab;Rupsjes;11;ja;mon_am, tue_am\n",
        "experts": "name;organisation;languages;postcode;experience\n"
        "Samira;gemeente;ber;3526;single_parent\n",
    }
    for kind, text in files.items():
        for _ in range(2):
            check = check_file(session, kind, text.encode(), AS_OF)
            assert check.problems == [], (kind, check.problems)
            apply_import(session, check, coordinator)
            session.commit()
    family = session.exec(select(Family)).one()
    assert (family.registered_on, family.due_date) == (AS_OF, date(2027, 1, 15))
    student = session.exec(select(Student)).one()
    hu = session.get(Organisation, student.organisation_id)
    assert hu is not None and hu.code == "hu"
    group = session.exec(select(Group)).one()
    preschool = session.exec(select(Preschool)).one()
    assert (group.preschool_id, group.reduced, group.sessions) == (
        preschool.id, True, ["mon_am", "tue_am"]
    )  # fmt: skip
    expert = session.exec(select(Volunteer)).one()
    assert (expert.kind, expert.experience) == ("experience_expert", ["single_parent"])


def test_a_group_of_an_unknown_preschool_is_reported(session: Session, coordinator: User) -> None:
    raw = b"preschool;preschool_postcode;name;children_count;sessions\nNergens;3562;A;10;mon_am\n"
    check = check_file(session, "groups", raw, AS_OF)
    assert [(p.line, p.column, p.value) for p in check.problems] == [(2, "preschool", "Nergens")]


def parsed(chunks: object) -> list[list[str]]:
    text = "".join(chunks)  # type: ignore[call-overload]
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_export_reads_back_as_the_same_records(session: Session, coordinator: User) -> None:
    apply_import(
        session, check_file(session, "volunteers", VOLUNTEERS.encode(), AS_OF), coordinator
    )
    session.commit()
    rows = parsed(people_csv(session, "volunteers", PeopleFilter(), AS_OF))
    assert rows[0][:3] == ["name", "email", "organisation"]
    assert rows[1][:3] == ["Amina Haddad", "amina@example.nl", "gemeente"]
    assert "01-06-2027" in rows[1] and "7,5" in rows[1] and "ja" in rows[1]
    exported = "\r\n".join(";".join(row) for row in rows).encode()
    again = check_file(session, "volunteers", exported, AS_OF)
    assert again.problems == [] and [row.existing_id is not None for row in again.good] == [True]
    assert apply_import(session, again, coordinator).unchanged == 1


def test_export_guards_against_formulas_and_lists_matches(
    session: Session, coordinator: User
) -> None:
    gemeente = session.get(Organisation, coordinator.organisation_id)
    assert gemeente is not None
    buddy = make.volunteer(session, gemeente, "=HYPERLINK(1)", "west")
    make.match(session, buddy, make.family(session, gemeente, "+F-1", "west", status="matched"))
    session.commit()
    rows = parsed(matches_csv(session))
    assert rows[0][:4] == ["match_id", "status", "organisation", "volunteer"]
    assert rows[1][2:4] == ["gemeente", "'=HYPERLINK(1)"] and rows[1][5] == "'+F-1"
    assert parsed(placements_csv(session))[1:] == []
    assert parsed([template_csv("groups")])[0][:3] == ["preschool", "preschool_postcode", "name"]


def test_a_student_of_an_institution_without_organisation_is_refused(
    session: Session, coordinator: User
) -> None:
    raw = (
        b"name;email;institution;programme;postcode;languages;period_start;period_end\n"
        b"Iris;iris@uu.example;UU;Pedagogiek;3526;nl;01-09-2026;30-06-2027\n"
    )
    check = check_file(session, "students", raw, AS_OF)
    assert [(p.line, p.column, p.message) for p in check.problems] == [
        (2, "organisation", "Field required")
    ]
