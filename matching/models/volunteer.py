"""Volunteers: buddies (maatjes) and experience experts (ervaringsdeskundigen)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from sqlalchemy import Index
from sqlmodel import Field

from matching import vocab
from matching.db import StringList
from matching.models.common import LocatedBase
from matching.people.validation import (
    DistrictList,
    HalfDayList,
    LanguageList,
    SituationList,
    choice,
)
from matching.vocab import Gender, VolunteerKind


class VolunteerBase(LocatedBase):
    """Who a volunteer is, where they live and when and how far they can help."""

    name: str = Field(min_length=1, max_length=120)
    email: str | None = Field(default=None, max_length=200)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    kind: Annotated[str, choice(vocab.VOLUNTEER_KINDS)] = Field(
        default=VolunteerKind.BUDDY, max_length=20
    )
    languages: LanguageList = Field(min_length=1, sa_type=StringList)
    max_travel_km: float = Field(default=5.0, gt=0, le=100)
    availability: HalfDayList = Field(default_factory=list, sa_type=StringList)
    capacity: int = Field(default=1, ge=1, le=20)
    vog_valid_until: date | None = None
    gender: Annotated[str, choice(vocab.GENDERS)] = Field(default=Gender.UNKNOWN, max_length=10)
    experience: SituationList = Field(default_factory=list, sa_type=StringList)
    preferred_districts: DistrictList = Field(default_factory=list, sa_type=StringList)
    active: bool = Field(default=True, index=True)


class Volunteer(VolunteerBase, table=True):
    """A volunteer row; ``closed_on`` when deactivated, ``erased_at`` when forgotten."""

    # The people list pages in name order (all, or buddies or experts): without these the
    # database sorts every volunteer for each page (about 5 ms at national scale).
    __table_args__ = (
        Index("ix_volunteer_name_id", "name", "id"),
        Index("ix_volunteer_kind_name_id", "kind", "name", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    closed_on: date | None = None
    profile_changed: bool = False  # the volunteer changed their profile during a match
    erased_at: datetime | None = Field(default=None, index=True)


class VolunteerCreate(VolunteerBase):
    """Fields to register a volunteer."""


class VolunteerPublic(VolunteerBase):
    """A volunteer as shown to coordinators."""

    id: int
