"""The durable inbox: an event is committed before `accept` returns, survives a stop, is handled once, and its
answers go out through the outbox; console messages live in the database, seen by every process."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from bot.app import build_core
from bot.cases.tables import Case
from bot.delivery import feed
from bot.events import MessageReceived
from bot.messages import MessageRef, Outbound, text_card
from bot.store import db
from bot.store.db import as_utc
from bot.store.tables import InboxEvent, ProcessedEvent, Timer
from tests.conftest import make_settings

HERE = MessageRef("slack", "D1", "100.1")


class RecordingPort:
    platform = "slack"

    def __init__(self) -> None:
        self.sent: list[Outbound] = []
        self.arrived = asyncio.Event()

    async def deliver(self, message: Outbound) -> MessageRef | None:
        self.sent.append(message)
        self.arrived.set()
        return MessageRef("slack", message.reply_to.channel if message.reply_to else "D1", f"9{len(self.sent)}.1")


def complaint(event_id: str, text: str = "快递一周没到，我要投诉") -> MessageReceived:
    return MessageReceived(platform="slack", event_id=event_id, member="slack:UAGENT", conversation="D1",
                           text=text, source=HERE)


def rows(engine, model):
    with db.session(engine) as s:
        return list(s.exec(select(model)))


async def until(done, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not done():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_an_accepted_event_is_stored_first_and_handled_by_the_next_start(tmp_path, clock):
    first = build_core(make_settings(tmp_path), clock=clock)
    await first.accept(complaint("Ev1"), HERE)  # this process stops before any worker ran
    await first.accept(complaint("Ev1"), HERE)  # Slack's retry of the same event
    [row] = rows(first.engine, InboxEvent)
    assert (row.platform, row.event_id) == ("slack", "Ev1") and "我要投诉" in row.payload
    assert rows(first.engine, Case) == []
    first.engine.dispose()

    second = build_core(make_settings(tmp_path), clock=clock)
    port = second.ports["slack"] = RecordingPort()
    worker = asyncio.create_task(second.inbox.run())
    try:
        await until(lambda: port.sent and not rows(second.engine, InboxEvent))
        await until(lambda: not [t for t in rows(second.engine, Timer) if t.kind == "outbox"])
    finally:
        worker.cancel()
        await asyncio.gather(worker, return_exceptions=True)
    [card] = port.sent
    assert card.case_id is not None and card.reply_to == HERE and "快递" in card.card.fallback
    assert len(rows(second.engine, Case)) == 1 and len(rows(second.engine, ProcessedEvent)) == 1


async def test_a_graceful_stop_gives_waiting_events_back_and_nothing_is_handled_twice(engine, clock, tmp_path):
    settings = make_settings(tmp_path)
    first = build_core(settings, clock=clock, engine=engine, migrate=False)
    port = first.ports["slack"] = RecordingPort()
    worker = asyncio.create_task(first.inbox.run())
    await asyncio.gather(*(first.accept(complaint(f"Ev{i}", f"第{i}次投诉：退款还没到"), HERE) for i in range(12)))
    worker.cancel()  # a SIGTERM: what was being handled finishes, what waited goes back to the inbox
    await asyncio.gather(worker, return_exceptions=True)
    left = rows(engine, InboxEvent)
    assert all(r.status == "pending" for r in left)

    second = build_core(settings, clock=clock, engine=engine, migrate=False)
    second.ports["slack"] = port
    worker = asyncio.create_task(second.inbox.run())
    try:
        await until(lambda: not rows(engine, InboxEvent) and len(port.sent) >= 12)
    finally:
        worker.cancel()
        await asyncio.gather(worker, return_exceptions=True)
    assert sorted(o.case_id for o in port.sent) == sorted({o.case_id for o in port.sent})  # one card each
    assert len(rows(engine, Case)) == 12 and len(rows(engine, ProcessedEvent)) == 12


async def test_console_messages_are_stored_for_every_process_and_only_for_their_audience(engine, clock):
    body = {"card": {"title": "ping"}, "private": True, "case_id": 3, "replace": None, "error": None}
    with db.session(engine) as s:
        feed.post(s, body, audience=("web:ann",), now=clock.now())
        feed.post(s, {**body, "private": False}, audience=None, now=clock.now())
        s.commit()
    with db.session(engine) as s:  # any replica, after any restart
        assert [m["private"] for m in feed.read(s, since=0, member="web:ann")] == [True, False]
        assert [m["private"] for m in feed.read(s, since=0, member="web:bob")] == [False]
        first = feed.read(s, since=0, member="web:ann")[0]["seq"]
        assert [m["seq"] for m in feed.read(s, since=first, member="web:ann")] == [first + 1]


def test_a_message_that_fails_keeps_its_own_outbox_row_for_the_retry(engine, clock):
    from bot.delivery import outbox

    with db.session(engine) as s:
        [kept] = outbox.keep(s, [Outbound(text_card("hello"), reply_to=HERE)], now=clock.now())
        s.commit()
    with db.session(engine) as s:
        outbox.keep_for_retry(s, kept, now=clock.now())
        s.commit()
    [row] = rows(engine, Timer)
    assert row.id == kept.kept and row.status == "pending" and as_utc(row.due_at) > clock.now()
    assert '"attempt": 1' in row.payload
