"""The password policy: 12 characters at least, not a common password, never echoed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from matching.models.user import UserCreate
from matching.people.validation import from_validation_error
from matching.signin.passwords import PasswordProblem, common_passwords, password_problem


def test_the_shipped_list_is_the_real_one():
    passwords = common_passwords()
    assert len(passwords) == 19640
    assert {"123456", "password", "qwerty", "12345678", "q1w2e3r4t5y6"} <= passwords


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("12345678", PasswordProblem.TOO_SHORT),
        ("elf-tekens!", PasswordProblem.TOO_SHORT),
        ("qwerty123456", PasswordProblem.TOO_COMMON),
        ("Q1W2E3R4T5Y6", PasswordProblem.TOO_COMMON),
        ("x" * 201, PasswordProblem.TOO_LONG),
        ("twaalf-tekens", None),
        ("kansrijk-test-1", None),
    ],
)
def test_policy(password, problem):
    assert password_problem(password) == problem


@pytest.mark.parametrize("password", ["12345678", "qwerty123456"])
def test_a_refused_password_is_never_echoed(password):
    data = {"email": "a@b.nl", "name": "A", "role": "coordinator", "organisation_id": 1}
    with pytest.raises(ValidationError) as caught:
        UserCreate(**data, password=password)
    refused = from_validation_error(caught.value)
    assert refused.fields == ["password"]
    assert password not in str(refused)
    assert "password:" in str(refused)
