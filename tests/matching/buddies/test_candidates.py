"""Candidates equal the brute force over all pairs; the funnel counts each rule's removals."""

from __future__ import annotations

import random
from datetime import date

import numpy as np

from matching import reference
from matching.buddies.candidates import find_candidates
from matching.buddies.rules import HARD_RULES, Pairs
from tests.matching.factories import arrays, family, volunteer

POSTCODES = sorted(reference.postcodes())


def random_people(rng: random.Random, n_vol: int, n_fam: int):
    langs = ["nl", "ar", "tr", "ti"]
    days = ["mon_am", "tue_am", "wed_pm", "thu_pm", "fri_am"]
    vols = [
        volunteer(
            id=i + 1,
            organisation_id=rng.choice([1, 2]),
            postcode=rng.choice(POSTCODES),
            languages=rng.sample(langs, rng.randint(1, 2)),
            availability=rng.sample(days, rng.randint(1, 4)),
            max_travel_km=rng.choice([1.5, 3.0, 6.0, 12.0]),
            vog_valid_until=rng.choice([None, date(2026, 1, 1), date(2028, 1, 1)]),
            gender=rng.choice(["female", "male"]),
        )
        for i in range(n_vol)
    ]
    fams = [
        family(
            id=i + 1,
            organisation_id=rng.choice([1, 2]),
            postcode=rng.choice(POSTCODES),
            languages=rng.sample(langs, rng.randint(1, 2)),
            availability=rng.sample(days, rng.randint(1, 4)),
            sessions_required=rng.randint(1, 2),
            buddy_gender_wish=rng.choice(["any", "female"]),
        )
        for i in range(n_fam)
    ]
    return arrays(vols, fams)


def brute_force(vols, fams, rejected):
    v_idx, f_idx = np.meshgrid(np.arange(len(vols)), np.arange(len(fams)), indexing="ij")
    pairs = Pairs(vols, fams, v_idx.ravel(), f_idx.ravel(), rejected)
    ok = np.ones(len(pairs.volunteer), dtype=bool)
    for _, rule in HARD_RULES:
        ok &= rule(pairs)
    return set(zip(pairs.volunteer[ok].tolist(), pairs.family[ok].tolist(), strict=True))


def test_candidates_equal_brute_force_on_random_people():
    for seed in range(5):
        vols, fams = random_people(random.Random(seed), 40, 30)
        rejected = np.array([1 * (1 << 32) + 1, 2 * (1 << 32) + 3], dtype=np.int64)
        found = find_candidates(vols, fams, rejected)
        got = set(zip(found.volunteer.tolist(), found.family.tolist(), strict=True))
        assert got == brute_force(vols, fams, rejected)


def test_funnel_adds_up_to_all_volunteers():
    vols, fams = random_people(random.Random(11), 50, 20)
    found = find_candidates(vols, fams)
    totals = found.removed.sum(axis=1) + found.eligible
    assert (totals == len(vols)).all()
    assert found.removed[:, 0].sum() > 0  # other organisations are removed first


def test_funnel_counts_the_breaking_rule():
    vols, fams = arrays(
        [volunteer(1), volunteer(2, languages=["tr"]), volunteer(3, organisation_id=2)],
        [family(1)],
    )
    found = find_candidates(vols, fams)
    assert found.funnel(0) == {
        "organisation": 1,
        "distance": 0,
        "language": 1,
        "half_days": 0,
        "vog": 0,
        "gender_wish": 0,
        "rejected_before": 0,
    }
    assert found.eligible.tolist() == [1]
