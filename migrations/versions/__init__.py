"""The revision files (Alembic ignores this module)."""
