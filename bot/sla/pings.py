"""What a due SLA timer says: a warning to the owner, or at the breach an escalation, and reminders."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.audit.service import record_audit
from bot.cases import service as cases
from bot.cases.tables import Case, Customer
from bot.commands.context import Team
from bot.events import TimerFired
from bot.members.tables import Member
from bot.errors import UserError
from bot.i18n.language import _
from bot.members.service import find_member, read_as
from bot.messages import ActionId, Button, Outbound, Severity, direct
from bot.sla import service as sla
from bot.sla.rules import spoken_duration
from bot.sla.tables import SlaClock
from bot.timers.runner import schedule_timer
from bot.store.db import as_utc
from bot.tiers import service as tiers
from bot.tiers.notices import escalation_notices
from bot.tiers.rules import GRADES

SYSTEM_MEMBER = "system:sla"
SNIPPET = 120
SNOOZE = timedelta(minutes=30)  # "remind me later" on a deadline reminder
SNOOZED_KIND = "sla.snoozed"


def _owner(session: Session, case: Case) -> Member | None:
    member_id = case.owner_id or case.opened_by_id
    return session.get(Member, member_id) if member_id else None


def _summary(session: Session, case: Case) -> str:
    latest = cases.latest_message(session, case.id)
    said = latest.text if latest else ""
    said = said if len(said) <= SNIPPET else said[:SNIPPET] + "…"
    customer = session.get(Customer, case.customer_id)
    return f"{_(case.level)} · {customer.display_name or _('customer')}: “{said}”"


def _tell(session: Session, member: Member, case: Case, write, **kwargs) -> Outbound:
    """A direct message to `member`, written (by `write`) in their language."""
    with read_as(session, member):
        return direct(member.ref, write(), case_id=case.id, **kwargs)


def reminder(team: Team, session: Session, case: Case, clock: SlaClock, member: Member, point: int | None) -> Outbound:
    """A deadline reminder to one member, in their language, with a button to be reminded again later."""
    with read_as(session, member):
        due = as_utc(clock.deadline).astimezone(team.zone)
        share = _(", {point}% of the window", point=point) if point is not None else ""
        text = _("⏰ Case #{id}: {clock} due {due} ({left}{share}). {summary}", id=case.id,
                 clock=_(sla.LABEL[clock.kind]), due=format(due, "%H:%M %Z"),
                 left=sla.left_text(clock.deadline, team.now()), share=share, summary=_summary(session, case))
        snooze = Button(_("Remind me in {span}", span=spoken_duration(SNOOZE.total_seconds())), ActionId.SNOOZE,
                        f"{case.id}:{clock.id}")
        return direct(member.ref, text, case_id=case.id, severity=Severity.EXPLICIT, buttons=(snooze,))


def _still_running(session: Session, event: TimerFired) -> tuple[SlaClock, Case, dict] | None:
    """The clock a timer names, its case and the timer's payload; None when the clock stopped or restarted
    since (its token moved on) or the case is resolved."""
    payload = json.loads(event.payload or "{}")
    clock = session.get(SlaClock, payload.get("clock", 0))
    if clock is None or clock.token != event.token or clock.status != "running":
        return None
    case = session.get(Case, clock.case_id)
    return None if case is None or case.status == "resolved" else (clock, case, payload)


def fire_sla(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    """A warning point of a clock: skipped when its token is stale; the owner pinged; at 100 % a breach."""
    running = _still_running(session, event)
    if running is None:
        return []
    clock, case, payload = running
    now, point = team.now(), int(payload.get("point", 100))
    owner = _owner(session, case)
    if point < 100:
        outs = team.cards.live(session, case)
        if owner is not None:
            outs.append(reminder(team, session, case, clock, owner, point))
        return outs
    clock.status, clock.stopped_at = "breached", now
    record_audit(session, actor=SYSTEM_MEMBER, action="sla.breach", target=f"case:{case.id}",
                 old=f"{sla.LABEL[clock.kind]} due {as_utc(clock.deadline).isoformat()}", new="breached", now=now)
    if clock.kind == "silence":
        outs = team.cards.live(session, case)
        if owner is not None:
            since = as_utc(case.waiting_since).astimezone(team.zone)
            outs.append(_tell(session, owner, case, lambda: _(
                "Case #{id}: the customer has been silent since {since}. Silence is not resolution: follow up with "
                "them, or resolve the case with what was agreed.", id=case.id, since=format(since, "%Y-%m-%d %H:%M"))))
        return outs
    return _escalate_on_breach(team, session, case, clock, now)


def _escalate_on_breach(team: Team, session: Session, case: Case, clock: SlaClock, now) -> list[Outbound]:
    """Up one grade to the next tier's owner; an unacknowledged escalation keeps climbing on the same rule."""
    label = sla.LABEL[clock.kind]
    previous = _owner(session, case)
    if case.tier_grade == GRADES[-1]:
        outs = team.cards.live(session, case)
        if previous is not None:
            outs.append(_tell(session, previous, case, lambda: _(
                "Case #{id}: {clock} deadline passed at the top tier.", id=case.id, clock=_(label))))
        return outs
    reason = f"SLA breach: {label} deadline passed"  # kept in the audit and on the escalation, in one language
    done = tiers.escalate_case(session, case, SYSTEM_MEMBER, reason, now=now)
    outs = escalation_notices(team, session, case, done, by="the SLA clock", by_member_id=None, reason=reason)
    sla.start_clock(session, case, "ack", now=now, zone=team.zone, seconds=clock.window_seconds)
    if previous is not None:
        def write() -> str:
            moved = (_("the case moved up to the next tier's owner") if previous.id != case.owner_id
                     else _("nobody is in the tiers above, so it stays with you"))
            return _("⏰ Case #{id}: the {clock} deadline passed (100%); {moved}.", id=case.id, clock=_(label),
                     moved=moved)
        outs.append(_tell(session, previous, case, write))
    return outs


def snooze(team: Team, session: Session, case: Case, clock_id: str, member: Member) -> datetime:
    """Remind `member` of a running clock again in SNOOZE; returns when. A stopped clock has nothing to snooze."""
    clock = session.get(SlaClock, int(clock_id)) if clock_id.isdigit() else None
    if clock is None or clock.case_id != case.id or clock.status != "running":
        raise UserError(_("That deadline is no longer running on case #{id}; nothing to snooze.", id=case.id))
    due = team.now() + SNOOZE
    schedule_timer(session, case_id=case.id, kind=SNOOZED_KIND, due_at=due, token=clock.token,
                   payload={"clock": clock.id, "member": member.ref})
    return due


def fire_snoozed(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    """A snoozed reminder, unless its clock stopped or restarted (the case was answered, resolved) meanwhile."""
    running = _still_running(session, event)
    if running is None:
        return []
    clock, case, payload = running
    member = find_member(session, payload.get("member", ""))
    return [reminder(team, session, case, clock, member, None)] if member is not None else []


def fire_follow_up(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    case = session.get(Case, event.case_id) if event.case_id else None
    if case is None or case.status != "resolved":
        return []
    owner = _owner(session, case)
    if owner is None:
        return []
    customer = session.get(Customer, case.customer_id)
    return [_tell(session, owner, case, lambda: _(
        "Follow-up due today for case #{id} ({customer}): check that what was agreed happened and the customer is "
        "satisfied.", id=case.id, customer=customer.display_name or _("customer")))]


