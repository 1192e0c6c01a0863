"""Bad values are refused with an error naming the field; good ones are normalised."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from matching.models import Group, Organisation, Student, Volunteer
from matching.people.records import create_record, update_record, validated
from matching.people.validation import InvalidRecord, check_half_days, normalise_postcode


def volunteer_data(**changes):
    data = {
        "name": "Noor",
        "organisation_id": 1,
        "languages": ["nl", "ar"],
        "postcode": "3526 KL",
        "availability": ["mon_am", "wed_pm"],
        "capacity": 1,
    }
    data.update(changes)
    return data


def refused_fields(table, data) -> list[str]:
    with pytest.raises(InvalidRecord) as caught:
        validated(table, data)
    return caught.value.fields


def test_a_good_volunteer_is_located_from_the_postcode():
    volunteer = validated(Volunteer, volunteer_data(postcode="3526kl"))
    assert volunteer.postcode == "3526 KL"
    assert volunteer.district == "zuidwest"
    assert volunteer.lat == pytest.approx(52.0677)


@pytest.mark.parametrize("postcode", ["12", "ABCD EF", "9999 AA", "3526 K", ""])
def test_bad_postcode_names_the_field(postcode):
    assert refused_fields(Volunteer, volunteer_data(postcode=postcode)) == ["postcode"]


def test_bad_postcode_message_names_value():
    with pytest.raises(InvalidRecord) as caught:
        validated(Volunteer, volunteer_data(postcode="9999 AA"))
    assert "postcode" in str(caught.value)
    assert "9999" in str(caught.value)


def test_unknown_half_day_names_the_field():
    with pytest.raises(InvalidRecord) as caught:
        validated(Volunteer, volunteer_data(availability=["mon_am", "sun_am"]))
    assert caught.value.fields == ["availability"]
    assert "sun_am" in str(caught.value)


def test_capacity_zero_names_the_field():
    assert refused_fields(Volunteer, volunteer_data(capacity=0)) == ["capacity"]


def test_unknown_language_names_the_field():
    assert refused_fields(Volunteer, volunteer_data(languages=["nl", "xx"])) == ["languages"]


def test_no_language_is_refused():
    assert refused_fields(Volunteer, volunteer_data(languages=[])) == ["languages"]


def test_unknown_gender_is_refused():
    assert refused_fields(Volunteer, volunteer_data(gender="robot")) == ["gender"]


def test_several_bad_fields_are_all_named():
    fields = refused_fields(Volunteer, volunteer_data(capacity=0, postcode="1", languages="zz"))
    assert sorted(fields) == ["capacity", "languages", "postcode"]


def test_half_days_are_kept_in_week_order_and_text_is_split():
    volunteer = validated(Volunteer, volunteer_data(availability="fri_pm; mon_am"))
    assert volunteer.availability == ["mon_am", "fri_pm"]
    assert check_half_days(["TUE_AM"]) == ["tue_am"]


def test_postcode_four_digits_only_is_accepted():
    assert normalise_postcode(" 3581 ") == "3581"


def student_data(**changes):
    data = {
        "name": "Sanne",
        "email": "sanne@example.org",
        "organisation_id": 1,
        "institution": "HU",
        "programme": "Pabo",
        "languages": ["nl"],
        "postcode": "3584",
        "period_start": date(2026, 9, 1),
        "period_end": date(2027, 6, 30),
    }
    data.update(changes)
    return data


def test_student_period_in_the_wrong_order_names_period_end():
    fields = refused_fields(Student, student_data(period_end=date(2026, 1, 1)))
    assert fields == ["period_end"]


def test_student_institution_must_be_hu_or_uu():
    assert refused_fields(Student, student_data(institution="VU")) == ["institution"]


def group_data(**changes):
    data = {"preschool_id": 1, "name": "Vlinders", "children_count": 12, "sessions": ["mon_am"]}
    data.update(changes)
    return data


def test_reduced_group_above_twelve_children_names_children_count():
    assert refused_fields(Group, group_data(reduced=True, children_count=13)) == ["children_count"]


def test_group_above_sixteen_children_is_refused():
    assert refused_fields(Group, group_data(children_count=17)) == ["children_count"]


def test_reduced_group_of_twelve_is_fine():
    assert validated(Group, group_data(reduced=True)).children_count == 12


def test_a_refused_record_writes_nothing(session):
    org = create_record(
        session, table=Organisation, data={"code": "m", "name": "M", "kind": "municipality"}
    )
    session.commit()
    with pytest.raises(InvalidRecord):
        create_record(
            session, table=Volunteer, data=volunteer_data(organisation_id=org.id, capacity=0)
        )
    session.rollback()
    assert session.exec(select(Volunteer)).all() == []


def test_update_keeps_the_row_unchanged_when_refused(session):
    org = create_record(
        session, table=Organisation, data={"code": "m", "name": "M", "kind": "municipality"}
    )
    volunteer = create_record(session, table=Volunteer, data=volunteer_data(organisation_id=org.id))
    session.commit()
    with pytest.raises(InvalidRecord) as caught:
        update_record(session, row=volunteer, changes={"capacity": 2, "postcode": "0000"})
    assert caught.value.fields == ["postcode"]
    assert volunteer.capacity == 1
    assert volunteer.postcode == "3526 KL"
    updated = update_record(session, row=volunteer, changes={"capacity": 3})
    session.commit()
    assert updated.capacity == 3


def test_moving_house_relocates_the_volunteer(session):
    org = create_record(
        session, table=Organisation, data={"code": "m", "name": "M", "kind": "municipality"}
    )
    volunteer = create_record(session, table=Volunteer, data=volunteer_data(organisation_id=org.id))
    update_record(session, row=volunteer, changes={"postcode": "3561 AB"})
    assert volunteer.district == "overvecht"
    assert volunteer.lat == pytest.approx(52.1172, abs=0.02)
