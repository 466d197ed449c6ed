"""Values every event reads and that rarely change (settings, VIP rules, the outbreak's thresholds), kept per
database in this process for a few seconds; and reads one event repeats (a case's offers, clocks, latest
message), kept until the session next writes."""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState
from sqlmodel import Session

KEEP_SECONDS = 5.0
# On PostgreSQL a transaction that changed a kept value tells every replica as it commits; each forgets what it
# kept (the timer runner's listener hears it). KEEP_SECONDS stays the bound when a notice is missed.
SETTINGS_CHANNEL = "bot_settings"
_TOLD = "replicas told"  # session.info key: this transaction will NOTIFY as it commits
_EVERY: weakref.WeakSet = weakref.WeakSet()


class Kept:
    """One value read from the database, kept per database for KEEP_SECONDS: this process's own change is seen at
    once (forgotten now, and again when the transaction that changed it ends, committed or not), another
    replica's as soon as its commit's notice arrives (PostgreSQL), and within KEEP_SECONDS in any case."""

    def __init__(self) -> None:
        self._by_bind: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        _EVERY.add(self)

    def get(self, session: Session, load: Callable[[], Any]) -> Any:
        bind = session.get_bind()
        kept = self._by_bind.get(bind)
        if kept is None or kept[0] < time.monotonic():
            kept = (time.monotonic() + KEEP_SECONDS, load())
            self._by_bind[bind] = kept
        return kept[1]

    def forget(self, session: Session) -> None:
        bind = session.get_bind()
        self._by_bind.pop(bind, None)
        event.listen(session, "after_transaction_end", lambda *_: self._by_bind.pop(bind, None), once=True)
        if bind.dialect.name == "postgresql" and not session.info.get(_TOLD):
            session.info[_TOLD] = True
            event.listen(session, "before_commit", _tell_replicas, once=True)
            event.listen(session, "after_transaction_end", lambda s, _t: s.info.pop(_TOLD, None), once=True)


def _tell_replicas(session: Session) -> None:
    # Delivered when the commit lands, and not at all if it rolls back.
    session.execute(text(f"NOTIFY {SETTINGS_CHANNEL}"))


def forget_everywhere() -> None:
    """Forget every kept value in this process: another replica changed one."""
    for kept in list(_EVERY):
        kept._by_bind.clear()


_READS = "reads until the next write"  # session.info key


def read_once(session: Session, key: tuple, load: Callable[[], Any]) -> Any:
    """`load()`, read once until this session next writes anything (a flush, an UPDATE or DELETE) or its
    transaction ends: building a card asks for a case's offers, clocks and latest message more than once, and
    nothing changes between. For reads of rows a change in this session adds only after a flush."""
    reads = session.info.setdefault(_READS, {})
    if key not in reads:
        reads[key] = load()
    return reads[key]


@event.listens_for(Session, "after_flush")
def _forget_on_flush(session, _context) -> None:
    session.info.pop(_READS, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_on_end(session, _transaction) -> None:  # committed (others may write next) or rolled back
    session.info.pop(_READS, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        state.session.info.pop(_READS, None)
