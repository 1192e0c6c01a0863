"""Families (gezinnen), including expecting mothers, waiting for a buddy."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import model_validator
from sqlmodel import Field

from matching import vocab
from matching.db import StringList
from matching.models.common import LocatedBase, utcnow
from matching.people.validation import (
    HalfDayList,
    LanguageList,
    SituationList,
    check_dates_in_order,
    choice,
)
from matching.vocab import FamilyStatus, GenderWish


class FamilyBase(LocatedBase):
    """A family's situation, languages, wishes and the urgency factors behind its priority."""

    reference: str = Field(min_length=1, max_length=40, index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    network_id: int | None = Field(default=None, foreign_key="organisation.id")
    languages: LanguageList = Field(min_length=1, sa_type=StringList)
    needs: SituationList = Field(default_factory=list, sa_type=StringList)
    availability: HalfDayList = Field(default_factory=list, sa_type=StringList)
    buddy_gender_wish: Annotated[str, choice(vocab.GENDER_WISHES)] = Field(
        default=GenderWish.ANY, max_length=10
    )
    sessions_required: int = Field(default=1, ge=1, le=10)
    urgent: bool = False
    stacked_problems: int = Field(default=0, ge=0, le=10)
    due_date: date | None = None
    child_birth_date: date | None = None
    registered_on: date
    status: Annotated[str, choice(vocab.FAMILY_STATUSES)] = Field(
        default=FamilyStatus.WAITING, max_length=10, index=True
    )

    @model_validator(mode="after")
    def _dates(self) -> FamilyBase:
        """A family expecting a second child is due after the first was born."""
        check_dates_in_order(self.child_birth_date, self.due_date, "due_date")
        return self


class Family(FamilyBase, table=True):
    """A family row."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    # Set when the family's record is closed; retention counts from it (or a later end).
    closed_on: date | None = None
    # Erasure: when it happened, and the priority level then (statistics keep counting it).
    erased_at: datetime | None = Field(default=None, index=True)
    priority_at_erasure: int | None = Field(default=None, ge=0, le=vocab.MAX_PRIORITY)
    # Contact details the buddy sees only once they accepted the offer (never before).
    first_name: str | None = Field(default=None, max_length=60)
    address: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=30)


class FamilyCreate(FamilyBase):
    """Fields to register a family or an expecting mother."""


class FamilyPublic(FamilyBase):
    """A family as shown to its coordinator."""

    id: int
