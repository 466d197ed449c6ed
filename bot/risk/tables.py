"""Watch-list changes admins made from chat, on top of the shipped lexicon files."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from bot.store.tables import utc_column


class WatchEntry(SQLModel, table=True):
    """One admin change: a phrase added to a rule (or the shield), or a shipped phrase muted."""

    __tablename__ = "watch_entry"
    __table_args__ = (Index("ix_watch_entry_rule_phrase", "rule", "phrase"),)

    id: int | None = Field(default=None, primary_key=True)
    rule: str = Field(max_length=40)  # a rule in rules.toml, or "shield"
    phrase: str = Field(max_length=100)
    weight: int | None = Field(default=None)  # None: the rule's weight
    action: str = Field(default="add", max_length=8)  # add | mute
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    removed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
