"""What a run left open: families waiting and why, the recruitment gap, coverage statistics."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from matching.buddies.candidates import Candidates
from matching.buddies.explain import funnel_sentence
from matching.buddies.population import Families
from matching.buddies.rules import RULE_NAMES
from matching.vocab import HALF_DAYS

GAP_PROFILES = 10


def uncovered_families(
    families: Families, candidates: Candidates, covered: np.ndarray
) -> list[dict[str, Any]]:
    """Each family left without a buddy, most urgent first, with its funnel in numbers and words."""
    rows: list[dict[str, Any]] = []
    for f in np.flatnonzero(~covered):
        funnel = candidates.funnel(int(f))
        eligible = int(candidates.eligible[f])
        rows.append(
            {
                "family_id": int(families.ids[f]),
                "priority": int(families.priority[f]),
                "district": families.district[f],
                "funnel": funnel,
                "eligible_taken": eligible,
                "reason": funnel_sentence(funnel, eligible),
            }
        )
    rows.sort(key=lambda row: (-int(row["priority"]), int(row["family_id"])))
    return rows


def recruitment_gap(
    families: Families, languages: dict[int, str], covered: np.ndarray
) -> list[dict[str, Any]]:
    """Volunteer profiles (language × district × half-day) ranked by waiting families they'd fit."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for f in np.flatnonzero(~covered):
        family_langs = _codes(families.languages[f], languages)
        days = [day for i, day in enumerate(HALF_DAYS) if families.availability[f] >> i & 1]
        for lang in family_langs:
            for day in days:
                counts[(lang, families.district[f], day)] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:GAP_PROFILES]
    return [
        {"language": lang, "district": district, "half_day": day, "families": n}
        for (lang, district, day), n in ranked
    ]


def _codes(mask: np.ndarray, languages: dict[int, str]) -> list[str]:
    """The language codes of a mask row."""
    return [code for bit, code in languages.items() if int(mask[bit // 64]) >> (bit % 64) & 1]


def coverage_stats(
    families: Families, organisation: dict[int, str], covered: np.ndarray, candidates: Candidates
) -> dict[str, Any]:
    """Coverage per district, priority and organisation, and the funnel totals of the waiting."""
    return {
        "by_district": _coverage(families.district, covered),
        "by_priority": _coverage([str(int(p)) for p in families.priority], covered),
        "by_organisation": _coverage(
            [organisation.get(int(o), str(int(o))) for o in families.organisation], covered
        ),
        "funnel_totals": {
            name: int(candidates.removed[~covered, i].sum()) for i, name in enumerate(RULE_NAMES)
        },
        "families": len(families),
        "covered": int(covered.sum()),
    }


def _coverage(keys: Any, covered: np.ndarray) -> dict[str, dict[str, int]]:
    """Families and covered families per key."""
    out: dict[str, dict[str, int]] = {}
    for key, is_covered in zip(keys, covered.tolist(), strict=True):
        entry = out.setdefault(str(key), {"families": 0, "covered": 0})
        entry["families"] += 1
        entry["covered"] += int(is_covered)
    return out
