"""Languages drawn from the ranked list with the skew of each profile."""

from __future__ import annotations

import random
from collections import Counter

from matching import reference
from seed import languages


def draws(profile: languages.LanguageProfile, n: int = 2000) -> list[list[str]]:
    """n people's languages drawn with one seed."""
    rng = random.Random(5)
    return [languages.pick_languages(rng, profile) for _ in range(n)]


def test_languages_are_known_and_not_repeated() -> None:
    for spoken in draws(languages.VOLUNTEER):
        assert len(spoken) == len(set(spoken)) >= 1
        assert all(reference.is_known_language(code) for code in spoken)


def test_most_volunteers_speak_dutch_and_many_another_language() -> None:
    found = draws(languages.VOLUNTEER)
    assert sum("nl" in spoken for spoken in found) > 0.9 * len(found)
    assert sum(len(spoken) > 1 for spoken in found) > 0.35 * len(found)


def test_heritage_languages_are_commoner_in_the_priority_districts() -> None:
    heritage = {"ar", "ber", "tr"}
    firsts = {
        name: Counter(spoken[0] in heritage for spoken in draws(profile))
        for name, profile in {
            "priority": languages.family_profile("overvecht"),
            "city": languages.family_profile("oost"),
        }.items()
    }
    assert firsts["priority"][True] > 2 * firsts["city"][True]


def test_rank_skews_the_draws() -> None:
    found = Counter(spoken[0] for spoken in draws(languages.LANGUAGE_FAMILY))
    assert "nl" not in found
    assert found["ar"] > found["uk"] and found["tr"] > found["srn"]
