"""Small protocols the core depends on: a clock, and a chat port that delivers outbound messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.messages import MessageRef, Outbound


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Wall-clock time in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to; tests use it instead of sleeping."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 1, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, when: datetime) -> None:
        self._now = when


class DeliveryRejected(Exception):
    """The platform refused a message for good (bad channel, malformed card): retrying cannot help."""


class ChatPort(Protocol):
    """Delivers an outbound message on one platform and says where it landed."""

    platform: str

    async def deliver(self, message: Outbound) -> MessageRef | None:
        """Post, reply or edit; raise DeliveryRejected for a permanent refusal, anything else to retry."""
        ...
