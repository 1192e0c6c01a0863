"""Pieces shared by several tables: ids, timestamps and a home location."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from pydantic import field_validator, model_validator
from sqlmodel import Field, SQLModel

from matching import reference
from matching.people.validation import PostcodeStr, check_district, normalise_postcode, pc4


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class LocatedBase(SQLModel):
    """A home or site address reduced to a postcode, its district and a point."""

    # Fields computed from another one: an update of the source recomputes them.
    derived_from: ClassVar[dict[str, tuple[str, ...]]] = {"postcode": ("district", "lat", "lon")}

    postcode: PostcodeStr = Field(max_length=8)
    district: str = Field(default="", max_length=20, index=True)
    lat: float | None = None
    lon: float | None = None

    @model_validator(mode="before")
    @classmethod
    def _locate(cls, data: Any) -> Any:
        """Derive district and coordinates from the postcode where they are not given."""
        if not isinstance(data, dict) or not data.get("postcode"):
            return data
        try:
            area = reference.postcodes()[pc4(normalise_postcode(data["postcode"]))]
        except (ValueError, KeyError):
            return data  # the postcode field's own check reports it
        located = dict(data)
        if not located.get("district"):
            located["district"] = area.district
        if located.get("lat") is None or located.get("lon") is None:
            located["lat"], located["lon"] = area.lat, area.lon
        return located

    @field_validator("district")
    @classmethod
    def _district(cls, value: str) -> str:
        """The district is one of Utrecht's ten."""
        return check_district(value) if value else value


class MissingId(ValueError):
    """A row was used before it had an id (not yet flushed), or an id column was empty."""


def required_id(value: int | None, what: str) -> int:
    """An id that must be there; raises MissingId rather than turning None into 0."""
    if value is None:
        raise MissingId(f"{what} has no id: flush the row before using its id")
    return value


def require_id(row: Any) -> int:
    """The id of a stored row; raises MissingId for a row not yet flushed."""
    return required_id(row.id, type(row).__name__)
