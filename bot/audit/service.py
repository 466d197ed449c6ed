"""The audit log: every change of who owns or may do what, and every refusal."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.store.tables import AuditEntry


def record_audit(session: Session, *, actor: str, action: str, target: str = "", old: str | None = None,
                 new: str | None = None, outcome: str = "ok", now: datetime) -> AuditEntry:
    entry = AuditEntry(at=now, actor=actor, action=action, target=target, old_value=old, new_value=new,
                       outcome=outcome)
    session.add(entry)
    return entry
