"""Operations figures in Prometheus's format at /metrics: events handled, failed deliveries, how late pings
fire, and the inbox, outbox and timer backlogs. Counts and times only: no customer's words, no phone number."""

from __future__ import annotations

from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bot.intake import inbox
from bot.ports import Clock
from bot.store.db import as_utc
from bot.store.tables import Timer

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class _Backlog:
    """Read from the database at each scrape, so every replica reports the same truth."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine, self.clock = engine, clock

    def collect(self):
        now = self.clock.now()
        table = Timer.__table__
        with self.engine.connect() as conn:
            outbox = conn.execute(select(func.count()).select_from(table).where(
                table.c.kind == "outbox", table.c.status.in_(("pending", "claimed")))).scalar()
            waiting, waited = inbox.backlog(conn, now)
            overdue, oldest = conn.execute(select(func.count(), func.min(table.c.due_at)).select_from(table).where(
                table.c.status == "pending", table.c.due_at <= now)).one()
        yield GaugeMetricFamily("bot_inbox_backlog", "Inbound events stored and acknowledged, not yet handled",
                                value=waiting)
        yield GaugeMetricFamily("bot_inbox_age_seconds", "How long the oldest inbound event has waited", value=waited)
        yield GaugeMetricFamily("bot_outbox_backlog", "Messages kept for delivery, not yet taken by a platform",
                                value=outbox)
        yield GaugeMetricFamily("bot_timers_overdue", "Timers past their due time and not yet fired", value=overdue)
        age = (now - as_utc(oldest)).total_seconds() if oldest is not None else 0.0
        yield GaugeMetricFamily("bot_timers_overdue_age_seconds", "How long the oldest overdue timer has waited",
                                value=age)


class Metrics:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.registry = CollectorRegistry()
        self.events = Counter("bot_events", "Events handled, by type and outcome", ["type", "outcome"],
                              registry=self.registry)
        self.delivery_failures = Counter("bot_deliveries_failed", "Messages a platform did not take (kept or given up)",
                                         ["platform", "kind"], registry=self.registry)
        self.ping_lateness = Histogram("bot_timer_lateness_seconds", "From a timer's due time to its firing",
                                       ["kind"], registry=self.registry,
                                       buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120))
        self.registry.register(_Backlog(engine, clock))

    def fired(self, event, now: datetime) -> None:
        if event.due_at is not None:
            self.ping_lateness.labels(event.kind).observe(max(0.0, (now - as_utc(event.due_at)).total_seconds()))

    def render(self) -> bytes:
        return generate_latest(self.registry)
