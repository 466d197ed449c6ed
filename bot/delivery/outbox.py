"""The outbox: a message a platform failed to take is kept as a timer row and sent again later."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from bot.messages import Outbound, dump_outbound, load_outbound, target_platform
from bot.store.tables import Timer
from bot.timers.runner import schedule_timer, wrote_timer

log = logging.getLogger(__name__)

KIND = "outbox"
MAX_ATTEMPTS = 8
FIRST_DELAY = timedelta(seconds=5)
MAX_DELAY = timedelta(hours=1)


def retry_delay(attempt: int) -> timedelta:
    """How long to wait before retry number `attempt` (1-based): 5 s, tripling, at most an hour."""
    return min(FIRST_DELAY * 3 ** (attempt - 1), MAX_DELAY)


def keep_for_retry(session: Session, out: Outbound, *, now: datetime) -> Timer | None:
    """Schedule another delivery of a message that failed (its own outbox row when it has one); None once it
    has failed too often."""
    attempt = out.attempt + 1
    row = session.get(Timer, out.kept) if out.kept is not None else None
    if attempt > MAX_ATTEMPTS:
        log.error("giving up on a message for case %s after %d attempts", out.case_id, out.attempt)
        if row is not None:
            row.status = "done"
        return None
    payload = {"outbound": dump_outbound(replace(out, attempt=attempt, kept=None))}
    if row is None:
        return schedule_timer(session, case_id=out.case_id, kind=KIND, due_at=now + retry_delay(attempt),
                              token=KIND, payload=payload)
    row.status, row.due_at, row.payload = "pending", now + retry_delay(attempt), json.dumps(payload)
    wrote_timer(session, row.due_at)  # wake the runners: this row is theirs now
    return row


def hasten(session: Session, platform: str, *, now: datetime) -> int:
    """A platform is back: its messages waiting for a retry are due now, not at their backed-off time (an outage
    of a minute would otherwise hold them for minutes more). Returns how many."""
    rows = session.exec(select(Timer).where(Timer.kind == KIND, Timer.status == "pending", Timer.due_at > now)).all()
    due = [row for row in rows if target_platform(load_outbound(json.loads(row.payload)["outbound"])) == platform]
    for row in due:
        row.due_at = now
    if due:
        wrote_timer(session, now)
    return len(due)


def enqueue(session: Session, out: Outbound, *, key: str | None, now: datetime) -> Timer:
    """Keep a message (under a unique key when given: the same key twice is refused by the database), leased
    to the runner that wrote it: it sends the message at once, and another runner takes it if that one dies."""
    # Its writer sends it at once: no runner needs waking (a NOTIFY a message would also serialise commits).
    timer = schedule_timer(session, case_id=out.case_id, kind=KIND, due_at=now, token=KIND,
                           payload={"outbound": dump_outbound(out)}, announce=False)
    timer.key, timer.status, timer.fired_at = key, "claimed", now
    return timer


def keep(session: Session, outs: list[Outbound], *, now: datetime, key: str | None = None) -> list[Outbound]:
    """Keep each message in the transaction that decided it; returned with the row that holds it, which the
    sender finishes once the platform took it."""
    rows = [(enqueue(session, out, key=f"{key}:{i}" if key else None, now=now), out) for i, out in enumerate(outs)]
    session.flush()
    return [replace(out, kept=row.id) for row, out in rows]


def keep_for_timer(session: Session, timer_id: int, outs: list[Outbound], *, now: datetime) -> list[Outbound]:
    """What a timer says goes to the outbox in its transaction, keyed by the timer, and the timer is done with
    it: fired twice, each message is still sent once."""
    kept = keep(session, outs, now=now, key=f"timer:{timer_id}")
    session.execute(update(Timer).where(Timer.id == timer_id).values(status="done"))
    return kept


def kept_message(session: Session, timer_id: int) -> Outbound | None:
    """The message a due outbox timer holds."""
    timer = session.get(Timer, timer_id)
    if timer is None:
        return None
    return replace(load_outbound(json.loads(timer.payload)["outbound"]), kept=timer.id, again=True)
