"""Benchmark the SLA clocks: 100,000 open cases with clocks, warning points falling due in real time.

On SQLite and on the local PostgreSQL (a private schema, dropped afterwards): create the cases and
their clocks, run the real timer runner against the real clock for a few minutes while warning
points fall due, and report the delay from due time to the notification reaching the chat port
(p50, p99, max), how many were sent, missed and duplicated, the runner's CPU while nothing is due,
and the time to create the cases. Prints figures; asserts nothing.

    scripts/bench_sla [--cases 100000] [--due 10000] [--window 120] [--only sqlite|postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

from bot.cases.tables import Case, Customer
from bot.desk import Desk
from bot.members.tables import Member
from bot.ports import SystemClock
from bot.risk.analyzer import Analyzer
from bot.sla.rules import default_policy
from bot.sla.tables import SlaClock
from bot.store import db
from bot.store.tables import Timer
from bot.timers.runner import TimerRunner

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BATCH = 5000
OWNER = "web:bench-owner"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--due", type=int, default=10_000, help="warnings that fall due during the run")
    ap.add_argument("--window", type=float, default=120.0, help="seconds over which they fall due")
    ap.add_argument("--idle", type=float, default=20.0, help="seconds to measure the idle runner's CPU")
    ap.add_argument("--only", choices=["sqlite", "postgres"])
    args = ap.parse_args()
    for name in ("sqlite", "postgres"):
        if args.only and name != args.only:
            continue
        with database(name) as engine:
            if engine is None:
                print(f"== {name}: not reachable, skipped")
                continue
            asyncio.run(bench(name, engine, args))
    return 0


class database:
    """A fresh SQLite file or PostgreSQL schema with the bot's migrations applied."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self):
        if self.name == "sqlite":
            self.tmp = tempfile.TemporaryDirectory()
            self.engine = db.make_engine(f"sqlite:///{Path(self.tmp.name) / 'bench.db'}")
        else:
            self.schema = f"bench_{uuid.uuid4().hex[:10]}"
            self.admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
            try:
                with self.admin.connect() as conn:
                    conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            except Exception:
                return None
            self.engine = db.make_engine(PG_URL, schema=self.schema)
        db.upgrade(self.engine)
        return self.engine

    def __exit__(self, *exc) -> None:
        if getattr(self, "engine", None) is not None:
            self.engine.dispose()
        if self.name == "sqlite":
            self.tmp.cleanup()
        elif getattr(self, "admin", None) is not None:
            with self.admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            self.admin.dispose()


