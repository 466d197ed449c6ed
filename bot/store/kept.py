"""Values every event reads and that rarely change (settings, VIP rules, the outbreak's thresholds), kept per
database in this process for a few seconds."""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

KEEP_SECONDS = 5.0


class Kept:
    """One value read from the database, kept per database for KEEP_SECONDS: another replica's change is seen
    within that, this process's own at once (forgotten now, and again when the transaction that changed it ends,
    committed or not)."""

    def __init__(self) -> None:
        self._by_bind: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

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
