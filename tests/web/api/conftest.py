"""The API on the test database: tokens for the municipality and two partners, read and write,
plus an expired and a revoked one; a fixed today and no executor thread."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from matching.api_tokens.tokens import issue_token, revoke_token
from matching.db import make_engine, session_scope
from matching.models import Organisation, User
from tests.web.conftest import built_app
from tests.web.dataset import COORDINATOR, World

TODAY = date(2026, 11, 26)


@dataclass
class Tokens:
    """The secrets of the test tokens, by name."""

    secrets: dict[str, str]

    def headers(self, name: str, **extra: str) -> dict[str, str]:
        """The Authorization header of a token, and any other headers."""
        return {"Authorization": f"Bearer {self.secrets[name]}", **extra}


def api_config(**extra: Any) -> dict[str, Any]:
    """What every API test app sets."""
    return {
        "KANSRIJK_TODAY": TODAY,
        "KANSRIJK_EXECUTOR_AUTOSTART": False,
        "KANSRIJK_API_RATE_LIMIT": 100_000,
        **extra,
    }


def make_tokens(database_url: str) -> Tokens:
    """Store the test tokens, owned by the world's coordinator."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            owner = session.exec(select(User).where(User.email == COORDINATOR.email)).one()
            orgs = {o.code: o.id or 0 for o in session.exec(select(Organisation)).all()}
            wanted = {
                "city": ("gemeente-utrecht", "read_write"),
                "city_read": ("gemeente-utrecht", "read"),
                "al_amal": ("al-amal", "read_write"),
                "al_amal_read": ("al-amal", "read"),
                "taal": ("taal-doet-meer", "read_write"),
                "expired": ("gemeente-utrecht", "read_write"),
                "revoked": ("gemeente-utrecht", "read_write"),
            }
            secrets = {}
            for name, (code, scope) in wanted.items():
                issued = issue_token(session, owner=owner, name=name, organisation_id=orgs[code],
                                     scope=scope, days=30)  # fmt: skip
                secrets[name] = issued.secret
                if name == "expired":
                    issued.row.expires_at = issued.row.created_at - timedelta(seconds=1)
                if name == "revoked":
                    session.flush()
                    revoke_token(session, token_id=issued.row.id or 0, user=owner)
        return Tokens(secrets)
    finally:
        engine.dispose()


@pytest.fixture
def api_app(database_url: str, world: World, tmp_path: Path) -> Iterator[Flask]:
    """The app on the `world` data."""
    with built_app(database_url, **api_config()) as built:
        yield built


@pytest.fixture
def tokens(api_app: Flask, database_url: str) -> Tokens:
    """The test tokens."""
    return make_tokens(database_url)


@pytest.fixture
def api(api_app: Flask) -> FlaskClient:
    """A client of the API (no cookies needed)."""
    return api_app.test_client()
