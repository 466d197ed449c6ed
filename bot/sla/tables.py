"""SLA clocks: one row per running deadline on a case; its warning points are timer rows with its token."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from bot.store.tables import utc_column


class SlaClock(SQLModel, table=True):
    __tablename__ = "sla_clock"
    __table_args__ = (Index("ix_sla_clock_case_kind", "case_id", "kind", "status"),
                      # Reports read the period's clocks from this index alone.
                      Index("ix_sla_clock_report", "started_at", "kind", "level", "status", "stopped_at", "deadline"))

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id")
    kind: str = Field(max_length=16)  # first | update | resolve | silence | ack
    level: str = Field(max_length=16)
    mode: str = Field(default="24x7", max_length=8)  # 24x7 | business
    status: str = Field(default="running", max_length=12)  # running | paused | stopped | breached
    token: str = Field(max_length=40)  # changes whenever the clock stops or restarts: older timers are stale
    window_seconds: int
    started_at: datetime = Field(sa_column=utc_column(nullable=False))
    deadline: datetime = Field(sa_column=utc_column(nullable=False, index=True))
    stopped_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
