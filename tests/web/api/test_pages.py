"""The token page (CSRF kept), the rate limit's 429, the documentation without the internet."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from matching.db import make_engine
from matching.models import ApiToken
from tests.web.api.conftest import api_config
from tests.web.conftest import AuthActions, built_app
from tests.web.dataset import AL_AMAL, COORDINATOR


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def test_a_coordinator_makes_a_token_sees_it_once_and_revokes_it(database_url, world):
    with built_app(database_url, **api_config(WTF_CSRF_ENABLED=True)) as app:
        client = app.test_client()
        page = client.get("/auth/login").text
        client.post("/auth/login", data={"email": COORDINATOR.email, "password": "kansrijk-test-1",
                                         "csrf_token": csrf_token(page)})  # fmt: skip
        page = client.get("/coordinator/api-tokens")
        assert page.status_code == 200
        form = {"name": "Vrijwilligersplatform", "organisation_id": str(world.ids["al_amal"]),
                "scope": "read_write", "days": "30"}  # fmt: skip
        assert client.post("/coordinator/api-tokens", data=form).status_code == 400  # no CSRF
        made = client.post(
            "/coordinator/api-tokens", data={**form, "csrf_token": csrf_token(page.text)}
        )
        assert made.status_code == 201 and made.headers["Cache-Control"] == "no-store"
        secret = re.search(r'<code id="token-secret">([^<]+)</code>', made.text).group(1)
        api = app.test_client()
        headers = {"Authorization": f"Bearer {secret}"}
        assert api.get("/api/v1/families", headers=headers).status_code == 200
        listed = client.get("/coordinator/api-tokens").text
        assert secret not in listed and "Vrijwilligersplatform" in listed
        engine = make_engine(database_url)
        with Session(engine) as session:
            token = session.exec(select(ApiToken)).one()
        engine.dispose()
        assert token.last_used_at is not None and token.token_hash != secret
        revoke = f"/coordinator/api-tokens/{token.id}/revoke"
        assert client.post(revoke, data={"csrf_token": csrf_token(listed)}).status_code == 302
        assert api.get("/api/v1/families", headers=headers).status_code == 401


def test_only_coordinators_reach_the_token_page(client, auth: AuthActions):
    auth.login(AL_AMAL.email)
    assert client.get("/coordinator/api-tokens").status_code == 403


def test_a_token_over_its_rate_limit_gets_429_with_retry_after(database_url, world):
    with built_app(database_url, **api_config(KANSRIJK_API_RATE_LIMIT=3)) as app:
        from tests.web.api.conftest import make_tokens

        tokens = make_tokens(database_url)
        api = app.test_client()
        answers = [api.get("/api/v1/volunteers", headers=tokens.headers("city")) for _ in range(5)]
        statuses = [a.status_code for a in answers]
        assert statuses.count(429) >= 1 and statuses[0] == 200
        refused = next(a for a in answers if a.status_code == 429)
        assert 1 <= int(refused.headers["Retry-After"]) <= 61
        assert refused.get_json()["code"] == "rate_limited"
        # another token has its own count
        assert api.get("/api/v1/volunteers", headers=tokens.headers("taal")).status_code == 200


def test_the_documentation_uses_only_local_files(api):
    page = api.get("/api/v1/docs")
    assert page.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert urls and all(url.startswith("/") and not url.startswith("//") for url in urls)
    for url in urls:
        assert api.get(url).status_code == 200, url
    script = api.get("/static/api/docs.js").text
    assert "validatorUrl: null" in script and "http" not in script
    document = api.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
