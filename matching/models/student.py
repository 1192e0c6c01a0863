"""Students of HU and UU who help out at preschool groups."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import model_validator
from sqlalchemy import JSON
from sqlmodel import Field

from matching import vocab
from matching.db import StringList
from matching.models.common import LocatedBase
from matching.people.validation import (
    DistrictList,
    HalfDayList,
    LanguageList,
    PreschoolIdList,
    check_dates_in_order,
    choice,
)


class StudentBase(LocatedBase):
    """A student's programme, availability, languages, preferences and period."""

    name: str = Field(min_length=1, max_length=120)
    email: str = Field(max_length=200)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    institution: Annotated[str, choice(vocab.INSTITUTIONS)] = Field(max_length=4)
    programme: str = Field(min_length=1, max_length=120)
    sessions_required: int = Field(default=2, ge=1, le=10)
    availability: HalfDayList = Field(default_factory=list, sa_type=StringList)
    languages: LanguageList = Field(min_length=1, sa_type=StringList)
    preferred_districts: DistrictList = Field(default_factory=list, sa_type=StringList)
    preferred_preschools: PreschoolIdList = Field(default_factory=list, sa_type=JSON)
    period_start: date
    period_end: date
    max_travel_km: float = Field(default=10.0, gt=0, le=100)
    availability_changed: bool = False
    active: bool = Field(default=True, index=True)

    @model_validator(mode="after")
    def _period(self) -> StudentBase:
        """The placement period ends after it starts."""
        check_dates_in_order(self.period_start, self.period_end, "period_end")
        return self


class Student(StudentBase, table=True):
    """A student row; ``calendar_token`` is the secret of their iCal feed (None: no feed)."""

    id: int | None = Field(default=None, primary_key=True)
    calendar_token: str | None = Field(default=None, max_length=64, unique=True, index=True)
