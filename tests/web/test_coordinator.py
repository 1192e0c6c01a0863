"""The coordinator's home: counts per district for the fixture data."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.web.conftest import AuthActions
from tests.web.dataset import COORDINATOR

# (waiting families, free volunteers, active students) per district, from tests/web/dataset.py
EXPECTED = {
    "overvecht": (1, 1, 1),
    "zuidwest": (2, 1, 1),
    "west": (1, 1, 0),
    "binnenstad": (1, 0, 0),
    "leidsche-rijn": (0, 0, 0),
    "total": (5, 3, 2),
}


def _rows(html: str) -> dict[str, tuple[int, int, int]]:
    """The three counts of each row of the district table, by district code."""
    rows = {}
    for code, body in re.findall(r'<tr data-district="([^"]+)">(.*?)</tr>', html, re.S):
        counts = re.findall(r'data-count="(?:waiting|free|students)">(\d+)<', body)
        rows[code] = (int(counts[0]), int(counts[1]), int(counts[2]))
    return rows


def test_counts_per_district(client: FlaskClient, auth: AuthActions) -> None:
    """Every district has a row, the counts match the data and the totals add up."""
    auth.login(COORDINATOR.email)
    html = client.get("/coordinator/").text
    rows = _rows(html)
    assert len(rows) == 11
    for code, counts in EXPECTED.items():
        assert rows[code] == counts, code
    assert all(rows[code] == (0, 0, 0) for code in ("noordwest", "noordoost", "oost", "zuid"))


def test_district_names_and_headings_are_dutch(client: FlaskClient, auth: AuthActions) -> None:
    """The table speaks Dutch: district names, column headings, the totals row."""
    auth.login(COORDINATOR.email)
    html = client.get("/coordinator/").text
    for word in ("Vleuten-De Meern", "Leidsche Rijn", "Wachtende gezinnen", "Totaal", "Wijk"):
        assert word in html
    assert "Inzetbare vrijwilligers" in html
