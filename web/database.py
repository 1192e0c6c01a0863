"""One database session per request, closed on teardown."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.db import ENGINE_KEY, make_engine
from web.config import DEFAULT_DB_POOL_SIZE

AUTOCOMMIT_KEY = "kansrijk_autocommit_engine"


def init_database(app: Flask, url: str, pool_size: int = DEFAULT_DB_POOL_SIZE) -> None:
    """Create the app's engine and close the request's session when the request ends.

    A server database keeps ``pool_size`` connections open, so that every thread of a worker
    reuses one instead of connecting anew; as many more may open briefly at a peak."""
    kwargs = {} if url.startswith("sqlite") else {"pool_size": pool_size, "max_overflow": pool_size}
    made = make_engine(url, **kwargs)
    app.extensions[ENGINE_KEY] = made
    # The same engine and pool, without transactions: made once, not on every request.
    app.extensions[AUTOCOMMIT_KEY] = made.execution_options(isolation_level="AUTOCOMMIT")
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    """The current app's engine."""
    found: Engine = current_app.extensions[ENGINE_KEY]
    return found


def autocommit_engine() -> Engine:
    """The current app's engine in autocommit: for a single read or write outside a request's
    transaction (the per-request sign-in session check)."""
    found: Engine = current_app.extensions[AUTOCOMMIT_KEY]
    return found


def db_session() -> Session:
    """The request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = Session(engine(), expire_on_commit=False)
    session: Session = g.db_session
    return session


def _close_session(_exc: BaseException | None) -> None:
    """Roll back anything uncommitted and close the request's session."""
    session: Session | None = g.pop("db_session", None)
    if session is not None:
        session.rollback()
        session.close()
