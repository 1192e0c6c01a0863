"""Synthetic names and e-mail local parts."""

from __future__ import annotations

import random

from seed.names import DUTCH, MOROCCAN, email_local_part, person_name


def test_names_fit_language_and_gender() -> None:
    rng = random.Random(6)
    first, last = person_name(rng, gender="female", language="ar").split(" ", 1)
    assert first in MOROCCAN.female and last in MOROCCAN.last
    first, last = person_name(rng, gender="male", language="nl").split(" ", 1)
    assert first in DUTCH.male and last in DUTCH.last


def test_email_local_parts_are_plain_ascii() -> None:
    assert email_local_part("Ayşe van Dijk") == "ayse.vandijk"
    assert email_local_part("Paweł Wiśniewska") == "pawel.wisniewska"
    assert email_local_part("Hatice Yılmaz") == "hatice.yilmaz"
    assert email_local_part("Fatima El Amrani").isascii()
