"""Calendar tokens stored hashed: each token in clear replaced by its SHA-256 (hex).

Links made before keep working: the feed hashes the token in the URL and looks up the digest.
The digest fits the column (64 characters). Downgrading cannot recover the tokens: it clears
them, and students make a new link.

Revision ID: 0008
Revises: 0007
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

student = sa.table('student', sa.column('id', sa.Integer), sa.column('calendar_token', sa.String))


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(student.c.id, student.c.calendar_token).where(student.c.calendar_token.is_not(None))
    ).all()
    for row_id, token in rows:
        if len(token) == 64 and all(c in '0123456789abcdef' for c in token):
            continue  # already a digest
        digest = hashlib.sha256(token.encode()).hexdigest()
        conn.execute(student.update().where(student.c.id == row_id).values(calendar_token=digest))


def downgrade() -> None:
    op.execute(student.update().values(calendar_token=None))
