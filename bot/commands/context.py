"""What a command or action handler is given, and how a command is declared."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

from bot.events import Event
from bot.members.tables import Member
from bot.messages import Outbound

if TYPE_CHECKING:
    from bot.desk import Desk


@dataclass
class Context:
    """What a handler needs: the open session, the acting member, the event, the time."""

    session: Session
    member: Member
    event: Event
    desk: Desk

    @property
    def now(self):
        return self.desk.clock.now()

    @property
    def here(self) -> str | None:
        """The conversation the event came from as a place (slack:C123), for `tier notify <tier> here`."""
        if self.event.platform == "web":
            return "web:console"
        return f"{self.event.platform}:{self.event.conversation}" if self.event.conversation else None


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    summary: str
    handler: Callable[[Context, str], list[Outbound]]
    role: str = "agent"  # the least role that may run it
