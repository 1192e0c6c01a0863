"""Dutch by default, English on request, and catalogues that cover every string."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

from tests.web.conftest import AuthActions
from tests.web.dataset import COORDINATOR
from web.i18n import TRANSLATIONS, compile_catalogues, is_stale

WEB = Path(__file__).resolve().parents[2] / "web"
KEYWORDS = {"_": None, "gettext": None, "lazy_gettext": None, "_l": None}
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]


def test_dutch_by_default(client: FlaskClient) -> None:
    """Without a choice the interface is Dutch."""
    html = client.get("/auth/login").text
    assert '<html lang="nl">' in html
    assert "Wachtwoord" in html


def test_english_when_switched(client: FlaskClient, auth: AuthActions) -> None:
    """Choosing English changes the pages, and the choice survives signing in."""
    response = client.post("/language", data={"locale": "en", "next": "/auth/login"})
    assert response.headers["Location"] == "/auth/login"
    html = client.get("/auth/login").text
    assert '<html lang="en">' in html and "Password" in html and "Wachtwoord" not in html
    auth.login(COORDINATOR.email)
    page = client.get("/coordinator/").text
    assert "Waiting families" in page and "Total" in page
    client.post("/language", data={"locale": "nl"})
    assert "Wachtende gezinnen" in client.get("/coordinator/").text


def test_language_switch_refuses_unknown_and_foreign(client: FlaskClient) -> None:
    """An unknown language changes nothing; a foreign ``next`` is not followed."""
    response = client.post("/language", data={"locale": "xx", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    assert "Wachtwoord" in client.get("/auth/login").text


def _source_messages() -> set[str]:
    """Every string wrapped for translation in web/'s code and templates."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(WEB), METHODS, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_catalogue_is_complete(locale: str) -> None:
    """Each catalogue translates every source string, with no fuzzy or stale entries."""
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalogue = read_po(source)
    translated = {message.id for message in catalogue if message.id and message.string}
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    sources = _source_messages()
    assert sources - translated == set(), "untranslated; see web/translations/README.md"
    assert fuzzy == []
    assert translated - sources == set(), "stale entries; run pybabel update"


def test_compile_when_missing_or_stale(tmp_path: Path) -> None:
    """A missing or older .mo is compiled; an up-to-date one is left alone."""
    po_dir = tmp_path / "nl" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    po_path = po_dir / "messages.po"
    po_path.write_bytes((TRANSLATIONS / "nl" / "LC_MESSAGES" / "messages.po").read_bytes())
    mo_path = po_dir / "messages.mo"
    assert compile_catalogues(tmp_path) == [mo_path]
    assert mo_path.stat().st_size > 0 and not is_stale(po_path, mo_path)
    assert compile_catalogues(tmp_path) == []
    later = mo_path.stat().st_mtime_ns + 1_000_000_000
    os.utime(po_path, ns=(later, later))
    assert is_stale(po_path, mo_path)
    assert compile_catalogues(tmp_path) == [mo_path]
    assert list(po_dir.glob("*.tmp")) == []


def test_templates_and_code_follow_the_locale_of_the_moment(app: Flask) -> None:
    """The catalogue kept per locale still follows ``force_locale`` inside one request."""
    template = app.jinja_env.from_string("{{ _('Name') }}|{{ label }}")
    with app.test_request_context("/"):
        assert template.render(label=_l("Name")) == "Naam|Naam"
        with force_locale("en"):
            assert template.render(label=_l("Name")) == "Name|Name"
            assert gettext("Name") == "Name"
        assert template.render(label=_l("Name")) == "Naam|Naam"
        assert gettext("Name") == "Naam"
