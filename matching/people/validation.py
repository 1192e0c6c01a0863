"""Checks at the edge of the domain: each names the field and the value it refuses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ValidationError

from matching import reference, vocab
from matching.errors import FieldProblem, FieldRefused

POSTCODE_RE = re.compile(r"^(\d{4})\s?([A-Z]{2})?$")
# Fields whose value an error must never repeat (in a message, a log or a page).
SECRET_FIELDS = frozenset({"password"})


@dataclass(frozen=True)
class FieldError:
    """One refused value: the field, what was given, and why."""

    field: str
    value: Any
    message: str  # in English, for logs and the API
    code: str  # a FieldProblem, or pydantic's error type: the web labels it
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    def __str__(self) -> str:
        if self.field in SECRET_FIELDS:  # a refused password is never echoed
            return f"{self.field}: {self.message}"
        return f"{self.field}: {self.message} (got {self.value!r})"


class InvalidRecord(ValueError):
    """A record was refused; ``errors`` names every field at fault."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))

    @property
    def fields(self) -> list[str]:
        """The names of the refused fields."""
        return [error.field for error in self.errors]


def from_validation_error(exc: ValidationError) -> InvalidRecord:
    """Turn pydantic's error into ours, keeping the field name, value and message."""
    errors = []
    for item in exc.errors():
        message = str(item["msg"]).removeprefix("Value error, ")
        code, params = _code(item)
        name = ".".join(str(part) for part in item["loc"])
        value = item.get("input")
        if not name:  # a check across fields says which field in its message
            name, _, message = message.partition(": ")
            value = value.get(name) if isinstance(value, dict) else getattr(value, name, None)
        if name in SECRET_FIELDS:
            value = None
        errors.append(FieldError(name, value, message, code, params))
    return InvalidRecord(errors)


def _code(item: Any) -> tuple[str, dict[str, Any]]:
    """The code and parameters of one pydantic error: ours when we refused, else its type."""
    context = dict(item.get("ctx") or {})
    refused = context.get("error")
    if isinstance(refused, FieldRefused):
        return refused.code, dict(refused.params)
    context.pop("error", None)
    return str(item["type"]), context


def normalise_postcode(value: str) -> str:
    """A Dutch postcode ``1234 AB`` (or its four digits) in Utrecht's known areas."""
    text = str(value).strip().upper()
    found = POSTCODE_RE.match(text)
    if not found:
        raise FieldRefused(FieldProblem.POSTCODE_FORMAT, "is not a Dutch postcode like 3526 KL")
    digits, letters = found.groups()
    if digits not in reference.postcodes():
        raise FieldRefused(
            FieldProblem.POSTCODE_AREA, f"{digits} is not a postcode area of Utrecht", digits=digits
        )
    return f"{digits} {letters}" if letters else digits


def pc4(postcode: str) -> str:
    """The four digits of a normalised postcode."""
    return postcode[:4]


def _split_codes(value: Any) -> Any:
    """Accept a list or a text of codes separated by commas, semicolons or spaces."""
    if isinstance(value, str):
        return [part for part in re.split(r"[,;\s]+", value.strip()) if part]
    return value


def check_languages(codes: list[str]) -> list[str]:
    """Every language is an ISO 639 code that Babel or our list knows; no repeats."""
    cleaned = [code.strip().lower() for code in codes]
    unknown = [code for code in cleaned if not reference.is_known_language(code)]
    if unknown:
        raise FieldRefused(
            FieldProblem.UNKNOWN_LANGUAGE, f"unknown language code {unknown[0]!r}", value=unknown[0]
        )
    return list(dict.fromkeys(cleaned))


def check_half_days(codes: list[str]) -> list[str]:
    """Every half-day is one of mon_am … fri_pm; kept in week order."""
    cleaned = {code.strip().lower() for code in codes}
    unknown = sorted(cleaned - set(vocab.HALF_DAYS))
    if unknown:
        raise FieldRefused(
            FieldProblem.UNKNOWN_HALF_DAY,
            f"unknown half-day {unknown[0]!r} (use mon_am … fri_pm)",
            value=unknown[0],
        )
    return [code for code in vocab.HALF_DAYS if code in cleaned]


def check_situation_tags(tags: list[str]) -> list[str]:
    """Every situation or experience tag is from the settled list."""
    cleaned = [tag.strip().lower() for tag in tags]
    unknown = [tag for tag in cleaned if tag not in vocab.SITUATION_TAGS]
    if unknown:
        raise FieldRefused(
            FieldProblem.UNKNOWN_SITUATION, f"unknown situation {unknown[0]!r}", value=unknown[0]
        )
    return list(dict.fromkeys(cleaned))


def check_districts(codes: list[str]) -> list[str]:
    """Every district is one of Utrecht's ten codes."""
    cleaned = [code.strip().lower() for code in codes]
    unknown = [code for code in cleaned if code not in reference.districts()]
    if unknown:
        raise FieldRefused(
            FieldProblem.UNKNOWN_DISTRICT, f"unknown district {unknown[0]!r}", value=unknown[0]
        )
    return list(dict.fromkeys(cleaned))


MAX_PREFERRED_PRESCHOOLS = 5


def check_preschool_ids(ids: list[int]) -> list[int]:
    """At most five preschool ids (positive whole numbers), no repeats; whether they exist is
    checked where the database is at hand (matching/students/profile.py)."""
    if any(not isinstance(i, int) or isinstance(i, bool) or i < 1 for i in ids):
        raise FieldRefused(
            FieldProblem.PRESCHOOL_IDS, "preschools are given by their id, a whole number from 1"
        )
    unique = list(dict.fromkeys(ids))
    if len(unique) > MAX_PREFERRED_PRESCHOOLS:
        raise FieldRefused(
            FieldProblem.TOO_MANY_PRESCHOOLS,
            f"at most {MAX_PREFERRED_PRESCHOOLS} preferred preschools",
            n=MAX_PREFERRED_PRESCHOOLS,
        )
    return unique


def check_district(code: str) -> str:
    """One of Utrecht's ten district codes."""
    return check_districts([code])[0]


def check_dates_in_order(start: date | None, end: date | None, field: str) -> None:
    """An end date (the named field) is not before its start date."""
    if start is not None and end is not None and end < start:
        raise FieldRefused(
            FieldProblem.DATE_ORDER,
            f"{field}: {end.isoformat()} is before {start.isoformat()}",
            start=start.isoformat(),
        )


def choice(options: tuple[str, ...]) -> AfterValidator:
    """A validator that accepts exactly one of the options."""

    def check(value: str) -> str:
        if value not in options:
            raise FieldRefused(FieldProblem.NOT_A_CHOICE, f"must be one of {', '.join(options)}")
        return value

    return AfterValidator(check)


PostcodeStr = Annotated[str, AfterValidator(normalise_postcode)]
LanguageList = Annotated[list[str], BeforeValidator(_split_codes), AfterValidator(check_languages)]
HalfDayList = Annotated[list[str], BeforeValidator(_split_codes), AfterValidator(check_half_days)]
SituationList = Annotated[
    list[str], BeforeValidator(_split_codes), AfterValidator(check_situation_tags)
]
DistrictList = Annotated[list[str], BeforeValidator(_split_codes), AfterValidator(check_districts)]
PreschoolIdList = Annotated[list[int], AfterValidator(check_preschool_ids)]
