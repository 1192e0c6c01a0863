"""Families: Al Amal's expecting mothers, the networks' referrals, JGZ's 14-month flags."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from matching.vocab import FamilyStatus, GenderWish
from seed import languages
from seed.places import City, Location, locate_by_weight, location_fields, population_weights
from seed.traits import count_between, days_before, half_days, moment, situations

# Referrals come more often from the districts with the most need (our assumption).
MUNICIPAL_DISTRICTS = population_weights({"overvecht": 1.8, "zuidwest": 1.8, "noordwest": 1.3})
PARTNER_DISTRICTS = population_weights({"overvecht": 2.5, "zuidwest": 2.5, "noordwest": 1.5})
LANGUAGE_DISTRICTS = population_weights({"overvecht": 2.0, "zuidwest": 2.0, "noordwest": 1.4})
STACKING_TAGS = frozenset({"debt", "housing", "postnatal_mental_health", "disability", "isolation"})
FLAG_AGE_DAYS = 426  # JGZ flags a risk of language delay at 14 months
EXPECTING_SHARE = 0.35  # of the networks' families, those expecting when referred (assumed)
PREGNANCY_WEEKS = 40
PARTNER_WEEKS = (8, 30)  # Al Amal's mothers come in during pregnancy (assumed weeks)
NETWORK_WEEKS = (8, 36)  # JGZ's prenatal home visits refer expecting mothers (assumed weeks)


@dataclass(frozen=True)
class FamilyContext:
    """Where a group of families belongs: city, organisation, reference prefix, networks."""

    city: City
    organisation_id: int
    prefix: str
    networks: dict[str, int] | None = None  # network organisation id by district


@dataclass(frozen=True)
class Dates:
    """When a family registered and its child was or is to be born."""

    registered_on: date
    due_date: date | None = None
    child_birth_date: date | None = None


def born_or_due(rng: random.Random, due: date, as_of: date) -> tuple[date | None, date | None]:
    """(due_date, child_birth_date): born around the due date if that is before as_of."""
    birth = due + timedelta(days=rng.randint(-14, 10))
    return (None, birth) if birth <= as_of else (due, None)


def pregnancy_dates(
    rng: random.Random, registered: date, as_of: date, weeks: tuple[int, int]
) -> Dates:
    """Registered some weeks into a 40-week pregnancy; born by now if the due date has passed."""
    due = registered + timedelta(weeks=PREGNANCY_WEEKS - rng.randint(*weeks))
    due_date, born = born_or_due(rng, due, as_of)
    return Dates(registered, due_date, born)


def _with_language_barrier(rng: random.Random, spoken: list[str], needs: list[str]) -> list[str]:
    """Add the language barrier for most families who speak no Dutch."""
    if languages.DUTCH not in spoken and "language_barrier" not in needs and rng.random() < 0.7:
        return [*needs, "language_barrier"]
    return needs


def _record(
    rng: random.Random, ctx: FamilyContext, number: int, place: Location, **fields: Any
) -> dict[str, Any]:
    """The family row: the given fields plus reference, place, availability and status."""
    dates: Dates = fields.pop("dates")
    needs = fields["needs"]
    if dates.due_date is None and "pregnancy" in needs:
        needs = [tag for tag in needs if tag != "pregnancy"]
    return {
        **fields,
        **location_fields(place),
        "needs": needs,
        "reference": f"{ctx.prefix}-{number:05d}",
        "organisation_id": ctx.organisation_id,
        "network_id": ctx.networks[place.district] if ctx.networks else None,
        "availability": half_days(rng, count_between(rng, 3, 6, (3, 3, 2, 1)), morning_weight=1.3),
        "sessions_required": 2 if rng.random() < 0.15 else 1,
        "stacked_problems": len(STACKING_TAGS.intersection(needs)),
        "registered_on": dates.registered_on,
        "due_date": dates.due_date,
        "child_birth_date": dates.child_birth_date,
        "created_at": moment(dates.registered_on, 9),
    }


def partner_family(
    rng: random.Random, ctx: FamilyContext, number: int, as_of: date, start: date | None
) -> dict[str, Any]:
    """A single, vulnerable mother, expecting when she came; matched from ``start`` if given."""
    if start is None:
        registered = days_before(rng, as_of, 0, 120)
    else:
        registered = start - timedelta(days=rng.randint(14, 60))
    dates = pregnancy_dates(rng, registered, as_of, PARTNER_WEEKS)
    place = locate_by_weight(rng, ctx.city, PARTNER_DISTRICTS)
    spoken = languages.pick_languages(rng, languages.PARTNER_FAMILY)
    needs = situations(
        rng, count_between(rng, 0, 3, (3, 4, 2, 1)), given=("pregnancy", "single_parent")
    )
    return _record(
        rng,
        ctx,
        number,
        place,
        dates=dates,
        languages=spoken,
        needs=_with_language_barrier(rng, spoken, needs),
        buddy_gender_wish=GenderWish.FEMALE,
        urgent=rng.random() < 0.2,
        status=FamilyStatus.WAITING if start is None else FamilyStatus.MATCHED,
    )


def _municipal_dates(rng: random.Random, as_of: date, start: date | None) -> Dates:
    """A referral's dates: registered before its start (if matched), expecting or not."""
    if start is None:
        registered = days_before(rng, as_of, 0, 180)
    else:
        registered = start - timedelta(days=rng.randint(7, 90))
    if rng.random() < EXPECTING_SHARE:
        return pregnancy_dates(rng, registered, as_of, NETWORK_WEEKS)
    born = registered - timedelta(days=rng.randint(0, 600))
    return Dates(registered, child_birth_date=born)


