"""The password policy: at least 12 characters and not one of the common passwords shipped
in data/common-passwords.txt.gz (sources in data/SOURCES.md). A password is never echoed."""

from __future__ import annotations

import gzip
from enum import StrEnum
from functools import cache
from importlib import resources

MIN_LENGTH = 12
MAX_LENGTH = 200


class PasswordProblem(StrEnum):
    """Why a password was refused; the web layer says it in Dutch or English."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    TOO_COMMON = "too_common"
    WRONG_CURRENT = "wrong_current"


class PasswordRefused(ValueError):
    """A password was refused; ``code`` says why (the password itself is never in it)."""

    def __init__(self, code: PasswordProblem) -> None:
        self.code = code
        super().__init__(f"password: {code.value}")


@cache
def common_passwords() -> frozenset[str]:
    """The shipped common passwords, lower case."""
    data = resources.files("matching.data").joinpath("common-passwords.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problem(password: str) -> PasswordProblem | None:
    """Why the policy refuses this new password, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return PasswordProblem.TOO_SHORT
    if len(password) > MAX_LENGTH:
        return PasswordProblem.TOO_LONG
    if password.strip().lower() in common_passwords():
        return PasswordProblem.TOO_COMMON
    return None


POLICY_SENTENCES = {
    PasswordProblem.TOO_SHORT: f"must have at least {MIN_LENGTH} characters",
    PasswordProblem.TOO_LONG: f"must have at most {MAX_LENGTH} characters",
    PasswordProblem.TOO_COMMON: "is one of the most common passwords; choose another",
}


def check_new_password(password: str) -> str:
    """The password if the policy accepts it; else ValueError saying why (not echoing it)."""
    problem = password_problem(password)
    if problem is not None:
        raise ValueError(POLICY_SENTENCES.get(problem, problem.value))
    return password
