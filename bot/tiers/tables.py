"""The tier ladder, escalations with the ladder they froze, and admin-set settings such as the grading matrix."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Text
from sqlmodel import Field, SQLModel

from bot.store.tables import utc_column


class Tier(SQLModel, table=True):
    """One grade of the ladder: its name, where it is notified, and what it may grant without approval."""

    __tablename__ = "tier"

    id: int | None = Field(default=None, primary_key=True)
    grade: str = Field(max_length=1, unique=True)  # F (lowest) .. A (highest)
    name: str = Field(max_length=40, unique=True)
    place: str | None = Field(default=None, max_length=200)  # "slack:C123", "telegram:-100123", "web:console"
    limit_minor: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    currency: str = Field(default="CNY", max_length=3)
    rr_next: int = Field(default=0)  # round-robin position for the next owner picked from this tier


class Escalation(SQLModel, table=True):
    """A case moved up to a tier; the ladder as it was then is kept so later edits do not rewrite it."""

    __tablename__ = "escalation"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    from_grade: str = Field(max_length=1)
    to_grade: str = Field(max_length=1)
    tier_name: str = Field(max_length=40)
    owner_id: int | None = Field(default=None, foreign_key="member.id")
    ladder: str = Field(sa_column=Column(Text, nullable=False))  # JSON: the frozen ladder
    reason: str = Field(default="", max_length=500)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    acknowledged_by: str | None = Field(default=None, max_length=200)
    acknowledged_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
