"""Authority: VIP rules that raise limits, reserved actions, and offers with their approvals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index
from sqlmodel import Field, SQLModel

from bot.store.tables import utc_column


class VipRule(SQLModel, table=True):
    """For customers at this VIP level and above: limits times a multiplier, or a share of annual value up to a cap."""

    __tablename__ = "vip_rule"

    id: int | None = Field(default=None, primary_key=True)
    vip_level: int = Field(unique=True)
    multiplier_pct: int | None = Field(default=None)  # 200 = twice the tier's limit
    share_bp: int | None = Field(default=None)  # basis points of annual value: 500 = 5 %
    cap_minor: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    currency: str = Field(default="CNY", max_length=3)


class Reserve(SQLModel, table=True):
    """An action only this tier and above may take."""

    __tablename__ = "reserve"

    id: int | None = Field(default=None, primary_key=True)
    action: str = Field(max_length=40, unique=True)
    grade: str = Field(max_length=1)


class Offer(SQLModel, table=True):
    """Compensation offered on a case: granted within the agent's limit, or an approval request above it."""

    __tablename__ = "offer"
    __table_args__ = (Index("ix_offer_case_status", "case_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id")
    requested_by: int = Field(foreign_key="member.id")
    amount_minor: int = Field(sa_column=Column(BigInteger, nullable=False))
    currency: str = Field(max_length=3)
    kind: str = Field(default="goodwill", max_length=16)  # goodwill | refund | repair | replace
    status: str = Field(default="pending", max_length=16)  # granted | pending | approved | denied | withdrawn
    needed_grade: str | None = Field(default=None, max_length=1)
    needed_tier: str | None = Field(default=None, max_length=40)
    decided_by: int | None = Field(default=None, foreign_key="member.id")
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    reason: str = Field(default="", max_length=500)
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
