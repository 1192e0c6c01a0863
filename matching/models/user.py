"""People who sign in: coordinators, students, organisation users and volunteers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import field_validator
from sqlmodel import Field, SQLModel

from matching import vocab
from matching.db import StringList
from matching.errors import FieldProblem, FieldRefused
from matching.models.common import utcnow
from matching.people.validation import choice
from matching.signin.passwords import MAX_LENGTH, check_new_password


class UserBase(SQLModel):
    """A user's sign-in name, role and organisation."""

    email: str = Field(max_length=200, unique=True, index=True)
    name: str = Field(min_length=1, max_length=120)
    role: Annotated[str, choice(vocab.ROLES)] = Field(max_length=20)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    student_id: int | None = Field(default=None, foreign_key="student.id")
    volunteer_id: int | None = Field(default=None, foreign_key="volunteer.id", index=True)
    active: bool = True

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        """An e-mail address has one @ with text on both sides."""
        value = value.strip().lower()
        local, _, domain = value.partition("@")
        if not local or "." not in domain:
            raise FieldRefused(FieldProblem.EMAIL, "is not an e-mail address")
        return value


class User(UserBase, table=True):
    """A user row; only the hash of the password is kept."""

    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=300)
    created_at: datetime = Field(default_factory=utcnow)
    # The language of the mail this person gets (a MailLanguage; empty: Dutch).
    language: str = Field(default="", max_length=5)
    # The non-essential NoticeKinds this person turned off.
    notices_off: list[str] = Field(default_factory=list, sa_type=StringList)


class UserCreate(UserBase):
    """Fields to create a user, with the password in clear (hashed before storing)."""

    password: str = Field(max_length=MAX_LENGTH)

    @field_validator("password")
    @classmethod
    def _password(cls, value: str) -> str:
        """At least 12 characters and not a common password (never echoed in the error)."""
        return check_new_password(value)


class UserPublic(UserBase):
    """A user as shown to others, without the hash."""

    id: int
