"""Infrastructure tables: the inbox, processed events (dedupe), timers, the audit log, and admin settings."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Index, Text, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel


class UtcDateTime(TypeDecorator):
    """A time stored in UTC whatever zone it was given in. SQLite keeps no zone: an aware time in Shanghai would be
    written as its local wall time and read back eight hours off (a 09:00 follow-up fired at 17:00)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.astimezone(UTC)
        return value


def utc_column(**kw) -> Column:
    return Column(UtcDateTime(), **kw)


class InboxEvent(SQLModel, table=True):
    """An inbound event stored before its platform is told it arrived; deleted in the transaction that handles it."""

    __tablename__ = "inbox_event"
    __table_args__ = (UniqueConstraint("platform", "event_id", name="uq_inbox_event"),
                      Index("ix_inbox_claim", "status", "claimed_at"))

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=32)
    event_id: str = Field(max_length=200)
    payload: str = Field(sa_column=Column(Text, nullable=False))  # the event and where to answer it (JSON)
    received_at: datetime = Field(sa_column=utc_column(nullable=False))
    status: str = Field(default="pending", max_length=16)  # pending | claimed
    claimed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    attempts: int = Field(default=0)


class FeedMessage(SQLModel, table=True):
    """A message for the console's members, kept so that every replica's console shows it and a restart keeps it."""

    __tablename__ = "feed_message"

    id: int | None = Field(default=None, primary_key=True)
    body: str = Field(sa_column=Column(Text, nullable=False))  # the message as the console renders it (JSON)
    audience: str | None = Field(default=None, max_length=2000)  # member refs, one a line; None for everyone
    created_at: datetime = Field(sa_column=utc_column(nullable=False, index=True))


class ProcessedEvent(SQLModel, table=True):
    """One row per inbound event handled; a redelivered event finds its row and changes nothing."""

    __tablename__ = "processed_event"
    __table_args__ = (UniqueConstraint("platform", "event_id", name="uq_processed_event"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=32)
    event_id: str = Field(max_length=200)
    case_id: int | None = Field(default=None, foreign_key="case.id")
    processed_at: datetime = Field(sa_column=utc_column(nullable=False))


class Timer(SQLModel, table=True):
    """A deadline kept in the database so it survives restarts; the token says if it is still current."""

    __tablename__ = "timer"
    # Due rows by time; a clock's rows by its token (stopping a clock marks them stale).
    __table_args__ = (Index("ix_timer_due", "status", "due_at"), Index("ix_timer_token", "token"))

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    kind: str = Field(max_length=40)
    token: str = Field(max_length=64)
    due_at: datetime = Field(sa_column=utc_column(nullable=False))
    status: str = Field(default="pending", max_length=16)  # pending | claimed | done | stale
    fired_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    payload: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    # A notification's unique key (the timer and the message it made): writing it twice fails, so a
    # timer processed again after a crash or by two replicas still sends each message once.
    key: str | None = Field(default=None, max_length=120, unique=True)


class AuditEntry(SQLModel, table=True):
    """Who did what, when, and what it was before and after."""

    __tablename__ = "audit_log"
    # A case's escalations are counted on every message it gets; the customer and incident pages read by target.
    __table_args__ = (Index("ix_audit_log_target", "target", "action"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=utc_column(nullable=False, index=True))
    actor: str = Field(max_length=200)
    action: str = Field(max_length=60)
    target: str = Field(default="", max_length=200)
    old_value: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    new_value: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    outcome: str = Field(default="ok", max_length=16)  # ok | refused


class Setting(SQLModel, table=True):
    """An admin-edited document (JSON) that overrides a shipped default, such as the grading matrix."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(sa_column=Column(Text, nullable=False))
    updated_by: str = Field(max_length=200)
    updated_at: datetime = Field(sa_column=utc_column(nullable=False))
