"""The audit log: every change of who owns or may do what, and every refusal."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.errors import Refused
from bot.store.db import session as open_session
from bot.store.tables import AuditEntry

log = logging.getLogger(__name__)


def record_audit(session: Session, *, actor: str, action: str, target: str = "", old: str | None = None,
                 new: str | None = None, outcome: str = "ok", now: datetime) -> AuditEntry:
    entry = AuditEntry(at=now, actor=actor, action=action, target=target, old_value=old, new_value=new,
                       outcome=outcome)
    session.add(entry)
    return entry


def record_refusal(engine: Engine, *, actor: str, exc: Refused, now: datetime) -> None:
    """A refused attempt, on record in its own transaction: everything it would have done was rolled back."""
    try:
        with open_session(engine) as session:
            record_audit(session, actor=actor, action=exc.attempted or "refused", outcome="refused",
                         target=exc.tried[:200], new=str(exc)[:500], now=now)
            session.commit()
    except Exception:
        log.exception("could not audit a refusal for %s", actor)
