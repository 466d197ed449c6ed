"""What a handler is given: the session, the acting member, the event and the team it works for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from bot.commands.registry import Fact, Registry
from bot.events import Event
from bot.members.tables import Member
from bot.messages import Card, MessageRef, Outbound
from bot.ports import Clock


class Analyzers(Protocol):
    """The risk analyzer as the database's watch-lists make it now."""

    def current(self, session: Session) -> Any: ...


class Cards(Protocol):
    """Builds case cards; capabilities below the card (cases, tiers, …) reach it through this port."""

    def card(self, session: Session, case: Any) -> Card: ...

    def updates(self, session: Session, case: Any, *, also_here: MessageRef | None = None) -> list[Outbound]: ...

    def live(self, session: Session, case: Any) -> list[Outbound]: ...


@dataclass
class Team:
    """The team's settings and shared parts: clock, zone, currency, analyzer, cards, registry."""

    clock: Clock
    zone: ZoneInfo  # business hours and deadlines are read in it
    currency: str
    registry: Registry
    analyzers: Analyzers
    cards: Cards | None = None  # set by the composition root once the card builder exists
    console_url: str = "http://127.0.0.1:8080"  # where sign-in links point

    def now(self) -> datetime:
        return self.clock.now()


@dataclass
class Context:
    """One event being handled: the open session, the acting member, the event, the team."""

    session: Session
    member: Member
    event: Event
    team: Team

    @property
    def now(self) -> datetime:
        return self.team.clock.now()

    @property
    def currency(self) -> str:
        return self.team.currency

    @property
    def here(self) -> str | None:
        """The conversation the event came from as a place (slack:C123), for `tier notify <tier> here`."""
        if self.event.platform == "web":
            return "web:console"
        return f"{self.event.platform}:{self.event.conversation}" if self.event.conversation else None

    @property
    def zone(self) -> ZoneInfo:
        """The member's own time zone when they set one, else the team's."""
        try:
            return ZoneInfo(self.member.timezone) if self.member.timezone else self.team.zone
        except (ZoneInfoNotFoundError, ValueError):
            return self.team.zone

    def analyzer(self) -> Any:
        return self.team.analyzers.current(self.session)

    def card(self, case: Any) -> Card:
        return self.team.cards.card(self.session, case)

    def updates(self, case: Any, here: MessageRef | None = None) -> list[Outbound]:
        """The case's card edited wherever it was posted (and on the message acted on)."""
        return self.team.cards.updates(self.session, case, also_here=here)

    def emit(self, fact: Fact, case: Any, **data: Any) -> None:
        self.team.registry.emit(fact, self, case, **data)
