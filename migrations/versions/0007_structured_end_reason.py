"""structured end reason; proposal explanation dropped

The end of a match or placement was one text column ``end_reason`` holding
``"code: note"`` (``moved: Naar Amersfoort``, ``repaired: distance``) or free text; it
becomes ``end_code`` (an EndReason) and ``end_note``. Existing rows are split: a known
code before the first colon becomes the code and the rest the note; any other text is kept
whole as the note of code ``other``. ``proposal.explanation`` (an English sentence written
by every run and never shown: the review pages word the score parts in the user's language)
is dropped.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The EndReason values when this migration was written (a migration does not import the
# domain: its data must read the same whatever the code becomes later).
CODES = (
    'completed', 'moved', 'family_stopped', 'buddy_stopped', 'no_click', 'other',
    'repaired', 'replaced',
)
TABLES = ('match', 'placement')


def split_reason(text: str | None) -> tuple[str | None, str | None]:
    """``'moved: note'`` → ('moved', 'note'); free text → ('other', text); None stays None."""
    if text is None or not text.strip():
        return None, None
    code, colon, note = text.partition(':')
    if code.strip() in CODES:
        return code.strip(), (note.strip() or None) if colon else None
    return 'other', text.strip()[:200]


def join_reason(code: str | None, note: str | None) -> str | None:
    """The old one-column form of a code and a note."""
    text = ': '.join(part for part in (code, note) if part)
    return text[:200] or None


def upgrade() -> None:
    """Split end_reason into end_code and end_note; drop proposal.explanation."""
    connection = op.get_bind()
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column('end_code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
            batch_op.add_column(sa.Column('end_note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        table = sa.table(
            name,
            sa.column('id', sa.Integer),
            sa.column('end_reason', sa.String),
            sa.column('end_code', sa.String),
            sa.column('end_note', sa.String),
        )
        rows = connection.execute(
            sa.select(table.c.id, table.c.end_reason).where(table.c.end_reason.is_not(None))
        ).all()
        for row_id, text in rows:
            code, note = split_reason(text)
            connection.execute(
                table.update().where(table.c.id == row_id).values(end_code=code, end_note=note)
            )
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column('end_reason')
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_column('explanation')


def downgrade() -> None:
    """Join end_code and end_note back into end_reason; explanation comes back empty."""
    connection = op.get_bind()
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('explanation', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='')
        )
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column('end_reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        table = sa.table(
            name,
            sa.column('id', sa.Integer),
            sa.column('end_reason', sa.String),
            sa.column('end_code', sa.String),
            sa.column('end_note', sa.String),
        )
        rows = connection.execute(
            sa.select(table.c.id, table.c.end_code, table.c.end_note).where(
                table.c.end_code.is_not(None)
            )
        ).all()
        for row_id, code, note in rows:
            connection.execute(
                table.update()
                .where(table.c.id == row_id)
                .values(end_reason=join_reason(code, note))
            )
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column('end_code')
            batch_op.drop_column('end_note')
