"""The demo passwords printed by ``make run`` satisfy the password policy (development only)."""

from __future__ import annotations

import pytest

from matching.signin.passwords import password_problem
from seed.accounts import PASSWORDS


@pytest.mark.parametrize("role", sorted(PASSWORDS))
def test_demo_password_meets_the_policy(role):
    assert password_problem(PASSWORDS[role]) is None
