"""Admin settings: a JSON document per key that overrides a shipped default (grading, SLA policy, …)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.store.tables import Setting


def read_setting(session: Session, key: str, default: Any) -> Any:
    """The admins' value for `key`, or `default` when they never set one."""
    row = session.get(Setting, key)
    return json.loads(row.value) if row else default


def write_setting(session: Session, key: str, value: str, *, actor: str, now: datetime) -> str | None:
    """Store `value` (JSON text) for `key`; returns the JSON it replaced, None when the default was in force.
    The caller audits the change in its own words."""
    row = session.get(Setting, key)
    previous = row.value if row else None
    if row is None:
        session.add(Setting(key=key, value=value, updated_by=actor, updated_at=now))
    else:
        row.value, row.updated_by, row.updated_at = value, actor, now
    return previous
