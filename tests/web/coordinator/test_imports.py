"""CSV import in the browser's terms: upload, see every bad row, import the good ones; broken
files (empty, wrong columns, wrong encoding, too large) get a clear message, never a 500."""

from __future__ import annotations

import io
import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from matching.models import Family
from tests.web.conftest import built_app
from tests.web.coordinator.conftest import config, engine_of
from tests.web.dataset import COORDINATOR, PASSWORD, World

FAMILIES = (
    "kenmerk;organisatie;postcode;talen;beschikbaarheid;uitgerekende datum;spoed\r\n"
    "GEM-101-é;gemeente-utrecht;3562 AB;ar, nl;mon_am;15-01-2027;ja\r\n"
    "GEM-102;gemeente-utrecht;1234 AB;nl;;;nee\r\n"
    "GEM-103;gemeente-utrecht;3526;tr;zon_am;32-01-2027;misschien\r\n"
    "GEM-104;al-amal;3531;nl;tue_pm;;\r\n"
).encode("cp1252")


def upload(client: FlaskClient, raw: bytes, kind: str = "families", name: str = "f.csv") -> str:
    """Post a file to the check; the page's HTML."""
    response = client.post(
        f"/coordinator/import/{kind}",
        data={"file": (io.BytesIO(raw), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code in (200, 413, 422), response.status_code
    return response.text


def token(html: str) -> str:
    found = re.search(r'name="token" type="hidden" value="([^"]+)"', html)
    assert found is not None
    return found[1]


def problems(html: str) -> list[tuple[str, str, str]]:
    """(line, column, problem) of each reported row."""
    return re.findall(
        r'<tr data-line="(\d+)">.*?<code>([^<]+)</code>.*?data-label="Probleem">([^<]+)</td>',
        html,
        re.S,
    )


def families(app: Flask) -> int:
    with Session(engine_of(app)) as session:
        return int(session.exec(select(func.count()).select_from(Family)).one())


def test_check_then_import_keeps_good_rows_and_reports_the_bad(
    coordinator: FlaskClient, app: Flask
) -> None:
    before = families(app)
    html = upload(coordinator, FAMILIES)
    assert problems(html) == [
        ("3", "postcode", "1234 is geen postcodegebied van Utrecht."),
        ("4", "availability", "Onbekend dagdeel."),
        ("4", "due_date", "Geen datum: gebruik dd-mm-jjjj."),
        ("4", "urgent", "Gebruik ja of nee."),
    ]
    assert 'data-count="good">2<' in html and 'data-count="bad">2<' in html
    assert "Gelezen als cp1252, gescheiden door ;" in html
    assert families(app) == before  # the check stores nothing
    done = coordinator.post("/coordinator/import/families/confirm", data={"token": token(html)})
    assert done.status_code == 200
    assert 'data-count="created">2<' in done.text and 'data-count="refused">2<' in done.text
    assert families(app) == before + 2
    again = upload(coordinator, FAMILIES)
    assert 'data-count="new">0<' in again and 'data-count="existing">2<' in again
    done = coordinator.post("/coordinator/import/families/confirm", data={"token": token(again)})
    assert 'data-count="created">0<' in done.text and 'data-count="unchanged">2<' in done.text
    assert families(app) == before + 2


BROKEN = [
    (b"", "Het bestand is leeg."),
    (b"voornaam;woonplaats\nAmina;Utrecht\n", "Kolommen ontbreken: reference, organisation"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "Dit is geen CSV-bestand."),
    (b"reference;x\n\x81\x8d\x8f\x90", "De tekens in het bestand zijn niet te lezen."),
    (b"reference;organisation;postcode;languages\n", "een kopregel maar geen rijen"),
]


def test_broken_files_get_a_clear_message(coordinator: FlaskClient) -> None:
    for raw, message in BROKEN:
        response = coordinator.post(
            "/coordinator/import/families",
            data={"file": (io.BytesIO(raw), "broken.csv")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 422, message
        assert message in response.text and 'id="file-error"' in response.text


def test_no_file_and_an_unknown_token_are_refused(coordinator: FlaskClient) -> None:
    response = coordinator.post("/coordinator/import/families", data={})
    assert response.status_code == 422 and "Kies een bestand." in response.text
    for value in ("../../etc/passwd", "x" * 32, ""):
        response = coordinator.post("/coordinator/import/families/confirm", data={"token": value})
        assert response.status_code == 410 and "Upload het opnieuw." in response.text


def test_a_token_holds_only_for_its_kind(coordinator: FlaskClient) -> None:
    html = upload(coordinator, FAMILIES)
    response = coordinator.post(
        "/coordinator/import/volunteers/confirm", data={"token": token(html)}
    )
    assert response.status_code == 410


def test_a_file_over_the_limit_is_refused_with_the_limit(
    database_url: str, world: World, tmp_path: Path
) -> None:
    with built_app(database_url, **config(tmp_path, MAX_CONTENT_LENGTH=4096)) as app:
        client = app.test_client()
        client.post("/auth/login", data={"email": COORDINATOR.email, "password": PASSWORD})
        huge = FAMILIES.splitlines(keepends=True)[0] + b"GEM-1;gemeente-utrecht;3562;nl\r\n" * 500
        html = upload(client, huge)
        assert "Het bestand is groter dan 4 kB: splits het in kleinere bestanden." in html
        assert client.get("/coordinator/import/families").status_code == 200


def test_every_form_needs_its_csrf_token(database_url: str, world: World, tmp_path: Path) -> None:
    with built_app(database_url, **config(tmp_path, WTF_CSRF_ENABLED=True)) as app:
        client = app.test_client()
        page = client.get("/auth/login").text
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        assert csrf is not None
        client.post(
            "/auth/login",
            data={"email": COORDINATOR.email, "password": PASSWORD, "csrf_token": csrf[1]},
        )
        paths = (
            "/coordinator/runs/",
            "/coordinator/import/families",
            "/coordinator/people/volunteers/new",
            "/coordinator/proposals/approve",
        )
        for path in paths:
            assert client.post(path, data={}).status_code == 400, path
        form = client.get("/coordinator/people/volunteers/new").text
        assert 'name="csrf_token"' in form


def test_19999_bad_rows_show_200_and_the_whole_list_as_csv(
    app: Flask, coordinator: FlaskClient
) -> None:
    """A file of 19,999 bad rows: the page lists the first 200 problems, the CSV every one."""
    header = "kenmerk;organisatie;postcode;talen;beschikbaarheid\r\n"
    rows = "".join(f"GEM-{n};gemeente-utrecht;0000 XX;nl;mon_am\r\n" for n in range(19_999))
    html = upload(coordinator, (header + rows).encode())
    shown = problems(html)
    assert len(shown) == 200 and shown[0][0] == "2"
    assert 'data-count="bad">19999<' in html.replace(",", "").replace(".", "")
    assert "De eerste 200 van" in html
    assert len(html) < 1_000_000
    found = re.search(r'id="problems-csv" href="([^"]+)"', html)
    assert found is not None
    download = coordinator.get(found[1].replace("&amp;", "&"))
    assert download.status_code == 200
    assert download.headers["Content-Type"].startswith("text/csv")
    lines = download.data.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:2] == ["Regel", "Kolom"]
    problem_lines = {line.split(";")[0] for line in lines[1:]}
    assert len(problem_lines) == 19_999 and "20000" in problem_lines
    other = app.test_client()
    other.post("/auth/login", data={"email": "coordinator@alamal.example.nl", "password": PASSWORD})
    assert other.get(found[1].replace("&amp;", "&")).status_code == 403
    assert (
        coordinator.get("/coordinator/import/families/problems.csv?token=" + "x" * 32).status_code
        == 404
    )
