"""The organisation's home: its own people only."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.web.conftest import AuthActions
from tests.web.dataset import AL_AMAL, TAAL, World

AL_AMAL_NAMES = ("Fatima El Idrissi", "Samira Bakkali", "Noor Haddad", "AA-001", "AA-002", "AA-003")
TAAL_NAMES = ("Joke de Vries", "Mehmet Yilmaz", "TDM-001", "TDM-002", "TDM-003")
CITY_NAMES = ("Pieter Bakker", "Anna Jansen", "GEM-001", "GEM-003")


def test_shows_own_people_and_none_of_others(client: FlaskClient, auth: AuthActions) -> None:
    """Al Amal sees its volunteers and families, and nothing of Taal Doet Meer or the city."""
    auth.login(AL_AMAL.email)
    html = client.get("/organisation/").text
    assert "Stichting Al Amal" in html
    for name in AL_AMAL_NAMES:
        assert name in html, name
    for name in TAAL_NAMES + CITY_NAMES + ("Taal Doet Meer",):
        assert name not in html, name


def test_the_other_partner_sees_only_its_own(client: FlaskClient, auth: AuthActions) -> None:
    """The same page for Taal Doet Meer lists its people and none of Al Amal's."""
    auth.login(TAAL.email)
    html = client.get("/organisation/").text
    for name in TAAL_NAMES:
        assert name in html, name
    for name in AL_AMAL_NAMES + CITY_NAMES:
        assert name not in html, name


def test_statuses_kinds_and_matches(client: FlaskClient, auth: AuthActions) -> None:
    """Family statuses and volunteer kinds are in Dutch; the running trajectory is listed."""
    auth.login(AL_AMAL.email)
    html = client.get("/organisation/").text
    for word in ("Wachtend", "Gekoppeld", "Afgesloten", "Maatje", "Ervaringsdeskundige"):
        assert word in html, word
    matches = html.split('id="matches"')[1]
    assert "Samira Bakkali" in matches and "AA-002" in matches
    assert "AA-003" not in matches  # that trajectory ended
    assert "1 / 1" in html  # Samira's load against her capacity


def test_own_family_page(client: FlaskClient, auth: AuthActions, world: World) -> None:
    """A family of one's own organisation opens."""
    auth.login(AL_AMAL.email)
    response = client.get(f"/organisation/families/{world.ids['al_amal_waiting_family']}")
    assert response.status_code == 200
    assert "AA-001" in response.text and "Arabisch" in response.text


def test_other_organisations_family_is_not_found(
    client: FlaskClient, auth: AuthActions, world: World
) -> None:
    """Another organisation's family is a 404, as if it did not exist."""
    auth.login(AL_AMAL.email)
    response = client.get(f"/organisation/families/{world.ids['taal_family']}")
    assert response.status_code == 404
    assert "TDM-003" not in response.text
    assert "Pagina niet gevonden" in response.text
