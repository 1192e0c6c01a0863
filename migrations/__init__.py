"""Alembic migrations of the schema, shipped inside the installed package.

``web/migrate.py`` finds this folder with ``importlib.resources``; ``env.py`` imports only
``matching``, never ``web``. The revision files live in ``versions/``.
"""
