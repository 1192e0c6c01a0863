"""Passwords are stored hashed and checked the same way for unknown users."""

from __future__ import annotations

import pytest

from matching.accounts import authenticate, create_user
from matching.models import Organisation
from matching.models.user import UserCreate
from matching.people.records import create_record
from matching.people.validation import InvalidRecord


@pytest.fixture
def org_id(session):
    org = create_record(
        session, table=Organisation, data={"code": "m", "name": "M", "kind": "municipality"}
    )
    return org.id


def new_user(org_id, **changes):
    data = {
        "email": "Coordinator@Example.org",
        "name": "C",
        "role": "coordinator",
        "organisation_id": org_id,
        "password": "correct horse",
    }
    data.update(changes)
    return UserCreate.model_validate(data)


def test_password_is_hashed_and_email_normalised(session, org_id):
    user = create_user(session, user_in=new_user(org_id))
    assert user.email == "coordinator@example.org"
    assert "correct horse" not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_authenticate_right_and_wrong(session, org_id):
    create_user(session, user_in=new_user(org_id))
    assert authenticate(session, email="COORDINATOR@example.org", password="correct horse")
    assert authenticate(session, email="coordinator@example.org", password="wrong") is None
    assert authenticate(session, email="nobody@example.org", password="correct horse") is None


def test_inactive_user_cannot_sign_in(session, org_id):
    create_user(session, user_in=new_user(org_id, active=False))
    assert authenticate(session, email="coordinator@example.org", password="correct horse") is None


def test_unknown_role_is_refused(session, org_id):
    with pytest.raises(InvalidRecord) as caught:
        create_user(session, user_in=new_user(org_id).model_copy(update={"role": "admin"}))
    assert caught.value.fields == ["role"]
