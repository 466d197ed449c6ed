"""The core's one entry point: an inbound event in, handled exactly once, outbound messages back."""

from __future__ import annotations

import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot.audit.service import record_refusal
from bot.capabilities import build_registry
from bot.cards.builder import CardBuilder
from bot.cases import service as cases
from bot.commands.context import Context, Team
from bot.delivery import outbox
from bot.errors import Refused, UserError
from bot.events import ActionInvoked, CommandInvoked, Event, MessageReceived, TimerFired, cleaned
from bot.i18n.language import _, read_by, speaking
from bot.members.service import find_member, language_for, resolve_member, role_rank, team_language
from bot.messages import INTERNAL_ERROR, MessageRef, Outbound, address, answer, failure
from bot.ports import Clock
from bot.risk.analyzer import Analyzer
from bot.risk.watch import LiveAnalyzer
from bot.store.db import session as open_session
from bot.store.db import write_gate
from bot.store.tables import InboxEvent, ProcessedEvent
from bot.timers.runner import announce_timers

log = logging.getLogger(__name__)

# Platforms whose identities are vouched for by the platform itself; web members join explicitly.
SELF_REGISTERING = ("slack", "telegram")


class Desk:
    """Dedupe, the acting member, one transaction, the error boundary, and the registry's handler."""

    def __init__(self, *, engine: Engine, analyzer: Analyzer, clock: Clock, currency: str = "CNY",
                 timezone: str = "Asia/Shanghai", console_url: str = "http://127.0.0.1:8080") -> None:
        self.engine = engine
        self.team = Team(clock=clock, zone=ZoneInfo(timezone), currency=currency, registry=build_registry(),
                         analyzers=LiveAnalyzer(analyzer), console_url=console_url)
        self.team.cards = CardBuilder(self.team)
        self._registered: set[str] = set()
        self.on_timers: Callable[[], None] = lambda: None  # the composition root wakes its timer runner

    def handle(self, event: Event, *, here: MessageRef | None = None, inbox_id: int | None = None) -> list[Outbound]:
        """Handle one event exactly once; bad input gets a private answer and changes nothing.

        An event from the inbox (`inbox_id`) leaves it in the transaction that handles it, and what it says is
        kept in the outbox in that transaction too, addressed to `here`: a stop at any point loses nothing.
        """
        with write_gate(self.engine), speaking(None):
            return self._handle(cleaned(event), here, inbox_id)

    def _handle(self, event: Event, here: MessageRef | None, inbox_id: int | None) -> list[Outbound]:
        try:
            if event.platform in SELF_REGISTERING and event.member not in self._registered:
                self._register(event)
            with open_session(self.engine) as session:
                if not isinstance(event, TimerFired):
                    session.add(ProcessedEvent(platform=event.platform, event_id=event.event_id,
                                               processed_at=self.team.now()))
                    try:
                        session.flush()
                    except IntegrityError:
                        session.rollback()
                        log.info("duplicate event %s:%s ignored", event.platform, event.event_id)
                        out = self._settle(session, event, self._duplicate(session, event), here, inbox_id)
                        session.commit()
                        return out
                out = self._settle(session, event, self._dispatch(session, event), here, inbox_id)
                wrote_timers = announce_timers(session, self.team.now())
                session.commit()
            if wrote_timers:
                self.on_timers()  # the runner looks again now, not at its next poll
            return out
        except UserError as exc:
            if isinstance(exc, Refused):
                record_refusal(self.engine, actor=event.member, exc=exc, now=self.team.now())
            out = [failure(str(exc), exc.kind)]
        except IntegrityError:
            if isinstance(event, TimerFired):
                log.info("timer %s was already processed; its messages are in the outbox", event.timer_id)
                return []
            if self._seen(event):  # two deliveries of one event raced; the other one did the work
                log.info("event %s:%s lost a race to a duplicate", event.platform, event.event_id)
                out = []
            else:
                log.exception("event %s:%s hit a conflicting write", event.platform, event.event_id)
                out = [failure(_(INTERNAL_ERROR), "internal")]
        except Exception:
            log.exception("event %s:%s failed", event.platform, event.event_id)
            out = [failure(_(INTERNAL_ERROR), "internal")]
        if inbox_id is None:
            return out
        with open_session(self.engine) as session:  # the failure's answer, and the event leaves the inbox
            out = self._settle(session, event, out, here, inbox_id)
            session.commit()
        return out

    def _settle(self, session: Session, event: Event, out: list[Outbound], here: MessageRef | None,
                inbox_id: int | None) -> list[Outbound]:
        """For an inbox event: its row goes, and its answers are kept in the outbox (returned with their rows)."""
        if inbox_id is None:
            return out
        session.execute(delete(InboxEvent).where(InboxEvent.id == inbox_id))
        out = address(out, here=here, member=event.member)
        return outbox.keep(session, out, now=self.team.now())

    def _dispatch(self, session: Session, event: Event) -> list[Outbound]:
        registry = self.team.registry
        if isinstance(event, TimerFired):
            read_by(team_language(session))
            return self._fire(session, event)
        member = resolve_member(session, event.member, name=event.member_name,
                                register=event.platform in SELF_REGISTERING, now=self.team.now(), locale=event.locale)
        read_by(language_for(session, member))  # everything this event says is written for the member who did it
        ctx = Context(session, member, event, self.team)
        if isinstance(event, MessageReceived):
            return registry.intake(ctx, event)
        if isinstance(event, CommandInvoked):
            command = registry.find_command(event.name)
            if command is None:
                raise UserError(_("Unknown command “{name}”. Type help to see the commands.", name=event.name[:40]))
            role, what = command.role_for(event.args)
            if role_rank(member.role) < role_rank(role):
                raise Refused(_("“{what}” needs the {role} role; you are {mine}. Ask an admin if you need it.",
                                what=what, role=_(role), mine=_(member.role)),
                              attempted=f"command.{command.name}", tried=f"{command.name} {event.args}".strip())
            return command.handler(ctx, event.args)
        if isinstance(event, ActionInvoked) and event.action in registry.actions:
            return registry.actions[event.action].handler(ctx, event)
        raise UserError(_("Events of type {kind} are not handled.", kind=type(event).__name__))

    def _fire(self, session: Session, event: TimerFired) -> list[Outbound]:
        kind = self.team.registry.timers.get(event.kind)
        if kind is None:
            log.warning("timer %s of unknown kind %r ignored", event.timer_id, event.kind)
            return []
        said = kind.fire(self.team, session, event)
        return outbox.keep_for_timer(session, event.timer_id, said, now=self.team.now()) if kind.keyed else said

    def _register(self, event: Event) -> None:
        """A platform member exists from their first event on, even when that event is refused or rolled back."""
        with open_session(self.engine) as session:
            if find_member(session, event.member) is None:
                try:
                    resolve_member(session, event.member, name=event.member_name, register=True,
                                   now=self.team.now())
                    session.commit()
                except IntegrityError:
                    session.rollback()  # registered at the same moment by a concurrent event
        self._registered.add(event.member)  # members are never deleted: one check a member a process

    def _duplicate(self, session: Session, event: Event) -> list[Outbound]:
        """A redelivery changes nothing; an agent who asked again about the same message sees its case."""
        if not (isinstance(event, MessageReceived) and event.repeat_answer):
            return []
        case_id = session.exec(select(ProcessedEvent.case_id).where(
            ProcessedEvent.platform == event.platform, ProcessedEvent.event_id == event.event_id)).first()
        if case_id is None:
            return []
        case = cases.get_case(session, case_id)
        return (answer(_("This message was already analysed: case #{id}.", id=case.id))
                + [Outbound(self.team.cards.card(session, case), private=True, case_id=case.id)])

    def _seen(self, event: Event) -> bool:
        with open_session(self.engine) as session:
            return session.exec(select(ProcessedEvent.id).where(
                ProcessedEvent.platform == event.platform, ProcessedEvent.event_id == event.event_id)).first() is not None
