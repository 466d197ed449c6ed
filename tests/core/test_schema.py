"""The migrations build exactly the schema the models describe, on SQLite and on PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import select

from bot.store import db
from bot.store.schema import metadata
from bot.tiers.tables import Tier


def test_migrations_match_the_models(engine):
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_the_default_ladder_is_seeded(engine):
    with db.session(engine) as s:
        tiers = {t.grade: (t.name, t.limit_minor) for t in s.exec(select(Tier))}
    assert tiers["F"] == ("agent", 100_00) and tiers["D"][0] == "lead" and len(tiers) == 6
