"""Benchmark the core's intake in-process: complaints stored in the inbox and handled by `Desk.handle`, as a
worker of `bot serve` handles them, with no HTTP in front and no platform behind.

On SQLite (a temporary file) and on the local PostgreSQL (a private schema, dropped afterwards): first a history
(earlier cases, and an audit log as a team's days of presses leave it), then complaints from new customers and
follow-ups on open cases, each handled alone. Prints complaints a second, milliseconds each (median and p99) and
SQL statements each. Asserts nothing.

    scripts/bench_intake [--complaints 1000] [--history 3000] [--audit 30000] [--only sqlite|postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, event, insert, text

from bot.desk import Desk
from bot.events import CustomerRef, MessageReceived
from bot.intake.inbox import Inbox
from bot.messages import MessageRef
from bot.ports import SystemClock
from bot.risk.analyzer import Analyzer
from bot.store import db
from bot.store.tables import AuditEntry

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
COMPLAINTS = [
    "你们的快递一个星期都没到，我要投诉", "退款申请提交半个月了还没处理，太过分了", "客服电话一直打不通，我很生气",
    "再不给我退款我就去12315投诉你们", "收到的商品是坏的，要求换货", "我已经第三次反映这个问题了，还是没人管",
    "My order still hasn't arrived after two weeks", "You charged me twice this month, fix it now",
    "這個服務真的太差了，我要求退款", "I want my money back or I will report you to the BBB",
]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def run(engine, args, label: str) -> None:
    db.upgrade(engine)
    clock = SystemClock()
    desk = Desk(engine=engine, analyzer=Analyzer.from_directory(), clock=clock)
    inbox = Inbox(engine=engine, clock=clock, process=None, concurrency=1)

    def complaint(i: int, customer: str) -> MessageReceived:
        return MessageReceived(platform="slack", event_id=f"{label}-{i}", member="slack:UAGENT", conversation=f"D{i}",
                               text=COMPLAINTS[i % len(COMPLAINTS)], customer=CustomerRef(ref=customer))

    async def handle(events: list[MessageReceived]) -> list[float]:
        took = []
        for e in events:
            item = await inbox.accept(e, MessageRef("slack", e.conversation, f"{e.event_id}.1"), keep=True)
            started = time.perf_counter()
            await asyncio.to_thread(desk.handle, item.event, here=item.here, inbox_id=item.id)
            took.append(time.perf_counter() - started)
        return took

    started = time.perf_counter()
    asyncio.run(handle([complaint(i, f"old-{i}") for i in range(args.history)]))
    now = datetime.now(UTC)
    with engine.begin() as conn:  # what a team's presses leave behind: takes, notes, escalations of other cases
        rows = [{"at": now, "actor": "slack:UAGENT", "action": ("case.take", "case.note", "case.escalate")[i % 3],
                 "target": f"case:{i % max(args.history, 1) + 1}", "outcome": "ok"} for i in range(args.audit)]
        for chunk in range(0, len(rows), 5000):
            conn.execute(insert(AuditEntry), rows[chunk:chunk + 5000])
    print(f"{label}: history of {args.history} cases and {args.audit} audit entries in "
          f"{time.perf_counter() - started:.1f} s")

    statements = [0]

    @event.listens_for(engine, "before_cursor_execute")
    def count(*_args) -> None:
        statements[0] += 1

    # Half new customers, half a follow-up on a customer's open case (the card is edited where it was posted).
    events = [complaint(args.history + i, f"new-{i}" if i % 2 else f"old-{i % max(args.history, 1)}")
              for i in range(args.complaints)]
    statements[0] = 0
    started = time.perf_counter()
    took = asyncio.run(handle(events))
    wall = time.perf_counter() - started
    handled = statements[0]
    print(f"  {args.complaints} complaints (half new customers, half follow-ups): {args.complaints / sum(took):.0f}/s "
          f"handled, {args.complaints / wall:.0f}/s with the inbox write; "
          f"median {statistics.median(took) * 1000:.1f} ms, "
          f"p99 {percentile(took, .99) * 1000:.1f} ms; {handled / args.complaints:.1f} SQL statements each "
          "(inbox write included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--complaints", type=int, default=1000)
    parser.add_argument("--history", type=int, default=3000)
    parser.add_argument("--audit", type=int, default=30000)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    if args.only != "postgres":
        with tempfile.TemporaryDirectory() as tmp:
            engine = db.make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
            run(engine, args, "sqlite")
            engine.dispose()
    if args.only != "sqlite":
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        except Exception as exc:  # noqa: BLE001 - no server: say so and stop
            sys.exit(f"PostgreSQL at {PG_URL} is unreachable: {exc}")
        try:
            engine = db.make_engine(PG_URL, schema=schema)
            run(engine, args, "postgres")
            engine.dispose()
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
