"""Shared fixtures: databases (SQLite file, and a private schema on the local PostgreSQL), clock, desk."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import create_engine, text

from bot.app import build_app, build_core
from bot.config import Settings
from bot.desk import Desk
from bot.ports import ManualClock
from bot.risk.analyzer import Analyzer
from bot.risk.learn import TrainingSet, fit
from bot.risk.model import LinearModel
from bot.store import db

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer.from_directory()


@pytest.fixture(scope="session")
def lexicon(analyzer: Analyzer):
    """The shipped lexicon, loaded once with the analyzer, for engines built around other models."""
    return analyzer.lexicon


@pytest.fixture(scope="session")
def team_model() -> LinearModel:
    """A team's own model, trained on complaint-or-not labels (no level head): it decides instead of the shipped ones."""
    data = TrainingSet()
    for i in range(30):
        data.add(f"等了{i}天还是没人处理，太慢了，你们到底什么时候能给我一个答复", 1)
        data.add(f"请问第{i}号门店几点开门，周末营业吗，停车方便吗", 0)
    team = fit(data, name="team-1", threshold=0.5)
    team.context = True
    return team


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 2, 2, 0, tzinfo=UTC))


def _postgres_engine():
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_URL} is unreachable in CI: {exc}")
        pytest.skip(f"PostgreSQL at {PG_URL} is unreachable: {exc}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = db.make_engine(PG_URL, schema=schema)
    return engine, admin, schema


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    db.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request, tmp_path):
    """Both databases: every test using it runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
        db.upgrade(engine)
        yield engine
        engine.dispose()
        return
    engine, admin, schema = _postgres_engine()
    try:
        db.upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def desk(engine, analyzer, clock) -> Desk:
    return Desk(engine=engine, analyzer=analyzer, clock=clock)


def bearer(core, member_ref: str) -> dict[str, str]:
    """An Authorization header acting as the member (made if new), as a script holding its token would send."""
    from bot.members import access
    from bot.members.service import find_member, resolve_member

    with db.session(core.engine) as s:
        member = find_member(s, member_ref) or resolve_member(s, member_ref, name=member_ref.split(":")[-1],
                                                              register=True, now=core.clock.now())
        raw = access.issue_api_token(s, member, actor="test", now=core.clock.now())
        s.commit()
    return {"Authorization": f"Bearer {raw}"}


def make_settings(tmp_path, **env) -> Settings:
    return Settings(_env_file=None, DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}", **env)


@pytest.fixture
async def start_server(tmp_path, clock):
    """A real bot server (the same aiohttp app `bot serve` runs) on a free local port."""
    started = []

    async def start(*, as_member: str | None = None, **env):
        """`as_member`: every request of the client carries that member's API token (made here)."""
        core = build_core(make_settings(tmp_path, **env), clock=clock)
        server = TestServer(build_app(core, run_timers=False), host="127.0.0.1")
        client = TestClient(server, headers=bearer(core, as_member) if as_member else None)
        await client.start_server()
        started.append(client)
        return client, core

    yield start
    for client in started:
        await client.close()
