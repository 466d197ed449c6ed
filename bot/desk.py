"""The core: takes an inbound event, decides, writes the database, returns outbound messages."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot import admin, workflow
from bot.audit.service import record_audit
from bot.authority import service as authority
from bot.playbook import service as playbook
from bot.cases import service as cases
from bot.cases.card import ACTION_FORMS, case_card
from bot.cases.tables import Case, Customer
from bot.commands.context import Command, Context
from bot.commands.parser import split_case_id
from bot.delivery import outbox
from bot.errors import Refused, UserError
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, Event, MessageReceived, TimerFired
from bot.members.service import find_member, resolve_member, role_rank
from bot.members.tables import Member
from bot.messages import ActionId, Card, Form, MessageRef, Outbound, Severity, text_card
from bot.ports import Clock
from bot.risk import watch
from bot.risk.analyzer import Analyzer
from bot.sla import commands as sla_commands
from bot.sla import pings
from bot.sla import service as sla
from bot.tiers import service as tiers
from bot.store.db import as_utc, session as open_session
from bot.store.tables import ProcessedEvent, Timer

log = logging.getLogger(__name__)

# Platforms whose identities are vouched for by the platform itself; web members join explicitly.
SELF_REGISTERING = ("slack", "telegram")
INTERNAL_ERROR = "Something went wrong on our side; nothing was changed. Please try again."


class Desk:
    """The platform-neutral core every adapter talks to."""

    def __init__(self, *, engine: Engine, analyzer: Analyzer, clock: Clock, currency: str = "CNY",
                 timezone: str = "Asia/Shanghai") -> None:
        self.engine = engine
        self.zone = ZoneInfo(timezone)  # the team's: business hours and deadlines are read in it
        self.analyzer = analyzer
        # The shipped lexicon; admins' watch-list rows are applied on top whenever they change.
        self.base_lexicon = analyzer.lexicon
        self._watch_version = (0, 0)
        self.clock = clock
        self.currency = currency
        self.commands: dict[str, Command] = {}
        for cmd in (
            Command("complaint", "complaint <customer's message>", "analyse a customer message and open a case",
                    _cmd_complaint),
            Command("case", "case <id>", "show a case's card", _cmd_case),
            Command("cases", "cases", "list open cases, riskiest first", _cmd_cases),
            *workflow.COMMANDS,
            *admin.COMMANDS,
            *sla_commands.COMMANDS,
            Command("help", "help", "list the commands", _cmd_help),
        ):
            self.register(cmd)
        self._registered: set[str] = set()
        # Forms an action needs filled in first; surfaces look them up by action id.
        self.forms: dict[ActionId, Form] = dict(ACTION_FORMS)
        # Timer kinds the core fires; later capabilities (SLA clocks) add theirs.
        self.timer_kinds: dict[str, Callable[[Session, TimerFired], list[Outbound]]] = {
            outbox.KIND: self._resend,
            sla.TIMER_KIND: lambda session, event: pings.fire_sla(self, session, event),
            sla.FOLLOW_UP_KIND: lambda session, event: pings.fire_follow_up(self, session, event),
        }

    def register(self, command: Command) -> None:
        self.commands[command.name] = command

    # -- the one entry point --------------------------------------------------------------------
    def handle(self, event: Event) -> list[Outbound]:
        """Handle one event exactly once; bad input gets a private answer and changes nothing."""
        try:
            if event.platform in SELF_REGISTERING:
                self._register(event)
            with open_session(self.engine) as session:
                if not isinstance(event, TimerFired):
                    session.add(ProcessedEvent(platform=event.platform, event_id=event.event_id,
                                               processed_at=self.clock.now()))
                    try:
                        session.flush()
                    except IntegrityError:
                        session.rollback()
                        log.info("duplicate event %s:%s ignored", event.platform, event.event_id)
                        return self._duplicate(session, event)
                out = self._dispatch(session, event)
                session.commit()
                return out
        except UserError as exc:
            if isinstance(exc, Refused):
                self._audit_refusal(event, exc)
            return [Outbound(text_card(str(exc), severity=Severity.ERROR), private=True, error=exc.kind)]
        except IntegrityError:
            if isinstance(event, TimerFired):
                log.info("timer %s was already processed; its messages are in the outbox", event.timer_id)
                return []
            if self._seen(event):
                # Two deliveries of one event raced; the other one won and did the work.
                log.info("event %s:%s lost a race to a duplicate", event.platform, event.event_id)
                return []
            log.exception("event %s:%s hit a conflicting write", event.platform, event.event_id)
            return [Outbound(text_card(INTERNAL_ERROR, severity=Severity.ERROR), private=True, error="internal")]
        except Exception:
            log.exception("event %s:%s failed", event.platform, event.event_id)
            return [Outbound(text_card(INTERNAL_ERROR, severity=Severity.ERROR), private=True, error="internal")]

    def _seen(self, event: Event) -> bool:
        with open_session(self.engine) as session:
            return session.exec(select(ProcessedEvent.id).where(
                ProcessedEvent.platform == event.platform, ProcessedEvent.event_id == event.event_id)).first() is not None

    def _register(self, event: Event) -> None:
        """A platform member exists from their first event on, even when that event is refused or rolled back."""
        if event.member in self._registered:  # members are never deleted: one check a member a process
            return
        with open_session(self.engine) as session:
            if find_member(session, event.member) is None:
                try:
                    resolve_member(session, event.member, name=event.member_name, register=True,
                                   now=self.clock.now())
                    session.commit()
                except IntegrityError:
                    session.rollback()  # registered at the same moment by a concurrent event
        self._registered.add(event.member)

    def _duplicate(self, session: Session, event: Event) -> list[Outbound]:
        """A redelivery changes nothing; an agent who asked again about the same message sees its case."""
        if not (isinstance(event, MessageReceived) and event.repeat_answer):
            return []
        case_id = session.exec(select(ProcessedEvent.case_id).where(
            ProcessedEvent.platform == event.platform, ProcessedEvent.event_id == event.event_id)).first()
        if case_id is None:
            return []
        case = cases.get_case(session, case_id)
        return [Outbound(text_card(f"This message was already analysed: case #{case.id}."), private=True),
                Outbound(self.card(session, case), private=True, case_id=case.id)]

    def _audit_refusal(self, event: Event, exc: Refused) -> None:
        """The refused attempt is on record even though everything it would have done was rolled back."""
        try:
            with open_session(self.engine) as session:
                record_audit(session, actor=event.member, action=exc.attempted or "refused", outcome="refused",
                             target=exc.tried[:200], new=str(exc)[:500], now=self.clock.now())
                session.commit()
        except Exception:
            log.exception("could not audit a refusal for %s", event.member)

    def _dispatch(self, session: Session, event: Event) -> list[Outbound]:
        if isinstance(event, TimerFired):
            fire = self.timer_kinds.get(event.kind)
            if fire is None:
                log.warning("timer %s of unknown kind %r ignored", event.timer_id, event.kind)
                return []
            if event.kind == outbox.KIND:
                return fire(session, event)
            # Everything a timer says goes to the outbox in this transaction, keyed by the timer, and the
            # timer is done with it: processed twice, it still sends each message once. The runner sends
            # the kept messages straight away and finishes each row when the platform took it.
            now = self.clock.now()
            rows = [(outbox.enqueue(session, out, key=f"timer:{event.timer_id}:{i}", now=now), out)
                    for i, out in enumerate(fire(session, event))]
            session.execute(update(Timer).where(Timer.id == event.timer_id).values(status="done"))
            session.flush()
            return [replace(out, kept=row.id) for row, out in rows]
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
        assessment = self.current_analyzer(s).analyze(text)
        cases.receive_message(s, case=case, customer=customer, member=ctx.member, platform=ctx.event.platform,
                              text=text, assessment=assessment, now=now)
        tiers.regrade(s, case, customer, contacts=cases.contact_count(s, customer.id))
        sla.on_customer_message(s, case, now=now, zone=self.zone)
        s.execute(ProcessedEvent.__table__.update()
                  .where(ProcessedEvent.platform == ctx.event.platform, ProcessedEvent.event_id == ctx.event.event_id)
                  .values(case_id=case.id))
        # The new card answers this message; cards posted for earlier messages show the case as it is now.
        earlier = [out for out in self.card_updates(s, case) if out.replace is not None]
        return earlier + [Outbound(self.card(s, case), reply_to=source, case_id=case.id)]

    def current_analyzer(self, session: Session) -> Analyzer:
        """The analyzer with the watch-list as it is in the database now, rebuilt only when it changed."""
        version = watch.version(session)
        if version != self._watch_version:
            self.analyzer = watch.build_analyzer(self.base_lexicon, watch.active_entries(session))
            self._watch_version = version
        return self.analyzer

    def card(self, session: Session, case: Case) -> Card:
        session.flush()
        view = cases.case_view(session, case)
        ladder = {t.grade: t for t in tiers.ladder(session)}
        customer = session.get(Customer, case.customer_id)
        offers = authority.case_offers(session, case.id)
        escalation = tiers.latest_escalation(session, case.id)
        resolution = cases.latest_resolution(session, case.id) if case.status == "resolved" else None
        frontline = authority.limit_for(session, ladder["F"], customer)
        reply = playbook.case_reply(session, case, self.current_analyzer(session))
        suggestion = reply[0] if reply else None
        above = suggestion.offer if suggestion and suggestion.offer and not suggestion.offer.within_authority else None
        return case_card(replace(
            view, grade=case.grade, grade_reason=case.grade_reason, grade_tier=ladder[case.grade].name,
            holding_tier=f"{case.tier_grade} · {ladder[case.tier_grade].name}",
            authority=f"{ladder['F'].name} may offer up to {frontline} for this customer without approval",
            offers=tuple(authority.offer_line(session, o) for o in offers),
            pending_offer=next((o.id for o in offers if o.status == "pending"), None),
            escalation=_escalation_line(session, escalation) if escalation else "",
            unacknowledged=escalation is not None and escalation.acknowledged_at is None and case.status != "resolved",
            resolution=cases.resolution_line(resolution) if resolution else "",
            reply=suggestion.reply if suggestion else "",
            reply_alternative=suggestion.alternatives[0] if suggestion and suggestion.alternatives else "",
            answered=f"{as_utc(case.answered_at):%Y-%m-%d %H:%M} UTC" if case.answered_at else "",
            request_approval=str(above.amount) if above else "",
            sla=tuple(sla.clock_lines(session, case, now=self.clock.now(), zone=self.zone))))

    def card_updates(self, session: Session, case: Case, *, also_here: MessageRef | None = None) -> list[Outbound]:
        """The case's new card, replacing it wherever it was posted (and on the message acted on)."""
        card = self.card(session, case)
        refs = cases.card_refs(session, case.id)
        if also_here and all(_place(also_here) != _place(ref) for ref in refs):
            refs.append(also_here)
        if not refs:
            return [Outbound(card, case_id=case.id)]
        return [Outbound(card, replace=ref, case_id=case.id) for ref in refs]

    # -- commands -------------------------------------------------------------------------------
    def _command(self, ctx: Context, name: str, args: str) -> list[Outbound]:
        command = self.commands.get(name.lower())
        if command is None:
            raise UserError(f"Unknown command “{name[:40]}”. Type help to see the commands.")
        self.require_role(ctx, command.role, command.name, args)
        return command.handler(ctx, args)

    @staticmethod
    def require_role(ctx: Context, role: str, what: str, args: str = "") -> None:
        """Refuse, privately and on the audit record, a member whose role is below the one needed."""
        if role_rank(ctx.member.role) < role_rank(role):
            raise Refused(f"“{what}” needs the {role} role; you are {ctx.member.role}. Ask an admin if you need it.",
                          attempted=f"command.{what.split()[0]}", tried=f"{what} {args}".strip())

    # -- actions --------------------------------------------------------------------------------
    def _action(self, ctx: Context, event: ActionInvoked) -> list[Outbound]:
        return workflow.run_action(ctx, event.action, event.value, event.inputs, event.message)

    def _resend(self, session: Session, event: TimerFired) -> list[Outbound]:
        """A kept message, due again; an edit of a case card carries the card as it is now, not as it was."""
        out = outbox.kept_message(session, event.timer_id)
        if out is None:
            return []
        if out.replace is not None and out.case_id is not None and out.error is None:
            out = replace(out, card=self.card(session, cases.get_case(session, out.case_id)))
        return [out]

    def record_card(self, case_id: int, ref: MessageRef) -> None:
        """An adapter reports where a case card landed, so the next change edits it in place."""
        for attempt in (1, 2):
            with open_session(self.engine) as session:
                cases.record_card_ref(session, case_id, ref)
                try:
                    session.commit()
                    return
                except IntegrityError:
                    # Two cards for one channel landed at once; the second is now the live one.
                    session.rollback()
                    if attempt == 2:
                        raise


def _escalation_line(session: Session, escalation) -> str:
    owner = session.get(Member, escalation.owner_id) if escalation.owner_id else None
    line = (f"to {escalation.tier_name} ({escalation.to_grade}) by {escalation.created_by}"
            f"{': ' + escalation.reason if escalation.reason else ''} · owner {owner.display_name if owner else '—'}")
    if escalation.acknowledged_at:
        return line + f" · acknowledged by {escalation.acknowledged_by}"
    return line + " · not acknowledged yet"


def _place(ref: MessageRef) -> tuple[str, str, str]:
    return ref.platform, ref.channel, ref.message_id


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


def _cmd_help(ctx: Context, args: str) -> list[Outbound]:
    lines = [f"{c.usage} — {c.summary}" + ("" if c.role == "agent" else f" ({c.role})")
             for c in ctx.desk.commands.values()]
    lines.append("Forward or paste a customer's message to analyse it and open a case.")
    return [Outbound(text_card("\n".join(lines), title="Commands"), private=True)]
