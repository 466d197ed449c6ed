"""The core: takes an inbound event, decides, writes the database, returns outbound messages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.cases import service as cases
from bot.cases.card import case_card
from bot.cases.tables import Case
from bot.commands.parser import split_case_id
from bot.errors import UserError
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, Event, MessageReceived, TimerFired
from bot.members.service import resolve_member
from bot.members.tables import Member
from bot.messages import ActionId, Card, MessageRef, Outbound, Severity, text_card
from bot.ports import Clock
from bot.risk.analyzer import Analyzer
from bot.store.db import session as open_session
from bot.store.tables import ProcessedEvent

log = logging.getLogger(__name__)

# Platforms whose identities are vouched for by the platform itself; web members join explicitly.
SELF_REGISTERING = ("slack", "telegram")
INTERNAL_ERROR = "Something went wrong on our side; nothing was changed. Please try again."


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


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    summary: str
    handler: Callable[[Context, str], list[Outbound]]


class Desk:
    """The platform-neutral core every adapter talks to."""

    def __init__(self, *, engine: Engine, analyzer: Analyzer, clock: Clock, currency: str = "CNY") -> None:
        self.engine = engine
        self.analyzer = analyzer
        self.clock = clock
        self.currency = currency
        self.commands: dict[str, Command] = {}
        for cmd in (
            Command("complaint", "complaint <customer's message>", "analyse a customer message and open a case",
                    _cmd_complaint),
            Command("case", "case <id>", "show a case's card", _cmd_case),
            Command("cases", "cases", "list open cases, riskiest first", _cmd_cases),
            Command("note", "note <id> <text>", "add a note to a case", _cmd_note),
            Command("help", "help", "list the commands", _cmd_help),
        ):
            self.register(cmd)

    def register(self, command: Command) -> None:
        self.commands[command.name] = command

    # -- the one entry point --------------------------------------------------------------------
    def handle(self, event: Event) -> list[Outbound]:
        """Handle one event exactly once; bad input gets a private answer and changes nothing."""
        try:
            with open_session(self.engine) as session:
                if not isinstance(event, TimerFired):
                    session.add(ProcessedEvent(platform=event.platform, event_id=event.event_id,
                                               processed_at=self.clock.now()))
                    try:
                        session.flush()
                    except IntegrityError:
                        session.rollback()
                        log.info("duplicate event %s:%s ignored", event.platform, event.event_id)
                        return []
                out = self._dispatch(session, event)
                session.commit()
                return out
        except UserError as exc:
            return [Outbound(text_card(str(exc), severity=Severity.ERROR), private=True, error=exc.kind)]
        except IntegrityError:
            # Two deliveries of one event raced; the other one won and did the work.
            log.info("event %s:%s lost a race to a duplicate", event.platform, event.event_id)
            return []
        except Exception:
            log.exception("event %s:%s failed", event.platform, event.event_id)
            return [Outbound(text_card(INTERNAL_ERROR, severity=Severity.ERROR), private=True, error="internal")]

    def _dispatch(self, session: Session, event: Event) -> list[Outbound]:
        if isinstance(event, TimerFired):
            log.warning("timer %s of unknown kind %r ignored", event.timer_id, event.kind)
            return []
        member = resolve_member(session, event.member, name=event.member_name,
                                register=event.platform in SELF_REGISTERING, now=self.clock.now())
        ctx = Context(session, member, event, self)
        if isinstance(event, MessageReceived):
            return self.intake(ctx, event.text, event.customer, event.source)
        if isinstance(event, CommandInvoked):
            return self._command(ctx, event.name, event.args)
        if isinstance(event, ActionInvoked):
            return self._action(ctx, event)
        raise UserError(f"Events of type {type(event).__name__} are not handled.")

    # -- intake ---------------------------------------------------------------------------------
    def intake(self, ctx: Context, text: str, customer_ref: CustomerRef, source: MessageRef | None) -> list[Outbound]:
        text = cases.check_customer_text(text)
        s, now = ctx.session, ctx.now
        key = cases.customer_key(customer_ref, platform=ctx.event.platform, event_id=ctx.event.event_id)
        customer = cases.upsert_customer(s, customer_ref, key=key, now=now, currency=self.currency)
        case = cases.open_case_for(s, customer, member=ctx.member, now=now)
        assessment = self.analyzer.analyze(text)
        cases.receive_message(s, case=case, customer=customer, member=ctx.member, platform=ctx.event.platform,
                              text=text, assessment=assessment, now=now)
        s.execute(ProcessedEvent.__table__.update()
                  .where(ProcessedEvent.platform == ctx.event.platform, ProcessedEvent.event_id == ctx.event.event_id)
                  .values(case_id=case.id))
        return [Outbound(self.card(s, case), reply_to=source, case_id=case.id)]

    def card(self, session: Session, case: Case) -> Card:
        session.flush()
        return case_card(cases.case_view(session, case))

    def card_updates(self, session: Session, case: Case, *, also_here: MessageRef | None = None) -> list[Outbound]:
        """The case's new card, replacing it wherever it was posted (and on the message acted on)."""
        card = self.card(session, case)
        refs = cases.card_refs(session, case.id)
        if also_here and also_here not in refs:
            refs.append(also_here)
        if not refs:
            return [Outbound(card, case_id=case.id)]
        return [Outbound(card, replace=ref, case_id=case.id) for ref in refs]

    # -- commands -------------------------------------------------------------------------------
    def _command(self, ctx: Context, name: str, args: str) -> list[Outbound]:
        command = self.commands.get(name.lower())
        if command is None:
            raise UserError(f"Unknown command “{name[:40]}”. Type help to see the commands.")
        return command.handler(ctx, args)

    # -- actions --------------------------------------------------------------------------------
    def _action(self, ctx: Context, event: ActionInvoked) -> list[Outbound]:
        s, now, member = ctx.session, ctx.now, ctx.member
        case = cases.get_case(s, event.value)
        action = event.action
        if action == ActionId.SHOW_CASE:
            return [Outbound(self.card(s, case), private=True, case_id=case.id)]
        if action == ActionId.TAKE:
            previous = cases.take_case(s, case, member, now=now)
            said = f"{member.display_name} took ownership of case #{case.id}" + (
                f" from {previous}." if previous and previous != member.display_name else ".")
        elif action == ActionId.ADD_NOTE:
            cases.add_note(s, case, member, event.inputs.get("text", ""), now=now)
            said = f"Note added to case #{case.id}."
        elif action == ActionId.ESCALATE:
            reason = event.inputs.get("reason", "").strip()
            cases.request_escalation(s, case, member, reason, now=now)
            said = (f"Escalation of case #{case.id} recorded by {member.display_name}"
                    + (f": {reason}" if reason else "") + ". Tier routing is not set up yet, so no one was paged.")
        elif action == ActionId.RESOLVE:
            outcome = event.inputs.get("outcome", "").strip()
            cases.resolve_case(s, case, member, outcome, now=now)
            said = f"Case #{case.id} resolved by {member.display_name}" + (f": {outcome}" if outcome else ".")
        else:
            raise UserError(f"Unknown action {action!r}.")
        return self.card_updates(s, case, also_here=event.message) + [
            Outbound(text_card(said), private=True, case_id=case.id)]

    def record_card(self, case_id: int, ref: MessageRef) -> None:
        """An adapter reports where a case card landed, so the next change edits it in place."""
        with open_session(self.engine) as session:
            cases.record_card_ref(session, case_id, ref)
            session.commit()


