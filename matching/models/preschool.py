"""Preschool (voorschool) locations and their groups."""

from __future__ import annotations

from pydantic import model_validator
from sqlmodel import Field, SQLModel

from matching import vocab
from matching.db import StringList
from matching.errors import FieldProblem, FieldRefused
from matching.models.common import LocatedBase
from matching.people.validation import HalfDayList, LanguageList


class PreschoolBase(LocatedBase):
    """A preschool location of a provider, with its half-day hours."""

    name: str = Field(min_length=1, max_length=120)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    address: str = Field(min_length=1, max_length=200)
    contact: str = Field(default="", max_length=200)
    morning_hours: str = Field(default="08:30-12:30", max_length=11, regex=r"^\d\d:\d\d-\d\d:\d\d$")
    afternoon_hours: str = Field(
        default="13:00-16:30", max_length=11, regex=r"^\d\d:\d\d-\d\d:\d\d$"
    )
    active: bool = True


class Preschool(PreschoolBase, table=True):
    """A preschool row."""

    id: int | None = Field(default=None, primary_key=True)


class PreschoolCreate(PreschoolBase):
    """Fields to register a preschool (the API's create body)."""


class GroupBase(SQLModel):
    """A group: its children, their home languages, when it runs and how many hands it wants."""

    preschool_id: int = Field(foreign_key="preschool.id", index=True)
    name: str = Field(min_length=1, max_length=80)
    children_count: int = Field(ge=0, le=vocab.MAX_GROUP_SIZE)
    reduced: bool = False
    home_languages: LanguageList = Field(default_factory=list, sa_type=StringList)
    sessions: HalfDayList = Field(min_length=1, sa_type=StringList)
    students_wanted: int = Field(default=1, ge=0, le=4)
    active: bool = True

    @model_validator(mode="after")
    def _reduced_size(self) -> GroupBase:
        """A reduced group has at most 12 children."""
        if self.reduced and self.children_count > vocab.MAX_REDUCED_GROUP_SIZE:
            raise FieldRefused(
                FieldProblem.REDUCED_GROUP,
                f"children_count: a reduced group has at most {vocab.MAX_REDUCED_GROUP_SIZE} "
                "children",
                n=vocab.MAX_REDUCED_GROUP_SIZE,
            )
        return self


class Group(GroupBase, table=True):
    """A preschool group row."""

    __tablename__ = "preschool_group"

    id: int | None = Field(default=None, primary_key=True)


class GroupCreate(GroupBase):
    """Fields to register a group (the API's create body)."""
