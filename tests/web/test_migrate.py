"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from matching.db import include_name, make_engine
from web.migrate import upgrade


def test_upgrade_creates_every_table(empty_database_url):
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert set(SQLModel.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_migrations_and_models_agree(empty_database_url):
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_upgrade_twice_is_harmless(empty_database_url):
    upgrade(empty_database_url)
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    with engine.connect() as conn:
        version = MigrationContext.configure(conn).get_current_revision()
    engine.dispose()
    assert version is not None


def test_0008_hashes_calendar_tokens_so_old_links_keep_working(empty_database_url):
    """A token stored in clear before 0008 is replaced by its digest and still opens the feed."""

    from alembic.script import ScriptDirectory
    from sqlalchemy import text as sql
    from sqlmodel import Session

    from matching.db import make_engine, session_scope
    from matching.students.calendar_token import student_by_token, token_digest
    from tests.matching import stored as make
    from web.migrate import alembic_config

    # The schema just before 0008. Later migrations add tables and a column of `user` (0010),
    # so only organisations and students are stored here: their tables are as 0007 left them.
    before = ScriptDirectory.from_config(alembic_config(empty_database_url)).get_revision("0008")
    upgrade(empty_database_url, str(before.down_revision))
    engine = make_engine(empty_database_url)
    with session_scope(engine) as session:
        hu = make.organisation(session, "hu", "Hogeschool Utrecht", "university")
        make.student(session, hu, "Lotte Visser", "overvecht")
        make.student(session, hu, "Sanne de Vries", "zuid")
    old_link = "old-link-token-0123456789abcdefghijklmnopq"
    with engine.begin() as conn:
        student_id = conn.execute(sql("SELECT min(id) FROM student")).scalar_one()
        conn.execute(
            sql("UPDATE student SET calendar_token = :t WHERE id = :i"),
            {"t": old_link, "i": student_id},
        )
    upgrade(empty_database_url)
    with engine.connect() as conn:
        stored = conn.execute(
            sql("SELECT calendar_token FROM student WHERE id = :i"), {"i": student_id}
        ).scalar_one()
    assert stored == token_digest(old_link)
    with Session(engine) as session:
        found = student_by_token(session, old_link)
        assert found is not None and found.id == student_id
    engine.dispose()
