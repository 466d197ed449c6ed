"""Members: the people who use the bot, one row per platform identity."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from bot.i18n.language import N_
from bot.store.tables import utc_column

ROLES = (N_("agent"), N_("lead"), N_("admin"))


class Member(SQLModel, table=True):
    __tablename__ = "member"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=200, unique=True, index=True)  # "slack:U123", "telegram:456", "web:alice"
    platform: str = Field(max_length=32)
    display_name: str = Field(default="", max_length=200)
    role: str = Field(default="agent", max_length=16)
    tier: str | None = Field(default=None, max_length=40)  # grade letter of their tier; None is frontline (F)
    timezone: str | None = Field(default=None, max_length=64)
    language: str | None = Field(default=None, max_length=16)  # chosen with `language`: en, zh-Hans, zh-Hant
    locale: str | None = Field(default=None, max_length=35)  # what their platform says (Slack locale, Telegram)
    notices_read: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # the last feed item they saw
    created_at: datetime = Field(sa_column=utc_column(nullable=False))


class Credential(SQLModel, table=True):
    """A way into the console: a one-time login link, a browser session, or a script's API token.
    Only a hash of the secret is kept."""

    __tablename__ = "credential"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    kind: str = Field(max_length=8)  # login | session | api
    token_hash: str = Field(max_length=64, unique=True)
    label: str = Field(default="", max_length=80)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    expires_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    used_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
