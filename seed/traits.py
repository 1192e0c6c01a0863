"""Small draws shared by the generators: half-days, genders, VOG dates, situations."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from matching import vocab
from matching.vocab import Gender

VOG_EXPIRED_SHARE = 0.05  # a few certificates have lapsed: the re-optimisation flags them
VOG_MISSING_SHARE = 0.02  # a few newcomers are still waiting for theirs
VOG_LONGEST_DAYS = 3 * 365  # we assume a VOG is asked again after three years


def half_days(rng: random.Random, count: int, *, morning_weight: float = 1.0) -> list[str]:
    """``count`` distinct half-days in week order, mornings weighted by ``morning_weight``."""
    keyed = sorted(
        vocab.HALF_DAYS,
        key=lambda code: -(rng.random() ** (1.0 / _weight(code, morning_weight))),
    )
    chosen = set(keyed[:count])
    return [code for code in vocab.HALF_DAYS if code in chosen]


def _weight(code: str, morning_weight: float) -> float:
    """The sampling weight of a half-day."""
    return morning_weight if code.endswith("_am") else 1.0


def count_between(rng: random.Random, low: int, high: int, weights: Sequence[float]) -> int:
    """A whole number from low to high with the given weights."""
    return rng.choices(range(low, high + 1), weights=weights)[0]


def gender(rng: random.Random, *, female: float, male: float) -> Gender:
    """female, male, or (rarely) other or unknown."""
    draw = rng.random()
    if draw < female:
        return Gender.FEMALE
    if draw < female + male:
        return Gender.MALE
    return Gender.OTHER if rng.random() < 0.3 else Gender.UNKNOWN


def vog_valid_until(rng: random.Random, as_of: date, *, required: bool = False) -> date | None:
    """The end of the VOG's validity: mostly ahead, a few lapsed, a few not yet issued."""
    draw = rng.random()
    if draw < VOG_MISSING_SHARE and not required:
        return None
    if draw < VOG_MISSING_SHARE + VOG_EXPIRED_SHARE:
        return as_of - timedelta(days=rng.randint(1, 120))
    return as_of + timedelta(days=rng.randint(30, VOG_LONGEST_DAYS))


def situations(
    rng: random.Random, count: int, *, given: Sequence[str] = (), avoid: Sequence[str] = ()
) -> list[str]:
    """The given situation tags and ``count`` more drawn from the settled list."""
    others = [tag for tag in vocab.SITUATION_TAGS if tag not in given and tag not in avoid]
    return [*given, *rng.sample(others, min(count, len(others)))]


def days_before(rng: random.Random, as_of: date, low: int, high: int) -> date:
    """A date ``low`` to ``high`` days before as_of."""
    return as_of - timedelta(days=rng.randint(low, high))


def moment(day: date, hour: int = 10) -> datetime:
    """A fixed time (UTC) on a day, for the timestamps of what happened that day."""
    return datetime.combine(day, time(hour), tzinfo=UTC)
