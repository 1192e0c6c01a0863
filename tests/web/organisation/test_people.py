"""A partner registers and changes its own mothers and buddies; errors appear beside fields."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import Family, Volunteer
from tests.web.conftest import AuthActions
from tests.web.dataset import AL_AMAL, World
from tests.web.organisation.conftest import TODAY
from web.database import ENGINE_KEY

MOTHER = {
    "reference": "AA-100",
    "postcode": "3562 AB",
    "languages": "Arabisch, Nederlands",
    "due_date": "2027-02-14",
    "needs": ["pregnancy", "single_parent"],
    "buddy_gender_wish": "female",
    "availability": ["mon_am", "tue_am"],
    "sessions_required": "1",
    "stacked_problems": "1",
}
BUDDY = {
    "name": "Yasmina Amrani",
    "email": "yasmina@example.nl",
    "kind": "buddy",
    "gender": "female",
    "postcode": "3563",
    "max_travel_km": "6",
    "languages": "ar, nl",
    "availability": ["mon_am", "tue_am", "wed_pm"],
    "capacity": "1",
    "vog_valid_until": "2028-03-01",
    "active": "y",
}


def _one(app: Flask, table: type, **where: object):
    """The one stored row with these values."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        statement = select(table)
        for name, value in where.items():
            statement = statement.where(getattr(table, name) == value)
        return session.exec(statement).one()


def test_register_mother_form(client: FlaskClient, auth: AuthActions) -> None:
    """The form has the fields of an expecting mother, the half-day grid and a CSRF-ready form."""
    auth.login(AL_AMAL.email)
    html = client.get("/organisation/families/new").text
    for name in ("reference", "postcode", "languages", "due_date", "needs", "buddy_gender_wish"):
        assert f'name="{name}"' in html, name
    assert len(re.findall(r'name="availability" value="\w+_(?:am|pm)"', html)) == 10
    assert "Aanstaande moeder aanmelden" in html


def test_register_mother(app: Flask, client: FlaskClient, auth: AuthActions, world: World) -> None:
    """A valid mother is stored for the own organisation, waiting since today; on to suggestions."""
    auth.login(AL_AMAL.email)
    response = client.post("/organisation/families/new", data={**MOTHER, "organisation_id": "1"})
    assert response.status_code == 302
    family = _one(app, Family, reference="AA-100")
    assert response.headers["Location"] == f"/organisation/families/{family.id}/suggestions"
    assert family.organisation_id == world.ids["al_amal"]
    assert (family.status, family.registered_on, family.district) == ("waiting", TODAY, "overvecht")
    assert family.languages == ["ar", "nl"] and family.buddy_gender_wish == "female"
    assert family.needs == ["pregnancy", "single_parent"]


def test_mother_errors_beside_their_fields(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """A postcode outside Utrecht and an unknown language are refused beside those fields."""
    auth.login(AL_AMAL.email)
    form = {**MOTHER, "postcode": "9999", "languages": "Arabisch, Elfs"}
    response = client.post("/organisation/families/new", data=form)
    assert response.status_code == 200
    assert 'id="postcode-error">9999 is geen postcodegebied van Utrecht.<' in response.text
    assert 'id="languages-error">Onbekende taal: elfs.<' in response.text
    assert 'value="AA-100"' in response.text  # what was typed stays in the form
    with Session(app.extensions[ENGINE_KEY]) as session:
        assert session.exec(select(Family).where(Family.reference == "AA-100")).first() is None


def test_due_date_before_birth_is_refused_beside_it(client: FlaskClient, auth: AuthActions) -> None:
    """A second child due before the first was born: the error sits beside the due date."""
    auth.login(AL_AMAL.email)
    form = {**MOTHER, "child_birth_date": "2027-03-01"}
    response = client.post("/organisation/families/new", data=form)
    assert 'id="due_date-error">Deze datum ligt vóór 1 maart 2027.<' in response.text


def test_edit_own_family(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: dict[str, int]
) -> None:
    """The edit form shows the stored values and saves changes."""
    auth.login(AL_AMAL.email)
    url = f"/organisation/families/{ids['AA-001']}/edit"
    assert 'value="AA-001"' in client.get(url).text
    response = client.post(url, data={**MOTHER, "reference": "AA-001", "urgent": "y"})
    assert response.status_code == 302
    family = _one(app, Family, reference="AA-001")
    assert family.urgent and family.due_date.isoformat() == "2027-02-14"


def test_register_and_change_a_buddy(
    app: Flask, client: FlaskClient, auth: AuthActions, world: World
) -> None:
    """A buddy is stored for the own organisation and can be changed, e.g. made inactive."""
    auth.login(AL_AMAL.email)
    assert client.post("/organisation/volunteers/new", data=BUDDY).status_code == 302
    buddy = _one(app, Volunteer, name="Yasmina Amrani")
    assert buddy.organisation_id == world.ids["al_amal"] and buddy.languages == ["ar", "nl"]
    assert buddy.vog_valid_until.isoformat() == "2028-03-01" and buddy.district == "overvecht"
    page = client.get(f"/organisation/volunteers/{buddy.id}").text
    assert 'value="Yasmina Amrani"' in page and 'value="Arabisch, Nederlands"' in page
    changed = {k: v for k, v in BUDDY.items() if k != "active"}
    assert client.post(f"/organisation/volunteers/{buddy.id}", data=changed).status_code == 302
    assert not _one(app, Volunteer, name="Yasmina Amrani").active
    assert "Yasmina Amrani" in client.get("/organisation/").text


def test_buddy_errors_beside_their_fields(client: FlaskClient, auth: AuthActions) -> None:
    """A missing name (form check) and an unknown postcode (record check) show beside fields."""
    auth.login(AL_AMAL.email)
    response = client.post(
        "/organisation/volunteers/new", data={**BUDDY, "name": "", "postcode": "1234"}
    )
    assert response.status_code == 200
    assert 'id="name-error"' in response.text
    response = client.post("/organisation/volunteers/new", data={**BUDDY, "postcode": "1234"})
    assert 'id="postcode-error">1234 is geen postcodegebied van Utrecht.<' in response.text


def test_posts_need_their_csrf_token(csrf_app: Flask, ids: dict[str, int]) -> None:
    """In the production set-up every organisation form post without its token is a 400."""
    client = csrf_app.test_client()
    page = client.get("/auth/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    login = {"email": AL_AMAL.email, "password": "kansrijk-test-1", "csrf_token": token}
    assert client.post("/auth/login", data=login).status_code == 302
    for path in (
        "/organisation/families/new",
        "/organisation/volunteers/new",
        f"/organisation/families/{ids['AA-001']}/assign",
        f"/organisation/trajectories/{ids['Samira Bakkali/AA-002']}/end",
    ):
        assert client.post(path, data=MOTHER).status_code == 400, path
    assert 'name="csrf_token"' in client.get("/organisation/families/new").text
