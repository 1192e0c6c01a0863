"""The coordinator's lists: search, filters on ``,a,b,`` columns, priority in SQL, pages."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, select

from matching.buddies.priority import priority
from matching.buddies.priority_sql import priority_expression
from matching.models import Family
from matching.people.details import row_details
from matching.people.lists import PeopleFilter, list_people
from tests.matching import placements as place
from tests.matching import stored as make

AS_OF = date(2026, 11, 26)


@pytest.fixture
def people(session: Session) -> Session:
    """Volunteers, families, students, a preschool with groups, in three districts."""
    city = make.organisation(session, "city", "Gemeente", "municipality")
    other = make.organisation(session, "al-amal", "Al Amal", "partner")
    uni = make.organisation(session, "hu", "HU", "university")
    provider = make.organisation(session, "koko", "KOKO", "preschool_provider")
    amina = make.volunteer(
        session, city, "Amina 100% Haddad", "overvecht", languages=["ar", "nl"], capacity=2
    )
    make.volunteer(session, city, "Bram de Vries", "zuid", availability=["tue_pm"])
    make.volunteer(session, other, "Chaima Ouali", "overvecht", kind="experience_expert")
    make.volunteer(session, city, "Dirk Smit", "zuid", active=False)
    waiting = make.family(session, city, "F-1", "overvecht", languages=["ar"], urgent=True)
    make.family(session, city, "F-2", "zuid", status="matched")
    make.match(session, amina, make.family(session, city, "F-3", "zuid", status="matched"))
    make.student(session, uni, "Sanne Smit", "overvecht", languages=["nl", "tr"])
    make.student(session, uni, "Sem Jong", "zuid", active=False)
    school = place.preschool(session, provider, "De Zonnebloem", "overvecht")
    place.group(session, school, "Egeltjes", ["mon_am", "tue_am"])
    session.commit()
    assert waiting.id is not None
    return session


def names(session: Session, kind: str, **wanted: object) -> list[str]:
    page = list_people(session, kind, PeopleFilter(**wanted), AS_OF)  # type: ignore[arg-type]
    return [getattr(row, "name", None) or row.reference for row in page.rows]


def test_search_ignores_case_and_escapes_like_wildcards(people: Session) -> None:
    assert names(people, "volunteers", q="haddad") == ["Amina 100% Haddad"]
    assert names(people, "volunteers", q="100%") == ["Amina 100% Haddad"]
    assert names(people, "volunteers", q="%") == ["Amina 100% Haddad"]
    assert names(people, "volunteers", q="_") == []


def test_language_and_half_day_filters_find_list_members(people: Session) -> None:
    assert names(people, "volunteers", language="ar") == ["Amina 100% Haddad"]
    assert names(people, "volunteers", language="a") == []
    assert names(people, "volunteers", half_day="tue_pm") == ["Bram de Vries"]
    assert names(people, "students", language="tr") == ["Sanne Smit"]
    assert names(people, "groups", half_day="tue_am") == ["Egeltjes"]
    assert names(people, "groups", half_day="tue_pm") == []


def test_district_status_and_kind_filters(people: Session) -> None:
    assert names(people, "volunteers", district="zuid") == ["Bram de Vries", "Dirk Smit"]
    assert names(people, "volunteers", status="inactive") == ["Dirk Smit"]
    assert names(people, "experts") == ["Chaima Ouali"]
    assert names(people, "volunteers", volunteer_kind="experience_expert") == ["Chaima Ouali"]
    assert names(people, "families", status="waiting") == ["F-1"]
    assert names(people, "groups", district="overvecht") == ["Egeltjes"]
    assert names(people, "students", status="active") == ["Sanne Smit"]


def test_free_means_room_left_or_no_placement(people: Session) -> None:
    assert names(people, "volunteers", status="free") == [
        "Amina 100% Haddad",
        "Bram de Vries",
        "Chaima Ouali",
    ]
    assert names(people, "students", status="free") == ["Sanne Smit"]


def test_values_that_are_not_codes_are_ignored(people: Session) -> None:
    everyone = names(people, "volunteers")
    odd = {"district": "x' OR 1=1 --", "language": "%", "status": "?"}
    assert names(people, "volunteers", **odd) == everyone


def test_pages_hold_the_total_and_clamp_the_page_number(people: Session) -> None:
    first = list_people(people, "volunteers", PeopleFilter(per_page=3), AS_OF)
    assert (first.total, first.pages, len(first.rows)) == (4, 2, 3)
    last = list_people(people, "volunteers", PeopleFilter(per_page=3, page=99), AS_OF)
    assert last.page == 2 and [v.name for v in last.rows] == ["Dirk Smit"]


def test_priority_filter_and_row_details(people: Session) -> None:
    assert names(people, "families", priority=3) == ["F-1"]  # urgent 2 + long wait 1
    page = list_people(people, "families", PeopleFilter(), AS_OF)
    details = row_details(people, Family, page.rows, AS_OF)
    assert sorted(details.priority.values()) == [1, 1, 3]
    volunteers = list_people(people, "volunteers", PeopleFilter(), AS_OF)
    loads = row_details(people, type(volunteers.rows[0]), volunteers.rows, AS_OF).load
    assert loads == {volunteers.rows[0].id: 1}


def test_priority_in_sql_equals_the_rule_in_python(session: Session) -> None:
    """Every combination of the urgency factors around their date thresholds."""
    org = make.organisation(session, "m", "M", "municipality")
    due = [None, AS_OF, AS_OF + timedelta(days=84), AS_OF + timedelta(days=85)]
    born = [None, AS_OF - timedelta(days=91), AS_OF - timedelta(days=92)]
    registered = [AS_OF - timedelta(days=56), AS_OF - timedelta(days=57)]
    combos = itertools.product([False, True], [0, 1, 3], due, born, registered)
    for n, (urgent, stacked, due_date, birth, on) in enumerate(combos):
        if due_date is not None and birth is not None and due_date < birth:
            continue
        make.family(
            session, org, f"P-{n}", "west", urgent=urgent, stacked_problems=stacked,
            due_date=due_date, child_birth_date=birth, registered_on=on,
        )  # fmt: skip
    session.commit()
    rows = session.exec(select(Family, priority_expression(AS_OF)).order_by(col(Family.id))).all()
    assert len(rows) > 100
    assert all(int(level) == priority(family, AS_OF) for family, level in rows)
