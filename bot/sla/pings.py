"""What a due SLA timer says: a warning to the owner, or at the breach an escalation, and reminders."""

from __future__ import annotations

import json

from sqlmodel import Session

from bot.audit.service import record_audit
from bot.cases import service as cases
from bot.cases.tables import Case, Customer
from bot.commands.context import Team
from bot.events import TimerFired
from bot.members.tables import Member
from bot.messages import Outbound, Severity, direct
from bot.sla import service as sla
from bot.sla.tables import SlaClock
from bot.store.db import as_utc
from bot.tiers import service as tiers
from bot.tiers.notices import escalation_notices
from bot.tiers.rules import GRADES

SYSTEM_MEMBER = "system:sla"
SNIPPET = 120


def _owner(session: Session, case: Case) -> Member | None:
    member_id = case.owner_id or case.opened_by_id
    return session.get(Member, member_id) if member_id else None


def _summary(session: Session, case: Case) -> str:
    latest = cases.latest_message(session, case.id)
    said = latest.text if latest else ""
    said = said if len(said) <= SNIPPET else said[:SNIPPET] + "…"
    customer = session.get(Customer, case.customer_id)
    return f"{case.level} · {customer.display_name or 'customer'}: “{said}”"


def fire_sla(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    """A warning point of a clock: skipped when its token is stale; the owner pinged; at 100 % a breach."""
    payload = json.loads(event.payload or "{}")
    clock = session.get(SlaClock, payload.get("clock", 0))
    if clock is None or clock.token != event.token or clock.status != "running":
        return []
    case = session.get(Case, clock.case_id)
    if case is None or case.status == "resolved":
        return []
    now, point = team.now(), int(payload.get("point", 100))
    owner = _owner(session, case)
    label = sla.LABEL[clock.kind]
    due = as_utc(clock.deadline).astimezone(team.zone)
    if point < 100:
        text = (f"⏰ Case #{case.id}: {label} due {due:%H:%M %Z} ({sla.left_text(clock.deadline, now)}, "
                f"{point}% of the window). {_summary(session, case)}")
        outs = team.cards.live(session, case)
        if owner is not None:
            outs.append(direct(owner.ref, text, case_id=case.id, severity=Severity.EXPLICIT))
        return outs
    clock.status, clock.stopped_at = "breached", now
    record_audit(session, actor=SYSTEM_MEMBER, action="sla.breach", target=f"case:{case.id}",
                 old=f"{label} due {as_utc(clock.deadline).isoformat()}", new="breached", now=now)
    if clock.kind == "silence":
        outs = team.cards.live(session, case)
        if owner is not None:
            since = as_utc(case.waiting_since).astimezone(team.zone)
            outs.append(direct(owner.ref, f"Case #{case.id}: the customer has been silent since {since:%Y-%m-%d %H:%M}. "
                               "Silence is not resolution: follow up with them, or resolve the case with what was agreed.",
                               case_id=case.id))
        return outs
    return _escalate_on_breach(team, session, case, clock, now)


def _escalate_on_breach(team: Team, session: Session, case: Case, clock: SlaClock, now) -> list[Outbound]:
    """Up one grade to the next tier's owner; an unacknowledged escalation keeps climbing on the same rule."""
    label = sla.LABEL[clock.kind]
    previous = _owner(session, case)
    if case.tier_grade == GRADES[-1]:
        outs = team.cards.live(session, case)
        if previous is not None:
            outs.append(direct(previous.ref, f"Case #{case.id}: {label} deadline passed at the top tier.",
                               case_id=case.id))
        return outs
    reason = f"SLA breach: {label} deadline passed"
    done = tiers.escalate_case(session, case, SYSTEM_MEMBER, reason, now=now)
    outs = escalation_notices(team, session, case, done, by="the SLA clock", by_member_id=None, reason=reason)
    sla.start_clock(session, case, "ack", now=now, zone=team.zone, seconds=clock.window_seconds)
    if previous is not None:
        moved = ("the case moved up to the next tier's owner" if previous.id != case.owner_id
                 else "nobody is in the tiers above, so it stays with you")
        outs.append(direct(previous.ref, f"⏰ Case #{case.id}: the {label} deadline passed (100%); {moved}.",
                           case_id=case.id))
    return outs


def fire_follow_up(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    case = session.get(Case, event.case_id) if event.case_id else None
    if case is None or case.status != "resolved":
        return []
    owner = _owner(session, case)
    if owner is None:
        return []
    customer = session.get(Customer, case.customer_id)
    return [direct(owner.ref, f"Follow-up due today for case #{case.id} ({customer.display_name or 'customer'}): "
                              "check that what was agreed happened and the customer is satisfied.", case_id=case.id)]


