"""Candidate pairs by the hard rules, without building all volunteer × family pairs.

Pairs are only formed within an organisation and between nearby grid cells (a spatial index
of ``CELL_KM`` squares); the other rules then filter each block with numpy. On the way, the
funnel counts for every family how many volunteers each rule removed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from matching.buddies.population import Families, Volunteers
from matching.buddies.rules import HARD_RULES, RULE_NAMES, Pairs

CELL_KM = 2.5


@dataclass(frozen=True, eq=False)
class Candidates:
    """The eligible pairs and, per family, the volunteers each rule removed (funnel order)."""

    volunteer: np.ndarray
    family: np.ndarray
    removed: np.ndarray  # (families, rules): volunteers removed by each rule in order
    eligible: np.ndarray  # per family: volunteers that pass every rule

    def funnel(self, family: int) -> dict[str, int]:
        """The funnel of one family: rule name → volunteers it removed."""
        return {name: int(n) for name, n in zip(RULE_NAMES, self.removed[family], strict=True)}


def _cells(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The grid cell of each point."""
    return np.floor(x / CELL_KM).astype(np.int64), np.floor(y / CELL_KM).astype(np.int64)


def _family_cells(families: Families) -> dict[tuple[int, int, int], np.ndarray]:
    """Family indices by (organisation, cell x, cell y)."""
    cx, cy = _cells(families.x, families.y)
    buckets: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for index, key in enumerate(
        zip(families.organisation.tolist(), cx.tolist(), cy.tolist(), strict=True)
    ):
        buckets[key].append(index)
    return {key: np.array(indices, dtype=np.int64) for key, indices in buckets.items()}


def _volunteer_groups(volunteers: Volunteers) -> dict[tuple[int, int, int, int], np.ndarray]:
    """Volunteer indices by (organisation, cell x, cell y, reach in cells)."""
    cx, cy = _cells(volunteers.x, volunteers.y)
    reach = np.ceil(volunteers.max_travel_km / CELL_KM).astype(np.int64)
    groups: dict[tuple[int, int, int, int], list[int]] = defaultdict(list)
    keys = zip(
        volunteers.organisation.tolist(), cx.tolist(), cy.tolist(), reach.tolist(), strict=True
    )
    for index, key in enumerate(keys):
        groups[key].append(index)
    return {key: np.array(indices, dtype=np.int64) for key, indices in groups.items()}


def _blocks(volunteers: Volunteers, families: Families) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Cartesian blocks of same-organisation pairs whose cells are within reach."""
    family_cells = _family_cells(families)
    for (org, cx, cy, reach), group in _volunteer_groups(volunteers).items():
        nearby = [
            family_cells[key]
            for dx in range(-reach, reach + 1)
            for dy in range(-reach, reach + 1)
            if (key := (org, cx + dx, cy + dy)) in family_cells
        ]
        if nearby:
            fams = np.concatenate(nearby)
            yield np.repeat(group, len(fams)), np.tile(fams, len(group))


def find_candidates(
    volunteers: Volunteers, families: Families, rejected: np.ndarray | None = None
) -> Candidates:
    """Every pair that satisfies all hard rules, and the funnel of every family."""
    rejected_keys = np.zeros(0, dtype=np.int64) if rejected is None else rejected
    survivors = np.zeros((len(RULE_NAMES), len(families)), dtype=np.int64)
    kept_v: list[np.ndarray] = []
    kept_f: list[np.ndarray] = []
    for vol, fam in _blocks(volunteers, families):
        survivors[0] += np.bincount(fam, minlength=len(families))
        for step, (_name, rule) in enumerate(HARD_RULES[1:], start=1):
            pairs = Pairs(volunteers, families, vol, fam, rejected_keys)
            keep = rule(pairs)
            vol, fam = vol[keep], fam[keep]
            survivors[step] += np.bincount(fam, minlength=len(families))
        kept_v.append(vol)
        kept_f.append(fam)
    removed = _removed(volunteers, families, survivors)
    return Candidates(
        volunteer=np.concatenate(kept_v) if kept_v else np.zeros(0, dtype=np.int64),
        family=np.concatenate(kept_f) if kept_f else np.zeros(0, dtype=np.int64),
        removed=removed,
        eligible=survivors[-1],
    )


def _removed(volunteers: Volunteers, families: Families, survivors: np.ndarray) -> np.ndarray:
    """Turn survivor counts after each rule into counts removed by each rule.

    The first block step already pairs only nearby volunteers of the family's organisation, so
    the volunteers of other organisations are removed by the organisation rule, and those of the
    same organisation beyond every reach by the distance rule.
    """
    orgs, counts = np.unique(volunteers.organisation, return_counts=True)
    same_org = np.zeros(len(families), dtype=np.int64)
    for org, count in zip(orgs.tolist(), counts.tolist(), strict=True):
        same_org[families.organisation == org] = count
    before = np.vstack([np.full(len(families), len(volunteers)), same_org, survivors[1:-1]])
    after = np.vstack([same_org, survivors[1:]])
    # Nearby pairs counted in survivors[0] are within the distance rule's search, not yet
    # filtered by it: the distance rule removes same-organisation volunteers not in survivors[1].
    return np.asarray((before - after).T)
