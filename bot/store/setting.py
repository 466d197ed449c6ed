"""Admin settings: a JSON document per key that overrides a shipped default (grading, SLA policy, …)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from bot.store.kept import Kept
from bot.store.tables import Setting


# Every event reads a few settings (grading, SLA policy, …): they are kept for a few seconds per process.
_SETTINGS = Kept()


def read_setting(session: Session, key: str, default: Any) -> Any:
    """The admins' value for `key`, or `default` when they never set one."""
    values = _SETTINGS.get(session, lambda: dict(session.exec(select(Setting.key, Setting.value)).all()))
    return json.loads(values[key]) if key in values else default


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