def municipal_family(
    rng: random.Random, ctx: FamilyContext, number: int, as_of: date, start: date | None
) -> dict[str, Any]:
    """A family referred by its district's birth-care network."""
    dates = _municipal_dates(rng, as_of, start)
    place = locate_by_weight(rng, ctx.city, MUNICIPAL_DISTRICTS)
    spoken = languages.pick_languages(rng, languages.family_profile(place.district))
    given = ("pregnancy",) if dates.due_date else ()
    needs = situations(
        rng, count_between(rng, 0, 3, (2, 4, 3, 1)), given=given, avoid=("pregnancy",)
    )
    wish = rng.choices(tuple(GenderWish), weights=(85, 13, 2))[0]
    return _record(
        rng,
        ctx,
        number,
        place,
        dates=dates,
        languages=spoken,
        needs=_with_language_barrier(rng, spoken, needs),
        buddy_gender_wish=wish,
        urgent=rng.random() < 0.1,
        status=FamilyStatus.WAITING if start is None else FamilyStatus.MATCHED,
    )


def language_family(
    rng: random.Random, ctx: FamilyContext, number: int, as_of: date, start: date | None
) -> dict[str, Any]:
    """A family whose toddler JGZ flagged at 14 months for a risk of language delay."""
    registered = (
        days_before(rng, as_of, 0, 70)
        if start is None
        else start - timedelta(days=rng.randint(7, 42))
    )
    born = registered - timedelta(days=FLAG_AGE_DAYS + rng.randint(-20, 20))
    place = locate_by_weight(rng, ctx.city, LANGUAGE_DISTRICTS)
    spoken = languages.pick_languages(rng, languages.LANGUAGE_FAMILY)
    needs = situations(
        rng, 1 if rng.random() < 0.4 else 0, given=("language_barrier",), avoid=("pregnancy",)
    )
    return _record(
        rng,
        ctx,
        number,
        place,
        dates=Dates(registered, child_birth_date=born),
        languages=spoken,
        needs=needs,
        buddy_gender_wish=GenderWish.FEMALE if rng.random() < 0.1 else GenderWish.ANY,
        urgent=rng.random() < 0.05,
        status=FamilyStatus.WAITING if start is None else FamilyStatus.MATCHED,
    )
