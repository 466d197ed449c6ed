"""Engine and session factory, and migrations applied through Alembic."""

from __future__ import annotations

import contextlib
import re
import threading
import weakref
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, insert, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from bot.i18n.language import _
from bot.errors import NotFound, UserError
from bot.text.normalize import whole

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(url: str, *, schema: str | None = None) -> Engine:
    """An engine for SQLite (file or memory) or PostgreSQL; `schema` pins PostgreSQL's search_path."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    connect_args = {"options": f"-csearch_path={schema}"} if schema else {}
    # Parameters carry customers' words and phone numbers: an error message never shows them.
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, hide_parameters=True)


_GATES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _Gate:
    """A re-entrant lock whose urgent takers go before the ordinary ones waiting."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._owner: int | None = None
        self._depth = 0
        self._urgent = 0

    @contextlib.contextmanager
    def held(self, urgent: bool) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            if self._owner != me:
                self._urgent += urgent
                try:
                    while self._owner is not None or (self._urgent and not urgent):
                        self._cond.wait()
                finally:
                    self._urgent -= urgent
                self._owner = me
            self._depth += 1
        try:
            yield
        finally:
            with self._cond:
                self._depth -= 1
                if not self._depth:
                    self._owner = None
                    self._cond.notify_all()


def write_gate(engine: Engine, *, urgent: bool = False):
    """Held around a write transaction. SQLite takes one writer at a time and makes the others poll for its lock,
    sleeping up to 100 ms between tries; writers of one process queue on this lock instead and are handed it at
    once. `urgent`: a writer someone is waiting on (a platform for its acknowledgement) goes before the others.
    A no-op on PostgreSQL. Re-entrant: a writer may open a nested session."""
    if engine.dialect.name != "sqlite":
        return contextlib.nullcontext()
    return _GATES.setdefault(engine, _Gate()).held(urgent)


MIGRATION_LOCK = 0x636F6D706C  # any fixed number: the advisory lock every replica takes to migrate


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet applied to this database."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Replicas started together migrate one at a time; the others then find nothing left to do.
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@contextlib.contextmanager
def migrated(url: str) -> Iterator[Engine]:
    """An engine on an up-to-date database, disposed of afterwards (for one-shot commands)."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()


def session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)


def check(engine: Engine) -> str | None:
    """None when the database answers, else a short reason with any credentials removed."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable", reported as text
        return redact_url(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")


_CREDENTIALS = re.compile(r"(://[^:/@\s]+:)[^@\s]+@|(password=)\S+", re.IGNORECASE)


def redact_url(text_: str) -> str:
    """Hide passwords in database URLs and DSNs."""
    return _CREDENTIALS.sub(lambda m: (m.group(1) + "***@") if m.group(1) else m.group(2) + "***", text_)


def insert_for(dialect_name: str, table):
    """An INSERT for `table` in the database's own dialect, so it can say ON CONFLICT (PostgreSQL, SQLite)."""
    return {"postgresql": pg_insert, "sqlite": sqlite_insert}.get(dialect_name, insert)(table)


def as_utc(value):
    """Times are stored in UTC; SQLite hands them back without a zone, so put it back."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def get_numbered(session: Session, model, value, noun: str):
    """The row of `model` whose id a person typed (12 or #12), or a UserError / NotFound naming the `noun`."""
    raw = str(value).strip().lstrip("#")
    if not raw:
        raise UserError(_("Which {noun}? Give its number, e.g. `{noun} 12`.", noun=noun))
    number = whole(raw)
    if number is None or number >= 2**31:  # beyond any id the database column can hold
        raise UserError(_("{raw} is not a {noun} number.", raw=repr(raw[:40]), noun=noun))
    row = session.get(model, number)
    if row is None:
        raise NotFound(_("There is no {noun} #{raw}.", noun=noun, raw=raw))
    return row
