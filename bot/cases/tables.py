"""Customers, cases, the messages and notes on them, and where each case's card was posted."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Date, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.store.tables import utc_column


class Customer(SQLModel, table=True):
    __tablename__ = "customer"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=300, unique=True, index=True)
    display_name: str = Field(default="", max_length=200)
    vip_level: int = Field(default=0)
    # Money is integer minor units (fen, cents) with its currency, never a float.
    annual_value_minor: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    currency: str = Field(default="CNY", max_length=3)
    created_at: datetime = Field(sa_column=utc_column(nullable=False))


class Case(SQLModel, table=True):
    __tablename__ = "case"
    __table_args__ = (Index("ix_case_customer_status", "customer_id", "status"),
                      # Reports read the period's cases from this index alone.
                      Index("ix_case_report", "created_at", "level", "category", "status", "owner_id", "tier_grade",
                            "resolved_at", "customer_id"))

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id")
    status: str = Field(default="open", max_length=16)  # open | escalated | resolved
    level: str = Field(default="none", max_length=16)
    score: int = Field(default=0)
    category: str = Field(default="other", max_length=32)
    level_reason: str = Field(default="", max_length=300)
    grade: str = Field(default="F", max_length=1)  # F..A from level and impact (bot/tiers/grading.toml)
    grade_reason: str = Field(default="", max_length=300)
    tier_grade: str = Field(default="F", max_length=1)  # the tier that holds the case now
    reply_variant: int = Field(default=0)  # which version of the suggested reply the card shows
    answered_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))  # customer last answered
    sla_policy: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON: the policy it started with
    waiting_since: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))  # waiting on the customer
    owner_id: int | None = Field(default=None, foreign_key="member.id")
    opened_by_id: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    updated_at: datetime = Field(sa_column=utc_column(nullable=False))
    resolved_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class CaseMessage(SQLModel, table=True):
    """A customer message forwarded onto a case, with the analysis made of it."""

    __tablename__ = "case_message"
    __table_args__ = (Index("ix_case_message_received", "received_at", "customer_id"),)  # contacts in a period

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    forwarded_by_id: int | None = Field(default=None, foreign_key="member.id")
    platform: str = Field(max_length=32)
    text: str = Field(sa_column=Column(Text, nullable=False))
    lang: str = Field(max_length=16)
    level: str = Field(max_length=16)
    score: int
    category: str = Field(max_length=32)
    analysis: str = Field(sa_column=Column(Text, nullable=False))  # the `bot analyze` JSON
    received_at: datetime = Field(sa_column=utc_column(nullable=False))


class Note(SQLModel, table=True):
    __tablename__ = "note"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    author_id: int | None = Field(default=None, foreign_key="member.id")
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=utc_column(nullable=False))


class CardRef(SQLModel, table=True):
    """Where a case's card was posted on a platform, so later changes edit that message."""

    __tablename__ = "card_ref"
    __table_args__ = (UniqueConstraint("case_id", "platform", "channel", name="uq_card_ref"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    platform: str = Field(max_length=32)
    channel: str = Field(max_length=200)
    message_id: str = Field(max_length=200)
    thread_id: str | None = Field(default=None, max_length=200)


class Resolution(SQLModel, table=True):
    """How a case ended: outcome, type, amount, evidence of agreement, and when to follow up."""

    __tablename__ = "resolution"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    outcome: str = Field(default="", max_length=1000)
    kind: str = Field(default="explanation", max_length=24)  # goodwill | refund | repair | replacement | explanation | damages | no_further_service
    amount_minor: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    currency: str | None = Field(default=None, max_length=3)
    evidence: str = Field(default="", max_length=300)  # a signed-agreement or recording reference
    follow_up_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    legal_approved: bool = Field(default=False)
    resolved_by: str = Field(max_length=200)
    resolved_at: datetime = Field(sa_column=utc_column(nullable=False))
