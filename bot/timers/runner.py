"""The timer runner: fires due timer rows from the database, then sleeps until the next one is due."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, text, update
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.events import TimerFired
from bot.messages import Outbound
from bot.ports import Clock
from bot.store.db import as_utc, write_gate
from bot.store.db import session as open_session
from bot.store.kept import SETTINGS_CHANNEL, forget_everywhere
from bot.store.tables import Timer

log = logging.getLogger(__name__)

# A safety net only: a timer written here wakes the runner at once, one written by another replica wakes it
# through PostgreSQL's NOTIFY.
MAX_SLEEP_SECONDS = 30.0
BATCH = 25  # small claims: a runner that dies strands few pings
# A claimed row not finished within this long belongs to a runner that died; another may take it.
LEASE = timedelta(seconds=10)
NOTIFY_CHANNEL = "bot_timers"
CONCURRENCY = 4  # timers handled at once on PostgreSQL (SQLite writes one at a time)
WRITTEN = "timers written"  # session.info key: when the earliest timer this transaction wrote is due


def schedule_timer(session, *, case_id: int | None, kind: str, due_at: datetime, token: str,
                   payload: dict | None = None, announce: bool = True) -> Timer:
    """Write a timer row; the runner fires it once it is due and its token is still current. `announce`
    wakes the runners when the transaction commits (not needed for a row its writer sends itself)."""
    timer = Timer(case_id=case_id, kind=kind, token=token, due_at=due_at, payload=json.dumps(payload or {}))
    session.add(timer)
    if announce:
        wrote_timer(session, due_at)
    return timer


def wrote_timer(session, due_at: datetime) -> None:
    """Note that this transaction wrote a timer due at `due_at`: the runners may need waking when it commits."""
    due_at, earlier = as_utc(due_at), session.info.get(WRITTEN)
    session.info[WRITTEN] = due_at if earlier is None else min(earlier, due_at)


def schedule_timers(session, *, case_id: int | None, kind: str, token: str, due: list[tuple[datetime, dict]]) -> None:
    """Write several timer rows of one kind and token (a clock's warning points) in one statement, and wake the
    runners when the transaction commits."""
    if due:
        session.connection().execute(Timer.__table__.insert(), [
            {"case_id": case_id, "kind": kind, "token": token, "due_at": at, "status": "pending", "fired_at": None,
             "payload": json.dumps(payload), "key": None} for at, payload in due])
        wrote_timer(session, min(at for at, _payload in due))


async def sleep_until_woken(wake: asyncio.Event, seconds: float) -> None:
    """Sleep until `wake` is set or `seconds` pass, whichever is first."""
    # asyncio.timeout, not wait_for: before Python 3.12 wait_for can swallow a cancel that lands as the wait
    # ends, and a server's stop would then wait for the sleeping task forever.
    try:
        async with asyncio.timeout(seconds):
            await wake.wait()
    except TimeoutError:
        pass


def announce_timers(session, now: datetime) -> bool:
    """Just before a commit: whether this transaction wrote a timer that a sleeping runner could miss, and on
    PostgreSQL a NOTIFY that every replica's runner hears the moment the commit lands.

    A runner never sleeps longer than MAX_SLEEP_SECONDS, so a timer due later than that is found by its next
    look anyway: no wake, and no NOTIFY (which serialises PostgreSQL's commits)."""
    due = session.info.pop(WRITTEN, None)
    if due is None or as_utc(due) - now >= timedelta(seconds=MAX_SLEEP_SECONDS):
        return False
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))
    return True


def finish_timers(session, timer_ids) -> None:
    """Timers done with: their kept messages reached the platform. A row under a key stays, as done, so the timer
    that made it cannot make it twice; the others go."""
    if timer_ids:
        session.execute(delete(Timer).where(Timer.id.in_(timer_ids), Timer.status == "claimed", Timer.key.is_(None),
                                            Timer.kind == "outbox"))
        session.execute(update(Timer).where(Timer.id.in_(timer_ids), Timer.status == "claimed").values(status="done"))


