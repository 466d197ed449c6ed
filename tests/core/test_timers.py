"""The timer runner fires due rows once, with a moved clock, on SQLite and PostgreSQL."""

from datetime import timedelta

from sqlmodel import select

from bot.store import db
from bot.store.tables import Timer
from bot.timers.runner import TimerRunner, schedule_timer


async def test_due_timers_fire_once_and_the_runner_knows_the_next_one(engine, clock):
    fired, delivered = [], []

    def handle(event):
        fired.append(event)
        return []

    async def deliver(out):
        delivered.append(out)

    runner = TimerRunner(engine=engine, clock=clock, handle=handle, deliver=deliver)
    with db.session(engine) as s:
        schedule_timer(s, case_id=None, kind="probe", due_at=clock.now() + timedelta(minutes=5), token="t1")
        schedule_timer(s, case_id=None, kind="probe", due_at=clock.now() + timedelta(minutes=10), token="t2")
        s.commit()

    assert await runner.run_due() == 0
    assert runner.next_due() == clock.now() + timedelta(minutes=5)
    clock.advance(timedelta(minutes=6))
    assert await runner.run_due() == 1
    assert await runner.run_due() == 0
    assert [e.token for e in fired] == ["t1"]
    clock.advance(timedelta(minutes=5))
    assert await runner.run_due() == 1
    assert runner.next_due() is None
    with db.session(engine) as s:
        assert {t.status for t in s.exec(select(Timer))} == {"done"}
