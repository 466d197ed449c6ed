"""The durable inbox: every inbound event is committed here before its platform is told it arrived, and a
bounded pool of workers takes rows from it; the transaction that handles an event deletes its row."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine

from bot.events import Event, cleaned, dump_event, load_event
from bot.messages import MessageRef
from bot.ports import Clock
from bot.store.db import as_utc, insert_for, write_gate
from bot.store.tables import InboxEvent
from bot.timers.runner import sleep_until_woken

log = logging.getLogger(__name__)

# A claimed row not handled within this long belongs to a process that stopped; another may take it.
LEASE = timedelta(seconds=15)
POLL_SECONDS = 2.0  # a safety net: rows stored by this process are handed to its workers at once
MAX_ATTEMPTS = 5  # a row that was claimed this often without being handled is dropped (it crashes its worker)
TABLE = InboxEvent.__table__


@dataclass(frozen=True)
class Item:
    """A stored event, with where its answer goes, leased to this process's workers."""

    id: int
    event: Event
    here: MessageRef | None


def _payload(event: Event, here: MessageRef | None) -> str:
    return json.dumps({"event": dump_event(event), "here": asdict(here) if here else None}, default=str,
                      ensure_ascii=False)


def _item(row) -> Item:
    data = json.loads(row.payload)
    return Item(row.id, load_event(data["event"]), MessageRef(**data["here"]) if data.get("here") else None)


