"""Several runners on one PostgreSQL database: every due timer's message is sent exactly once."""

import asyncio
import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import insert

from bot.commands.registry import TimerKind
from bot.desk import Desk
from bot.messages import Outbound, text_card
from bot.store.tables import Timer
from bot.timers.runner import TimerRunner

TIMERS, RUNNERS = 10_000, 3


@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
async def test_three_runners_send_each_of_ten_thousand_notifications_once(engine, analyzer, clock):
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    desk.team.registry.timer(TimerKind("probe", lambda team, session, event: [
        Outbound(text_card(f"probe {event.token}"), private=True, recipients=("web:ops",))]))
    due = clock.now() - timedelta(seconds=1)
    with engine.begin() as conn:
        conn.execute(insert(Timer), [{"kind": "probe", "token": f"n{i}", "due_at": due, "status": "pending",
                                      "payload": "{}"} for i in range(TIMERS)])
    sent: list[str] = []
    lock = threading.Lock()

    async def deliver(outbounds):
        with lock:
            sent.extend(o.card.fallback for o in outbounds)

    runners = [TimerRunner(engine=engine, clock=clock, handle=desk.handle, deliver=deliver) for _ in range(RUNNERS)]

    async def drain(runner):
        fired = 0
        while n := await runner.run_due():
            fired += n
        return fired

    fired = await asyncio.gather(*(drain(r) for r in runners))
    counts = Counter(sent)
    assert len(counts) == TIMERS and max(counts.values()) == 1
    assert sum(fired) == TIMERS  # each probe timer once; its outbox row is sent by the runner that wrote it
    assert all(f > 0 for f in fired), fired  # the work really was shared


@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
def test_replicas_starting_together_both_make_the_same_admin_and_start(engine, clock, tmp_path):
    """One replica adds BOT_ADMINS' member while another is adding it too: the second one starts anyway."""
    from bot.app import build_core
    from bot.members.service import ensure_admins, find_member
    from bot.store import db
    from tests.conftest import make_settings

    first = db.session(engine)
    ensure_admins(first, ["slack:UBOSS"], now=clock.now())  # inserted, not yet committed: the other replica waits
    started = {}
    other = threading.Thread(target=lambda: started.setdefault("core", build_core(
        make_settings(tmp_path, BOT_ADMINS="slack:UBOSS"), clock=clock, engine=engine, migrate=False)))
    other.start()
    other.join(1.0)
    assert other.is_alive()  # blocked on the same row
    first.commit()
    first.close()
    other.join(30)
    assert "core" in started
    with db.session(engine) as s:
        assert find_member(s, "slack:UBOSS").role == "admin"
