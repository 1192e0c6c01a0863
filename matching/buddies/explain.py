"""Score parts and funnels in words, for proposals and for families left waiting."""

from __future__ import annotations

from typing import Any

from matching.reference import language_name

RULE_WORDS = {
    "organisation": "belongs to another organisation",
    "distance": "lives beyond their travel distance",
    "language": "shares no language",
    "half_days": "has too few half-days in common",
    "vog": "has no valid VOG",
    "gender_wish": "does not meet the gender wish",
    "rejected_before": "was rejected before",
    "inactive": "is no longer active",
}


def part_details(
    parts: dict[str, int], distance_km: float, common_half_days: int, first_language: str
) -> dict[str, Any]:
    """The stored form of a proposal's score: points per part and the facts behind them."""
    return {
        "points": parts,
        "distance_km": round(distance_km, 1),
        "common_half_days": common_half_days,
        "first_language": first_language,
    }


def sentence(details: dict[str, Any]) -> str:
    """A proposal's score in words: '3.2 km, speaks Tigrinya, 4 common half-days, …'."""
    points: dict[str, int] = details["points"]
    words = [f"{details['distance_km']:.1f} km"]
    if points.get("first_language"):
        words.append(f"speaks {language_name(details['first_language'], 'en')}")
    words.append(f"{details['common_half_days']} common half-days")
    if points.get("experience"):
        words.append("shares lived experience")
    if points.get("district"):
        words.append("prefers this district")
    if points.get("continuity"):
        words.append("already working together")
    return ", ".join(words)


def funnel_sentence(funnel: dict[str, int], eligible: int) -> str:
    """Why a family is still waiting: the volunteers each rule removed, then those taken."""
    words = [f"{n} {RULE_WORDS[rule]}" for rule, n in funnel.items() if n]
    if eligible:
        words.append(f"{eligible} eligible, all taken by more urgent families")
    else:
        words.append("no eligible volunteer")
    return "; ".join(words)