class Inbox:
    """Group-commits accepted events and feeds them to `concurrency` workers, at most four times that many in
    memory; a backlog waits in the database."""

    def __init__(self, *, engine: Engine, clock: Clock, process: Callable[[Item], Awaitable[None]],
                 concurrency: int) -> None:
        self.engine, self.clock, self.process = engine, clock, process
        self.concurrency = concurrency
        self.ahead = 4 * concurrency  # rows leased to this process at most: its workers' and their next ones
        self._pending: list[tuple[Event, MessageRef | None, bool, asyncio.Future]] = []
        self._flushing: asyncio.Task | None = None
        self._queue: asyncio.Queue[Item] = asyncio.Queue()
        self._wake = asyncio.Event()
        self._busy = 0
        self._running = False
        self._unleased = True  # rows may wait unclaimed (at start: a restart's, or another replica's)

    # -- the door ------------------------------------------------------------------------------------
    async def accept(self, event: Event, here: MessageRef | None, *, keep: bool = False) -> Item | None:
        """Return once the event is committed. `keep`: the caller handles it itself (the row is leased to it
        and returned); otherwise a worker will. None when the event was already in the inbox."""
        future = asyncio.get_running_loop().create_future()
        self._pending.append((cleaned(event), here, keep, future))
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        """Write whatever arrived while the last write ran in one transaction: one commit for many events."""
        while self._pending:
            batch, self._pending = self._pending, []
            # Rows this process's workers can take at once are stored leased to them: no claim round trip.
            room = self.ahead - self._queue.qsize() - self._busy if self._running else 0
            try:
                items = await asyncio.to_thread(self._insert, batch, room)
            except Exception as exc:  # noqa: BLE001 - every caller hears it: nothing was stored, nothing acked
                for *_unused, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (event, here, keep, future), (item, leased) in zip(batch, items):
                if leased and not keep:
                    self._queue.put_nowait(item)
                if not future.done():
                    future.set_result(item if keep else None)
            if any(item is not None and not leased for item, leased in items):
                self._unleased = True
                self._wake.set()  # rows left for a claim

    def _insert(self, batch, room: int) -> list[tuple[Item | None, bool]]:
        """Insert the batch, skipping events already in the inbox (None); each stored row says if it is leased."""
        now = self.clock.now()
        values = []
        for event, here, keep, _future in batch:
            leased = keep or room > 0
            room -= 0 if keep else 1
            values.append({"platform": event.platform, "event_id": event.event_id, "payload": _payload(event, here),
                           "received_at": now, "status": "claimed" if leased else "pending",
                           "claimed_at": now if leased else None, "attempts": 1 if leased else 0})
        stmt = insert_for(self.engine.dialect.name, TABLE)
        if hasattr(stmt, "on_conflict_do_nothing"):
            stmt = stmt.on_conflict_do_nothing(index_elements=["platform", "event_id"])
        with write_gate(self.engine, urgent=True), self.engine.begin() as conn:
            ids: dict[tuple[str, str], int] = {}
            for row in conn.execute(stmt.returning(TABLE.c.id, TABLE.c.platform, TABLE.c.event_id), values):
                ids[(row.platform, row.event_id)] = row.id
        out: list[tuple[Item | None, bool]] = []
        for (event, here, _keep, _future), value in zip(batch, values):
            row_id = ids.get((event.platform, event.event_id))
            if row_id is None:
                log.info("event %s:%s was already in the inbox", event.platform, event.event_id)
            out.append((Item(row_id, event, here) if row_id is not None else None, value["status"] == "claimed"))
        return out

    # -- the workers ---------------------------------------------------------------------------------
    def claim(self, limit: int) -> list[Item]:
        """Lease up to `limit` waiting rows, oldest first, and rows whose lease ran out (one transaction)."""
        now = self.clock.now()
        with write_gate(self.engine), self.engine.begin() as conn:
            def rows(*where):
                return list(conn.execute(select(TABLE.c.id, TABLE.c.payload, TABLE.c.attempts, TABLE.c.platform,
                                                TABLE.c.event_id).where(*where).order_by(TABLE.c.id)
                                         .limit(limit).with_for_update(skip_locked=True)))
            found = rows(TABLE.c.status == "claimed", TABLE.c.claimed_at <= now - LEASE)
            found += rows(TABLE.c.status == "pending") if len(found) < limit else []
            found = found[:limit]
            poison = [r for r in found if r.attempts >= MAX_ATTEMPTS]
            for r in poison:
                log.error("inbox event %s:%s dropped after %d attempts that never finished", r.platform,
                          r.event_id, r.attempts)
            if poison:
                conn.execute(delete(TABLE).where(TABLE.c.id.in_([r.id for r in poison])))
            taken = [r for r in found if r.attempts < MAX_ATTEMPTS]
            if taken:
                conn.execute(update(TABLE).where(TABLE.c.id.in_([r.id for r in taken]))
                             .values(status="claimed", claimed_at=now, attempts=TABLE.c.attempts + 1))
        return [_item(r) for r in taken]

    def release(self, ids: list[int] | None) -> None:
        """Give rows this process will not handle back to any worker (a graceful stop); None: every claimed row."""
        if ids is None or ids:
            where = TABLE.c.status == "claimed" if ids is None else TABLE.c.id.in_(ids)
            with write_gate(self.engine), self.engine.begin() as conn:
                conn.execute(update(TABLE).where(where).values(status="pending", claimed_at=None))

    async def run(self) -> None:
        """Keep the workers fed: rows stored here arrive directly, others (a restart, a dead replica) by claim."""
        self._running = True
        self._queue, self._wake = asyncio.Queue(), asyncio.Event()  # bound to the loop that runs them
        workers = [asyncio.create_task(self._work(), name=f"inbox-worker-{i}") for i in range(self.concurrency)]
        loop = asyncio.get_running_loop()
        looked = float("-inf")
        try:
            while True:
                self._wake.clear()
                room = self.ahead - self._queue.qsize() - self._busy
                # Claims of several rows, not one a finished event: a claim when half the room is free or the
                # workers are out of work. Only when rows are known to wait, and at the poll for rows it cannot
                # know of (a dead replica's, one stored while the room was full).
                hungry = room > 0 and (self._queue.empty() or room >= self.ahead // 2)
                if hungry and (self._unleased or loop.time() - looked >= POLL_SECONDS):
                    self._unleased, looked = False, loop.time()
                    items = await self._claim(room)
                    for item in items:
                        self._queue.put_nowait(item)
                    if items and len(items) == room:
                        self._unleased = True
                        continue  # there may be more
                # Full: a worker that finishes wakes it. Else the poll is due when the last look is that old.
                poll = looked + POLL_SECONDS - loop.time() if hungry else POLL_SECONDS
                await sleep_until_woken(self._wake, max(0.01, poll))
        finally:
            self._running = False
            await self._stop(workers)

    async def _claim(self, room: int) -> list[Item]:
        claiming = asyncio.ensure_future(asyncio.to_thread(self.claim, room))
        try:
            return await asyncio.shield(claiming)
        except asyncio.CancelledError:
            # Stopped mid-claim: the claim commits anyway, so its rows go back with the queue's.
            with contextlib.suppress(Exception):
                for item in await claiming:
                    self._queue.put_nowait(item)
            raise
        except Exception:  # noqa: BLE001 - the database is away; look again shortly
            log.warning("inbox claim failed; trying again at the next poll", exc_info=True)
            return []

    async def _work(self) -> None:
        while True:
            item = await self._queue.get()
            self._busy += 1
            try:
                await self.process(item)
            except Exception:  # noqa: BLE001 - the row stays leased and is taken again after the lease
                log.exception("inbox event %s:%s failed", item.event.platform, item.event.event_id)
            finally:
                self._busy -= 1
                self._wake.set()  # room for one more

    async def _stop(self, workers: list[asyncio.Task], grace: float = 10.0) -> None:
        """A graceful stop: events being handled finish (up to `grace`), the rest go back to the inbox."""
        waiting = []
        while not self._queue.empty():
            waiting.append(self._queue.get_nowait().id)
        await asyncio.to_thread(self.release, waiting)
        deadline = asyncio.get_running_loop().time() + grace
        while self._busy and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
        for task in workers:
            task.cancel()
        await asyncio.wait(workers, timeout=grace)


def backlog(conn, now) -> tuple[int, float]:
    """How many events wait in the inbox and how long the oldest has waited (seconds)."""
    count, oldest = conn.execute(select(func.count(), func.min(TABLE.c.received_at)).select_from(TABLE)).one()
    return count, (now - as_utc(oldest)).total_seconds() if oldest is not None else 0.0
