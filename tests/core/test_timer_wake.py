"""A timer is on time: one written here wakes this runner at once, one written by another replica wakes every
runner through PostgreSQL's NOTIFY; replicas starting together migrate safely; /metrics says how it goes."""

import asyncio
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import text

from bot.commands.registry import Command, TimerKind
from bot.desk import Desk
from bot.events import CommandInvoked
from bot.messages import answer
from bot.store import db
from bot.timers.runner import MAX_SLEEP_SECONDS, TimerRunner, announce_timers, schedule_timer
from tests.conftest import PG_URL, _postgres_engine


def probe_desk(engine, analyzer, clock, fired: list) -> Desk:
    """A desk with a `probe` command that writes a timer due now, and a `probe` timer kind that records it."""
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)

    def write(ctx, args):
        schedule_timer(ctx.session, case_id=None, kind="probe", due_at=ctx.now, token=args or "t")
        return answer("scheduled")

    desk.team.registry.command(Command("probe", "probe", "test", write))
    desk.team.registry.timer(TimerKind("probe", lambda team, session, event: fired.append(time.monotonic()) or []))
    return desk


async def wait_for(fired: list, n: int, seconds: float) -> None:
    for _ in range(int(seconds * 20)):
        if len(fired) >= n:
            return
        await asyncio.sleep(0.05)


async def test_a_timer_written_here_wakes_this_runner_at_once(engine, analyzer, clock):
    fired = []
    desk = probe_desk(engine, analyzer, clock, fired)
    sent = []

    async def deliver(out):
        sent.extend(out)

    runner = TimerRunner(engine=engine, clock=clock, handle=desk.handle, deliver=deliver)
    desk.on_timers = runner.poke_threadsafe
    task = asyncio.create_task(runner.run())
    await asyncio.sleep(0.3)  # the runner sleeps: nothing is due, it would look again in MAX_SLEEP_SECONDS
    started = time.monotonic()
    await asyncio.to_thread(desk.handle, CommandInvoked(platform="slack", event_id="p1", member="slack:U1", name="probe"))
    await wait_for(fired, 1, 5)
    task.cancel()
    assert fired and fired[0] - started < 2.0 < MAX_SLEEP_SECONDS


@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
async def test_a_timer_written_by_another_replica_wakes_this_runner_through_notify(engine, analyzer, clock):
    fired = []
    writer = probe_desk(engine, analyzer, clock, fired)  # replica A writes; its own runner is not running
    reader = probe_desk(engine, analyzer, clock, fired)  # replica B's runner must hear it

    async def deliver(out):
        pass

    runner = TimerRunner(engine=engine, clock=clock, handle=reader.handle, deliver=deliver)
    task = asyncio.create_task(runner.run())
    await asyncio.sleep(1.5)  # listening, and asleep
    started = time.monotonic()
    await asyncio.to_thread(writer.handle, CommandInvoked(platform="slack", event_id="p2", member="slack:U1", name="probe"))
    await wait_for(fired, 1, 8)
    task.cancel()
    assert fired and fired[0] - started < 3.0 < MAX_SLEEP_SECONDS


def test_replicas_starting_together_migrate_one_at_a_time():
    probe, admin, schema = _postgres_engine()  # a fresh, empty schema; skips or fails as every PG test does
    probe.dispose()
    errors = []
    try:
        def start():
            engine = db.make_engine(PG_URL, schema=schema)
            try:
                db.upgrade(engine)
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)
            finally:
                engine.dispose()

        threads = [threading.Thread(target=start) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


async def test_metrics_say_how_the_bot_is_doing_and_never_what_customers_said(start_server):
    client, core = await start_server(as_member="web:ops")
    await client.post("/api/messages", json={"text": "我要投诉，电话13812345678"})
    body = await (await client.get("/metrics")).text()
    assert 'bot_events_total{outcome="ok",type="MessageReceived"} 1.0' in body
    assert "bot_outbox_backlog 0.0" in body and "bot_timers_overdue" in body and "bot_timer_lateness_seconds" in body
    assert "bot_inbox_backlog 0.0" in body and "bot_inbox_age_seconds 0.0" in body
    assert "13812345678" not in body and "投诉" not in body


def test_only_a_timer_due_before_the_runners_longest_sleep_wakes_it(engine, clock):
    # A new case's SLA timers are due in hours: a runner finds them at its next look, without a wake or a NOTIFY.
    later = clock.now() + timedelta(seconds=MAX_SLEEP_SECONDS + 60)
    with db.session(engine) as s:
        schedule_timer(s, case_id=None, kind="probe", due_at=later, token="later")
        assert announce_timers(s, clock.now()) is False
        schedule_timer(s, case_id=None, kind="probe", due_at=later, token="later")
        schedule_timer(s, case_id=None, kind="probe", due_at=clock.now() + timedelta(seconds=5), token="soon")
        assert announce_timers(s, clock.now()) is True
        assert announce_timers(s, clock.now()) is False  # told once: the next commit wakes nobody for these
