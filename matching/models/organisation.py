"""Organisations: the municipality and its networks, partners, universities, providers."""

from __future__ import annotations

from typing import Annotated

from sqlmodel import Field, SQLModel

from matching import vocab
from matching.people.validation import choice


class OrganisationBase(SQLModel):
    """What an organisation is called and what kind it is."""

    code: str = Field(max_length=40, unique=True, index=True)
    name: str = Field(min_length=1, max_length=120)
    kind: Annotated[str, choice(vocab.ORGANISATION_KINDS)] = Field(max_length=30)
    yearly_capacity: int | None = Field(default=None, ge=0)
    trajectory_days: int = Field(default=913, ge=1, le=3650)


class Organisation(OrganisationBase, table=True):
    """An organisation row."""

    id: int | None = Field(default=None, primary_key=True)