def create_cases(engine, n: int, due: int, window: float, clock) -> dict[int, datetime]:
    """Open cases, each with a running update clock and its three warning timers; returns the 50 % due times
    of those whose first warning falls inside the run.

    The cases whose warnings fall due during the run are written last, and their times are set from the
    moment they are written, so the run starts with nothing overdue however long creation took.
    """
    policy_json = json.dumps(default_policy(), sort_keys=True)
    expected: dict[int, datetime] = {}
    start = clock.now()
    with engine.begin() as conn:
        conn.execute(insert(Member), [{"id": 1, "ref": OWNER, "platform": "web", "display_name": "owner",
                                       "role": "agent", "created_at": start}])
    batches = [range(lo, min(n + 1, lo + BATCH)) for lo in range(due + 1, n + 1, BATCH)]
    batches += [range(lo, min(due + 1, lo + BATCH)) for lo in range(1, due + 1, BATCH)]
    for ids in batches:
        if ids.start == 1:
            start = clock.now() + timedelta(seconds=3)  # the due cases take a second or two to write
        customers, cases, clocks, timers = [], [], [], []
        for i in ids:
            if i <= due:
                # its 50 % point falls inside the run, spread evenly; a 30-minute update window
                fifty = start + timedelta(seconds=5 + window * (i - 1) / max(due, 1))
                seconds = 1800
                began = fifty - timedelta(seconds=seconds / 2)
                expected[i] = fifty
            else:
                seconds = 86400
                began = start
            token = uuid.uuid4().hex
            customers.append({"id": i, "ref": f"bench:{i}", "display_name": f"customer {i}", "vip_level": 0,
                              "currency": "CNY", "created_at": start})
            cases.append({"id": i, "customer_id": i, "status": "open", "level": "high_risk", "score": 80,
                          "category": "other", "level_reason": "", "owner_id": 1, "opened_by_id": 1,
                          "grade": "D", "grade_reason": "", "tier_grade": "F", "reply_variant": 0,
                          "sla_policy": policy_json, "created_at": began, "updated_at": began})
            clocks.append({"id": i, "case_id": i, "kind": "update", "level": "high_risk", "mode": "24x7",
                           "status": "running", "token": token, "window_seconds": seconds, "started_at": began,
                           "deadline": began + timedelta(seconds=seconds)})
            for point in (50, 80, 100):
                timers.append({"case_id": i, "kind": "sla", "token": token, "status": "pending",
                               "due_at": began + timedelta(seconds=seconds * point / 100),
                               "payload": json.dumps({"clock": i, "point": point})})
        with engine.begin() as conn:
            conn.execute(insert(Customer), customers)
            conn.execute(insert(Case), cases)
            conn.execute(insert(SlaClock), clocks)
            conn.execute(insert(Timer), timers)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:  # explicit ids were used: move the sequences past them
            for table in ("customer", "case", "sla_clock"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), {n})"))
            conn.execute(text("ANALYZE"))
    return expected


async def bench(name: str, engine, args) -> None:
    clock = SystemClock()
    t0 = time.perf_counter()
    expected = await asyncio.to_thread(create_cases, engine, args.cases, args.due, args.window, clock)
    start = min(expected.values()) - timedelta(seconds=5) if expected else clock.now()
    created = time.perf_counter() - t0
    print(f"== {name}: created {args.cases:,} open cases with clocks ({3 * args.cases:,} warning timers) "
          f"in {created:.1f} s")
    desk = Desk(engine=engine, analyzer=Analyzer.from_directory(), clock=clock)
    handed: list[tuple[int, str, datetime]] = []

    async def deliver(outbounds):
        at = datetime.now(UTC)
        for out in outbounds:
            if out.recipients == (OWNER,):
                handed.append((out.case_id, out.card.fallback, at))

    runner = TimerRunner(engine=engine, clock=clock, handle=desk.handle, deliver=deliver)
    task = asyncio.create_task(runner.run())
    deadline = start + timedelta(seconds=args.window + 10)
    while datetime.now(UTC) < deadline:
        await asyncio.sleep(0.5)
    # everything due has been handled; now measure the runner while nothing is due
    cpu0, wall0 = time.process_time(), time.perf_counter()
    await asyncio.sleep(args.idle)
    idle_cpu = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    fifty = [(case_id, at) for case_id, text_, at in handed if "50% of the window" in text_]
    counts = Counter(case_id for case_id, _ in fifty)
    delays = sorted((at - expected[c]).total_seconds() for c, at in fifty if c in expected and counts[c] >= 1)
    missed = sum(1 for c in expected if counts[c] == 0)
    duplicated = sum(n - 1 for n in counts.values() if n > 1)
    if delays:
        p50 = statistics.median(delays)
        p99 = delays[min(len(delays) - 1, int(len(delays) * 0.99))]
        print(f"{name}: {len(expected):,} warnings fell due over {args.window:.0f} s: sent {len(counts):,}, "
              f"missed {missed}, duplicated {duplicated}")
        print(f"{name}: delay from due time to the chat port: p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
              f"max {delays[-1] * 1000:.0f} ms")
    else:
        print(f"{name}: no warning was sent (missed {missed})")
    print(f"{name}: runner CPU while nothing is due: {100 * idle_cpu:.2f} % of a core over {args.idle:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
