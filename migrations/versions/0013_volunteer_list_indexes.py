"""indexes for the volunteer lists in name order (load, issue 11)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 16:50:00

"""
from collections.abc import Sequence

from alembic import op

revision: str = '0013'
down_revision: str | Sequence[str] | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Index the volunteers by name (and by kind, then name) for the paged lists."""
    op.create_index('ix_volunteer_name_id', 'volunteer', ['name', 'id'], unique=False)
    op.create_index('ix_volunteer_kind_name_id', 'volunteer', ['kind', 'name', 'id'], unique=False)


def downgrade() -> None:
    """Drop the two indexes."""
    op.drop_index('ix_volunteer_kind_name_id', table_name='volunteer')
    op.drop_index('ix_volunteer_name_id', table_name='volunteer')