class TimerRunner:
    """Claims due timers (SKIP LOCKED on PostgreSQL), hands each to the core, delivers what it returns."""

    def __init__(self, *, engine: Engine, clock: Clock, handle: Callable[[TimerFired], list[Outbound]],
                 deliver: Callable[[list[Outbound]], Awaitable[None]]) -> None:
        self.engine = engine
        self.clock = clock
        self.handle = handle
        self.deliver = deliver
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._listening = False
        self.on_fired: Callable[[TimerFired, datetime], None] | None = None  # metrics: how late each fired

    def poke(self) -> None:
        """Wake the loop now: a new timer may be due sooner than the one it sleeps for."""
        self._wake.set()

    def poke_threadsafe(self) -> None:
        """The same, from another thread (the desk's workers, the NOTIFY listener)."""
        if self._loop is not None:
            try:
                self._loop.call_soon_threadsafe(self._wake.set)
            except RuntimeError:
                pass  # the loop closed while this thread was about to wake it: nobody is left to wake

    def _listen(self) -> None:
        """On PostgreSQL: wake on every NOTIFY a replica sends when it commits new timers, and forget the kept
        settings when one commits a change to them."""
        import psycopg

        url = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while self._listening:
            try:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    conn.execute(f"LISTEN {SETTINGS_CHANNEL}")
                    forget_everywhere()  # a change may have landed while no one listened
                    while self._listening:
                        for notice in conn.notifies(timeout=1.0, stop_after=1):
                            if notice.channel == SETTINGS_CHANNEL:
                                forget_everywhere()
                            else:
                                self.poke_threadsafe()
            except Exception:  # noqa: BLE001 - the poll below still fires every timer; retry the listen
                log.warning("timer NOTIFY listener lost its connection; listening again shortly")
                self.poke_threadsafe()
                time.sleep(1.0)

    def claim_due(self, limit: int = BATCH) -> list[TimerFired]:
        """Lease due timers (and ones a dead runner left claimed) and return them as events (one transaction)."""
        now = self.clock.now()
        # Two index-friendly reads (status, due_at), not one OR over both: claims are small and frequent, and
        # an OR made each one scan the whole timer table.
        with write_gate(self.engine), open_session(self.engine) as s:
            rows = list(s.exec(select(Timer).where(Timer.status == "claimed", Timer.fired_at <= now - LEASE)
                               .order_by(Timer.due_at).limit(limit).with_for_update(skip_locked=True)))
            if len(rows) < limit:
                rows += s.exec(select(Timer).where(Timer.status == "pending", Timer.due_at <= now)
                               .order_by(Timer.due_at).limit(limit - len(rows)).with_for_update(skip_locked=True))
            for row in rows:
                row.status, row.fired_at = "claimed", now
            s.commit()
            return [TimerFired(platform="timer", event_id=f"timer:{r.id}", member="system:timer", timer_id=r.id,
                               kind=r.kind, case_id=r.case_id, token=r.token, due_at=r.due_at, payload=r.payload)
                    for r in rows]

    def finish(self, *timer_ids: int) -> None:
        """These kept messages reached the platform (or these timers said nothing): they will not fire again."""
        with write_gate(self.engine), open_session(self.engine) as s:
            finish_timers(s, timer_ids)
            s.commit()

    def next_due(self) -> datetime | None:
        with open_session(self.engine) as s:
            return as_utc(s.exec(select(func.min(Timer.due_at)).where(Timer.status == "pending")).one())

    @property
    def width(self) -> int:
        """Timers handled at once: PostgreSQL takes several writers, SQLite one."""
        return CONCURRENCY if self.engine.dialect.name == "postgresql" else 1

    async def fire(self, event: TimerFired) -> None:
        """Hand one claimed timer to the core and deliver what it said.

        A timer's handler writes the messages it makes to the outbox, in its own transaction; an outbox
        row is delivered here and finished only after the platform took it, so a crash anywhere
        leaves work to redo after the lease, never a message sent twice by two runners.
        """
        if self.on_fired is not None:
            self.on_fired(event, self.clock.now())
        out = await asyncio.to_thread(self.handle, event)
        if out:
            await self.deliver(out)
        # The kept messages just delivered, or the timer itself when it made none.
        done = {o.kept for o in out if o.kept is not None} or {event.timer_id}
        await asyncio.to_thread(self.finish, *done)

    async def run_due(self) -> int:
        """Fire everything due now (one claim); returns how many fired."""
        fired = await asyncio.to_thread(self.claim_due)
        gate = asyncio.Semaphore(self.width)

        async def one(event: TimerFired) -> None:
            async with gate:
                await self.fire(event)

        await asyncio.gather(*(one(event) for event in fired))
        return len(fired)

    def release_all(self) -> None:
        """Every claimed timer is due again now (for a process that knows no other runner is alive)."""
        with write_gate(self.engine), open_session(self.engine) as s:
            s.execute(update(Timer).where(Timer.status == "claimed").values(status="pending"))
            s.commit()

    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()
        if self.engine.dialect.name == "postgresql":
            self._listening = True
            threading.Thread(target=self._listen, name="timer-notify", daemon=True).start()
        # A pipeline, not batches: a slot that frees claims the next due timer at once, so one slow delivery
        # never holds back the timers claimed with it. A few are claimed ahead, never more than twice the width.
        gate = asyncio.Semaphore(self.width)
        busy: set[asyncio.Task] = set()

        async def one(event: TimerFired) -> None:
            async with gate:
                try:
                    await self.fire(event)
                except Exception:  # noqa: BLE001 - the lease runs out and the timer fires again
                    log.exception("timer %s failed; it fires again after its lease", event.timer_id)

        def done(task: asyncio.Task) -> None:
            busy.discard(task)
            self._wake.set()

        try:
            while True:
                self._wake.clear()  # before looking: a poke from now on is not lost
                room = 2 * self.width - len(busy)
                nxt = None
                try:
                    fired = await asyncio.to_thread(self.claim_due, room) if room > 0 else []
                    for event in fired:
                        task = asyncio.create_task(one(event))
                        busy.add(task)
                        task.add_done_callback(done)
                    if fired and len(fired) == room:
                        continue  # more may be due
                    if room > 0:
                        nxt = await asyncio.to_thread(self.next_due)
                except Exception:
                    log.exception("timer runner pass failed; retrying shortly")
                delay = MAX_SLEEP_SECONDS
                if nxt is not None:
                    delay = max(0.0, min(MAX_SLEEP_SECONDS, (nxt - self.clock.now()).total_seconds()))
                await sleep_until_woken(self._wake, delay)
        finally:
            self._listening = False
            for task in busy:
                task.cancel()
