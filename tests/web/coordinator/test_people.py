"""People lists and forms: filters from the query string, errors next to the field, no 500."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import AuditEvent, Family, Organisation, Volunteer
from tests.web.coordinator.conftest import engine_of

KINDS = ["volunteers", "experts", "students", "families", "preschools", "groups"]


def ids(html: str) -> list[str]:
    """The row ids of a list page, in order."""
    return re.findall(r'<tr(?: class="inactive")? data-id="(\d+)"', html)


def named(app: Flask, table: type, **where: object) -> object:
    with Session(engine_of(app)) as session:
        statement = select(table)
        for name, value in where.items():
            statement = statement.where(getattr(table, name) == value)
        return session.exec(statement).one()


def test_every_list_and_new_form_shows(coordinator: FlaskClient) -> None:
    for kind in KINDS:
        assert coordinator.get(f"/coordinator/people/{kind}/").status_code == 200, kind
        assert coordinator.get(f"/coordinator/people/{kind}/new").status_code == 200, kind


def test_filters_come_from_the_query_string(coordinator: FlaskClient) -> None:
    html = coordinator.get("/coordinator/people/volunteers/?district=overvecht&status=active").text
    assert "Fatima El Idrissi" in html and "Noor Haddad" not in html and "Joke" not in html
    assert "Gevonden: 1" in html
    html = coordinator.get("/coordinator/people/volunteers/?language=tr&q=yilm").text
    assert "Mehmet Yilmaz" in html and "Joke" not in html
    html = coordinator.get("/coordinator/people/families/?status=waiting&priority=1").text
    assert len(ids(html)) == 5 and "GEM-001" not in html


ODD_QUERIES = [
    "page=abc",
    "page=-3",
    "page=99999999999999",
    "priority=99",
    "organisation=x",
    "district=%3Cscript%3E",
    "q=" + "x" * 500,
    "language=%25",
    "half_day=sun_am",
]


def test_odd_filter_values_never_fail(coordinator: FlaskClient) -> None:
    for query in ODD_QUERIES:
        response = coordinator.get(f"/coordinator/people/families/?{query}")
        assert response.status_code == 200 and "<script>" not in response.text, query


def test_unknown_kind_or_id_is_404(coordinator: FlaskClient, app: Flask) -> None:
    assert coordinator.get("/coordinator/people/mothers/").status_code == 404
    assert coordinator.get("/coordinator/people/volunteers/987654").status_code == 404
    buddy = named(app, Volunteer, name="Fatima El Idrissi")
    assert coordinator.get(f"/coordinator/people/experts/{buddy.id}").status_code == 404  # type: ignore[attr-defined]


def form(app: Flask, **changes: object) -> dict[str, object]:
    """A valid new-volunteer form of the municipality."""
    city = named(app, Organisation, code="gemeente-utrecht")
    data: dict[str, object] = {
        "name": "Sara Bouali", "email": "sara@example.nl", "organisation_id": city.id,  # type: ignore[attr-defined]
        "kind": "buddy", "languages": "Arabisch, nl", "postcode": "3526 KL",
        "max_travel_km": "6", "capacity": "1", "gender": "female",
        "availability": ["mon_am", "tue_pm"], "active": "y",
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_new_volunteer_is_saved_with_an_audit_event(coordinator: FlaskClient, app: Flask) -> None:
    response = coordinator.post("/coordinator/people/volunteers/new", data=form(app))
    assert response.status_code == 302
    sara = named(app, Volunteer, name="Sara Bouali")
    assert (sara.languages, sara.district, sara.availability) == (  # type: ignore[attr-defined]
        ["ar", "nl"], "zuidwest", ["mon_am", "tue_pm"]
    )  # fmt: skip
    event = named(app, AuditEvent, entity="volunteer", action="created")
    assert event.entity_id == sara.id  # type: ignore[attr-defined]
    assert response.headers["Location"] == f"/coordinator/people/volunteers/{sara.id}"  # type: ignore[attr-defined]


def field_errors(html: str) -> dict[str, list[str]]:
    """Each field's error messages, by the field's id."""
    fields = r'<div class="field has-error">\s*<label for="([^"]+)"(.*?)</div>'
    return {
        name: re.findall(r'<p class="error" id="[^"]+-error">([^<]+)</p>', body)
        for name, body in re.findall(fields, html, re.S)
    }


def test_refused_values_are_shown_next_to_their_fields(
    coordinator: FlaskClient, app: Flask
) -> None:
    data = form(app, postcode="9999 ZZ", languages="elfentaal", name="")
    response = coordinator.post("/coordinator/people/volunteers/new", data=data)
    assert response.status_code == 422
    errors = field_errors(response.text)
    assert errors["postcode"] == ["9999 is geen postcodegebied van Utrecht."]
    assert errors["languages"] == ["Onbekende taal: elfentaal."]
    assert errors["name"] == ["Vul dit in."]
    assert 'value="elfentaal"' in response.text  # the typed values stay
    with Session(engine_of(app)) as session:
        assert (
            session.exec(select(Volunteer).where(Volunteer.email == "sara@example.nl")).first()
            is None
        )


def test_malformed_numbers_and_dates_are_refused_not_failed(
    coordinator: FlaskClient, app: Flask
) -> None:
    data = form(app, max_travel_km="ver", capacity="2.5", vog_valid_until="morgen")
    response = coordinator.post("/coordinator/people/volunteers/new", data=data)
    assert response.status_code == 422
    assert set(field_errors(response.text)) == {"max_travel_km", "capacity", "vog_valid_until"}
    response = coordinator.post("/coordinator/people/volunteers/new", data={"organisation_id": "x"})
    assert response.status_code == 422


def test_edit_and_deactivate(coordinator: FlaskClient, app: Flask) -> None:
    family = named(app, Family, reference="GEM-003")
    path = f"/coordinator/people/families/{family.id}"  # type: ignore[attr-defined]
    page = coordinator.get(path).text
    assert 'value="GEM-003"' in page and "Nederlands" in page
    changed = {
        "reference": "GEM-003", "organisation_id": family.organisation_id,  # type: ignore[attr-defined]
        "network_id": "", "postcode": "3562 AB", "languages": "nl, ar",
        "buddy_gender_wish": "female", "sessions_required": "1", "urgent": "y",
        "stacked_problems": "1", "registered_on": "2025-01-06", "status": "waiting",
    }  # fmt: skip
    assert coordinator.post(path, data=changed).status_code == 302
    family = named(app, Family, reference="GEM-003")
    assert (family.district, family.urgent, family.languages) == ("overvecht", True, ["nl", "ar"])  # type: ignore[attr-defined]
    event = named(app, AuditEvent, entity="family", action="updated")
    assert set(event.detail["fields"]) >= {"postcode", "district", "urgent", "languages"}  # type: ignore[attr-defined]
    assert coordinator.post(f"{path}/deactivate").status_code == 302
    assert named(app, Family, reference="GEM-003").status == "closed"  # type: ignore[attr-defined]
    html = coordinator.get(f"/coordinator/audit?entity=family&entity_id={family.id}").text  # type: ignore[attr-defined]
    assert "gedeactiveerd" in html and "gewijzigd" in html


def test_only_known_filters_are_carried_into_links(coordinator: FlaskClient) -> None:
    query = "kind=x&_external=1&_scheme=javascript&district=zuid&page=2"
    page = coordinator.get(f"/coordinator/people/volunteers/?{query}")
    assert page.status_code == 200
    assert 'href="/coordinator/people/volunteers/export.csv?district=zuid"' in page.text
    assert not re.findall(r'href="[^"]*(?:javascript|_external)', page.text)
    proposals = coordinator.get(f"/coordinator/proposals/?{query}")
    assert proposals.status_code == 200
    assert not re.findall(r'href="[^"]*(?:javascript|_external)', proposals.text)
