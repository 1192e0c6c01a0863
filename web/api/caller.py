"""Who calls the API: the token, its owner (who the audit trail names) and its scope."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request
from sqlmodel import Session

from matching.api_tokens.ratelimit import count_request
from matching.api_tokens.tokens import ApiScope, TokenProblem, TokenRefused, authenticate
from matching.models import ApiToken, Organisation, User
from matching.models.common import require_id
from matching.vocab import OrganisationKind
from web.api.problems import ApiProblem, ProblemCode
from web.database import engine

RATE_LIMIT_KEY = "KANSRIJK_API_RATE_LIMIT"
DEFAULT_RATE_LIMIT = 120


@dataclass(frozen=True)
class Caller:
    """A checked token: its owner, and the organisation it is limited to (None: all)."""

    token: ApiToken
    owner: User
    organisation_id: int | None

    @property
    def can_write(self) -> bool:
        """Whether the token has the read-write scope."""
        return self.token.scope == ApiScope.READ_WRITE


def bearer_secret() -> str | None:
    """The token of an ``Authorization: Bearer …`` header, if there is one."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() or None if scheme.lower() == "bearer" else None


def refused(code: str) -> ApiProblem:
    """401 for a missing, unknown, expired or revoked token."""
    headers = {"WWW-Authenticate": 'Bearer realm="kansrijk-api"'}
    return ApiProblem(401, code, "A valid API token is needed.", headers=headers)


def identify(session: Session) -> Caller:
    """The caller of this request, or ApiProblem 401; counts the request for the rate limit."""
    try:
        token = authenticate(session, bearer_secret())
    except TokenRefused as exc:
        raise refused(exc.code) from None
    owner = session.get(User, token.owner_id)
    organisation = session.get(Organisation, token.organisation_id)
    if owner is None or not owner.active or organisation is None:
        raise refused(TokenProblem.REVOKED)  # a token dies with its owner's account
    limit = int(current_app.config.get(RATE_LIMIT_KEY, DEFAULT_RATE_LIMIT))
    decision = count_request(engine(), token_id=require_id(token), limit=limit)
    if not decision.allowed:
        raise ApiProblem(
            429,
            ProblemCode.RATE_LIMITED,
            f"At most {limit} requests a minute per token.",
            headers={"Retry-After": str(decision.retry_after)},
        )
    scope = None if organisation.kind == OrganisationKind.MUNICIPALITY else organisation.id
    return Caller(token, owner, scope)
