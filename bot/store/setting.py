"""Admin settings: a JSON document per key that overrides a shipped default (grading, SLA policy, …)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from bot.store.kept import Kept
from bot.store.tables import Setting


# Every event reads a few settings (grading, SLA policy, …): they are kept for a few seconds per process.
_SETTINGS = Kept()


def read_setting(session: Session, key: str, default: Any) -> Any:
    """The admins' value for `key`, or `default` when they never set one."""
    values = _SETTINGS.get(session, lambda: dict(session.exec(select(Setting.key, Setting.value)).all()))
    return json.loads(values[key]) if key in values else default


def hold_setting(session: Session, key: str) -> None:
    """Until this transaction ends, no other transaction (in any replica) changes `key`, and it is read fresh:
    a change is made to the value as it stands, not to a copy kept for a few seconds, so two admins changing
    different parts of one setting at once both keep their change."""
    if session.get_bind().dialect.name == "postgresql":
        # A transaction-scoped advisory lock: it needs no row (the default may still be in force) and ends
        # with the commit or rollback. SQLite writers already queue on the process's write gate.
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"setting:{key}"})
    _SETTINGS.forget(session)


def write_setting(session: Session, key: str, value: str, *, actor: str, now: datetime) -> str | None:
    """Store `value` (JSON text) for `key`; returns the JSON it replaced, None when the default was in force.
    The caller audits the change in its own words."""
    _SETTINGS.forget(session)
    row = session.get(Setting, key)
    previous = row.value if row else None
    if row is None:
        session.add(Setting(key=key, value=value, updated_by=actor, updated_at=now))
    else:
        row.value, row.updated_by, row.updated_at = value, actor, now
    return previous
