"""Insight: word counts per ten minutes per category (hot words, outbreak baselines), surges, incidents and their cases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.store.tables import utc_column


class TermCount(SQLModel, table=True):
    """How many complaint messages of a category used a word in one ten-minute slot (UTC)."""

    __tablename__ = "term_count"
    __table_args__ = (UniqueConstraint("term", "category", "slot", name="uq_term_count"),
                      Index("ix_term_count_slot", "slot", "category", "term", "n"),  # reports: index only
                      Index("ix_term_count_term_slot", "term", "slot"))  # a word's last hour

    id: int | None = Field(default=None, primary_key=True)
    term: str = Field(max_length=60)
    category: str = Field(max_length=32)
    slot: datetime = Field(sa_column=utc_column(nullable=False))
    n: int = Field(default=0)


class Surge(SQLModel, table=True):
    """Complaints on one subject arriving faster than their baseline: alerted once, ended once."""

    __tablename__ = "surge"
    __table_args__ = (Index("ix_surge_status", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    category: str = Field(max_length=32)  # the category of the complaint that set it off
    words: str = Field(sa_column=Column(Text, nullable=False))  # JSON list: the words that rose, first the trigger
    status: str = Field(default="active", max_length=12)  # active | ended
    started_at: datetime = Field(sa_column=utc_column(nullable=False))
    ended_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    last_hour: int = Field(default=0)  # the count in the hour before the alert (then at each check)
    baseline_milli: int = Field(default=0)  # the normal hourly count, in thousandths
    peak: int = Field(default=0)
    incident_id: int | None = Field(default=None)


class Incident(SQLModel, table=True):
    """A large problem handled as one: its cases, an owner, a status and the unified reply for every case."""

    __tablename__ = "incident"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    category: str = Field(max_length=32)
    words: str = Field(sa_column=Column(Text, nullable=False))  # JSON list: a new complaint with one of them joins
    status: str = Field(default="open", max_length=12)  # open | resolved
    owner_id: int | None = Field(default=None, foreign_key="member.id")
    scripts: str = Field(default="{}", sa_column=Column(Text, nullable=False))  # JSON: language -> unified reply
    opened_by: str = Field(max_length=200)
    opened_at: datetime = Field(sa_column=utc_column(nullable=False))
    resolved_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class IncidentCase(SQLModel, table=True):
    """A case that belongs to an incident (a case belongs to one at most)."""

    __tablename__ = "incident_case"
    __table_args__ = (Index("ix_incident_case_incident", "incident_id", "joined_at"),)

    case_id: int = Field(foreign_key="case.id", primary_key=True)
    incident_id: int = Field(foreign_key="incident.id")
    joined_at: datetime = Field(sa_column=utc_column(nullable=False))