def _cmd_complaint(ctx: Context, args: str) -> list[Outbound]:
    event = ctx.event
    return ctx.desk.intake(ctx, args, CustomerRef(), getattr(event, "source", None))


def _cmd_case(ctx: Context, args: str) -> list[Outbound]:
    case_id, _ = split_case_id(args)
    case = cases.get_case(ctx.session, case_id)
    return [Outbound(ctx.desk.card(ctx.session, case), private=True, case_id=case.id)]


def _cmd_cases(ctx: Context, args: str) -> list[Outbound]:
    rows = cases.open_cases(ctx.session, limit=20)
    if not rows:
        return [Outbound(text_card("No open cases."), private=True)]
    lines = []
    for c in rows:
        view = cases.case_view(ctx.session, c)
        lines.append(f"#{c.id} · {c.level} · {c.score}/100 · {view.customer} · {view.owner or 'unassigned'}")
    return [Outbound(text_card("\n".join(lines), title="Open cases"), private=True)]


def _cmd_note(ctx: Context, args: str) -> list[Outbound]:
    case_id, text = split_case_id(args)
    case = cases.get_case(ctx.session, case_id)
    cases.add_note(ctx.session, case, ctx.member, text, now=ctx.now)
    return ctx.desk.card_updates(ctx.session, case) + [
        Outbound(text_card(f"Note added to case #{case.id}."), private=True, case_id=case.id)]


def _cmd_help(ctx: Context, args: str) -> list[Outbound]:
    lines = [f"{c.usage} — {c.summary}" for c in ctx.desk.commands.values()]
    lines.append("Forward or paste a customer's message to analyse it and open a case.")
    return [Outbound(text_card("\n".join(lines), title="Commands"), private=True)]
