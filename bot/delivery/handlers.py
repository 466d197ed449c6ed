"""What delivery registers: the outbox's resend timer."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from bot.cases import service as cases
from bot.commands.context import Team
from bot.commands.registry import Registry, TimerKind
from bot.delivery import outbox
from bot.events import TimerFired
from bot.messages import Outbound


def resend(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    """A kept message, due again; an edit of a case card carries the card as it is now, not as it was."""
    out = outbox.kept_message(session, event.timer_id)
    if out is None:
        return []
    if out.replace is not None and out.case_id is not None and out.error is None:
        out = replace(out, card=team.cards.card(session, cases.get_case(session, out.case_id)))
    return [out]


def register(registry: Registry) -> None:
    # The kept message is already in the outbox: it is sent as it is, not written there again.
    registry.timer(TimerKind(outbox.KIND, resend, keyed=False))
