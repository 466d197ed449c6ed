"""The timer runner: fires due timer rows from the database, then sleeps until the next one is due."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.events import TimerFired
from bot.messages import Outbound
from bot.ports import Clock
from bot.store.db import as_utc
from bot.store.db import session as open_session
from bot.store.tables import Timer

log = logging.getLogger(__name__)

MAX_SLEEP_SECONDS = 60.0  # re-check at least this often, in case a timer was written by another process
BATCH = 200
# A claimed row not finished within this long belongs to a runner that died; another may take it.
LEASE = timedelta(seconds=60)


def schedule_timer(session, *, case_id: int | None, kind: str, due_at: datetime, token: str,
                   payload: dict | None = None) -> Timer:
    """Write a timer row; the runner fires it once it is due and its token is still current."""
    timer = Timer(case_id=case_id, kind=kind, token=token, due_at=due_at, payload=json.dumps(payload or {}))
    session.add(timer)
    return timer


class TimerRunner:
    """Claims due timers (SKIP LOCKED on PostgreSQL), hands each to the core, delivers what it returns."""

    def __init__(self, *, engine: Engine, clock: Clock, handle: Callable[[TimerFired], list[Outbound]],
                 deliver: Callable[[list[Outbound]], Awaitable[None]]) -> None:
        self.engine = engine
        self.clock = clock
        self.handle = handle
        self.deliver = deliver
        self._wake = asyncio.Event()

    def poke(self) -> None:
        """Wake the loop now: a new timer may be due sooner than the one it sleeps for."""
        self._wake.set()

    def claim_due(self) -> list[TimerFired]:
        """Lease due timers (and ones a dead runner left claimed) and return them as events (one transaction)."""
        now = self.clock.now()
        due = or_(and_(Timer.status == "pending", Timer.due_at <= now),
                  and_(Timer.status == "claimed", Timer.fired_at <= now - LEASE))
        with open_session(self.engine) as s:
            rows = list(s.exec(select(Timer).where(due).order_by(Timer.due_at).limit(BATCH)
                               .with_for_update(skip_locked=True)))
            for row in rows:
                row.status, row.fired_at = "claimed", now
            s.commit()
            return [TimerFired(platform="timer", event_id=f"timer:{r.id}", member="system:timer", timer_id=r.id,
                               kind=r.kind, case_id=r.case_id, token=r.token, due_at=r.due_at, payload=r.payload)
                    for r in rows]

    def finish(self, *timer_ids: int) -> None:
        """These kept messages reached the platform: their rows will not fire again."""
        with open_session(self.engine) as s:
            s.execute(update(Timer).where(Timer.id.in_(timer_ids), Timer.status == "claimed").values(status="done"))
            s.commit()

    def next_due(self) -> datetime | None:
        with open_session(self.engine) as s:
            return as_utc(s.exec(select(func.min(Timer.due_at)).where(Timer.status == "pending")).one())

    async def run_due(self) -> int:
        """Fire everything due now; returns how many fired.

        A timer's handler writes the messages it makes to the outbox, in its own transaction; an outbox
        row is delivered here and finished only after the platform took it, so a crash anywhere
        leaves work to redo after the lease, never a message sent twice by two runners.
        """
        fired = await asyncio.to_thread(self.claim_due)
        for event in fired:
            out = await asyncio.to_thread(self.handle, event)
            if out:
                await self.deliver(out)
            # The kept messages just delivered, or the timer itself when it made none.
            done = {o.kept for o in out if o.kept is not None} or {event.timer_id}
            await asyncio.to_thread(self.finish, *done)
        return len(fired)

    async def run(self) -> None:
        while True:
            try:
                while await self.run_due():
                    pass  # what fired may have written messages due now
                nxt = await asyncio.to_thread(self.next_due)
            except Exception:
                log.exception("timer runner pass failed; retrying shortly")
                nxt = None
            delay = MAX_SLEEP_SECONDS
            if nxt is not None:
                delay = max(0.0, min(delay, (nxt - self.clock.now()).total_seconds()))
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=delay)
            except TimeoutError:
                pass
