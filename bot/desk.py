"""The core: takes an inbound event, decides, writes the database, returns outbound messages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot.audit.service import record_audit
from bot.cases import service as cases
from bot.cases.card import ACTION_FORMS, case_card
from bot.cases.tables import Case
from bot.commands.parser import split_case_id
from bot.delivery import outbox
from bot.errors import Refused, UserError
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, Event, MessageReceived, TimerFired
from bot.members.service import find_member, list_members, lookup_member, resolve_member, role_rank, set_role
from bot.members.tables import Member
from bot.messages import ActionId, Card, Form, MessageRef, Outbound, Severity, text_card
from bot.ports import Clock
from bot.risk import watch
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
    role: str = "agent"  # the least role that may run it


class Desk:
    """The platform-neutral core every adapter talks to."""

    def __init__(self, *, engine: Engine, analyzer: Analyzer, clock: Clock, currency: str = "CNY") -> None:
        self.engine = engine
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
            Command("note", "note <id> <text>", "add a note to a case", _cmd_note),
            Command("role", "role grant|revoke <member> <role> · role list", "who is agent, lead or admin",
                    _cmd_role, role="admin"),
            Command("watch", "watch list [signal] · watch add|remove <signal> <phrase> [weight]",
                    "the risk watch-lists: what raises a flag, and harmless contexts (shield)", _cmd_watch,
                    role="admin"),
            Command("help", "help", "list the commands", _cmd_help),
        ):
            self.register(cmd)
        self._registered: set[str] = set()
        # Forms an action needs filled in first; surfaces look them up by action id.
        self.forms: dict[ActionId, Form] = dict(ACTION_FORMS)
        # Timer kinds the core fires; later capabilities (SLA clocks) add theirs.
        self.timer_kinds: dict[str, Callable[[Session, TimerFired], list[Outbound]]] = {
            outbox.KIND: self._resend,
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
            if not isinstance(event, TimerFired) and self._seen(event):
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
                             new=str(exc)[:500], now=self.clock.now())
                session.commit()
        except Exception:
            log.exception("could not audit a refusal for %s", event.member)

    def _dispatch(self, session: Session, event: Event) -> list[Outbound]:
        if isinstance(event, TimerFired):
            fire = self.timer_kinds.get(event.kind)
            if fire is None:
                log.warning("timer %s of unknown kind %r ignored", event.timer_id, event.kind)
                return []
            return fire(session, event)
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
        return case_card(cases.case_view(session, case))

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
        if role_rank(ctx.member.role) < role_rank(command.role):
            raise Refused(f"“{command.name}” needs the {command.role} role; you are {ctx.member.role}. "
                          "Ask an admin if you need it.", attempted=f"command.{command.name}")
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
        with open_session(self.engine) as session:
            cases.record_card_ref(session, case_id, ref)
            session.commit()


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


def _cmd_note(ctx: Context, args: str) -> list[Outbound]:
    case_id, text = split_case_id(args)
    case = cases.get_case(ctx.session, case_id)
    cases.add_note(ctx.session, case, ctx.member, text, now=ctx.now)
    return ctx.desk.card_updates(ctx.session, case) + [
        Outbound(text_card(f"Note added to case #{case.id}."), private=True, case_id=case.id)]


def _cmd_role(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb = verb.lower()
    if verb == "list" or not verb:
        lines = [f"{m.display_name} ({m.ref}) · {m.role}" for m in list_members(ctx.session)]
        return [Outbound(text_card("\n".join(lines) or "No members yet.", title="Roles"), private=True)]
    who, _, role = rest.strip().rpartition(" ")
    if verb not in ("grant", "revoke") or not who.strip():
        raise UserError("Usage: role grant <member> <role> · role revoke <member> <role> · role list")
    member = lookup_member(ctx.session, who)
    role = role.lower()
    if verb == "revoke":
        if member.role != role:
            raise UserError(f"{member.display_name} is {member.role}, not {role[:20]}; nothing to revoke.")
        role = "agent"
    old = set_role(ctx.session, member, role, actor=ctx.member, now=ctx.now)
    return [Outbound(text_card(f"{member.display_name} ({member.ref}): {old} → {role}."), private=True)]


def _cmd_watch(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb, base, s = verb.lower(), ctx.desk.base_lexicon, ctx.session
    if verb in ("", "list"):
        rule = watch.resolve_rule(base, rest.strip()) if rest.strip() else None
        title = f"Watch-list: {rule}" if rule else "Watch-lists"
        return [Outbound(text_card(watch.describe(s, base, rule), title=title), private=True)]
    if verb not in ("add", "remove"):
        raise UserError(watch.USAGE)
    signal, phrase, weight = watch.parse_entry(rest, weighted=verb == "add")
    rule = watch.resolve_rule(base, signal)
    if verb == "add":
        said = watch.add_entry(s, base, actor=ctx.member.ref, rule=rule, phrase=phrase, weight=weight, now=ctx.now)
    else:
        said = watch.remove_entry(s, base, actor=ctx.member.ref, rule=rule, phrase=phrase, now=ctx.now)
    return [Outbound(text_card(said + " It applies to the next message analysed."), private=True)]


def _cmd_help(ctx: Context, args: str) -> list[Outbound]:
    lines = [f"{c.usage} — {c.summary}" + ("" if c.role == "agent" else f" ({c.role})")
             for c in ctx.desk.commands.values()]
    lines.append("Forward or paste a customer's message to analyse it and open a case.")
    return [Outbound(text_card("\n".join(lines), title="Commands"), private=True)]
