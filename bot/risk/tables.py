"""The risk capability's tables: watch-list changes from chat, labelled examples, and team model versions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
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


class LabelledExample(SQLModel, table=True):
    """A message with the level a person gave it: an agent's correction on a card, or a team's history."""

    __tablename__ = "labelled_example"
    __table_args__ = (Index("ix_labelled_example_created", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    lang: str = Field(default="", max_length=8)
    level: str | None = Field(default=None, max_length=16)  # None: only "complaint or not" is known
    complaint: bool = Field(default=True)
    category: str | None = Field(default=None, max_length=24)
    engine_level: str | None = Field(default=None, max_length=16)  # what the engine said at the time
    source: str = Field(max_length=16)  # correction | import
    ref: str | None = Field(default=None, max_length=200)  # case:12, or the imported line's id
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(sa_column=utc_column(nullable=False))


class RiskModel(SQLModel, table=True):
    """A team model version: its weights, its cross-validated figures, and whether it is live."""

    __tablename__ = "risk_model"

    id: int | None = Field(default=None, primary_key=True)  # the version
    status: str = Field(default="inactive", max_length=12)  # active | inactive | rejected
    weights: str = Field(sa_column=Column(Text, nullable=False))  # JSON, as LinearModel.as_json
    figures: str = Field(sa_column=Column(Text, nullable=False))  # JSON: the model's and the engine's, side by side
    examples: int = Field(default=0)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    activated_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
