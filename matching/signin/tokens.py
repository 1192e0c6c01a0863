"""Random secrets handed out once and stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    """A random URL-safe secret of 256 bits."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The SHA-256 of a high-entropy secret: enough, as such a secret cannot be guessed."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
