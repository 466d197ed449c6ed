"""A customer's page (every case and message, contacts, the first-to-second contact interval, VIP and value) and
a case's timeline (messages, notes and every action on record, in order)."""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, select

from bot.i18n.language import N_, _
from bot.cases.tables import Case, CaseMessage, Customer, Note
from bot.errors import NotFound, UserError
from bot.members.tables import Member
from bot.money import Money
from bot.store.db import as_utc
from bot.store.tables import AuditEntry

TIMELINE_LIMIT = 500


def customer_page(session: Session, customer: Customer) -> dict:
    cases = session.exec(select(Case).where(Case.customer_id == customer.id).order_by(Case.id)).all()
    messages = session.exec(select(CaseMessage).where(CaseMessage.customer_id == customer.id)
                            .order_by(CaseMessage.id)).all()
    times = [as_utc(m.received_at) for m in messages]
    return {
        "ref": customer.ref, "name": customer.display_name, "vip_level": customer.vip_level,
        "annual_value": str(Money(customer.annual_value_minor, customer.currency))
        if customer.annual_value_minor is not None else None,
        "contacts": len(messages),
        # How soon they wrote again: the first-to-second contact interval says how the first answer landed.
        "first_to_second_seconds": (times[1] - times[0]).total_seconds() if len(times) > 1 else None,
        "cases": [{"id": c.id, "status": c.status, "level": c.level, "category": c.category,
                   "opened": as_utc(c.created_at).isoformat(),
                   "resolved": as_utc(c.resolved_at).isoformat() if c.resolved_at else None} for c in cases],
        "messages": [{"case": m.case_id, "at": as_utc(m.received_at).isoformat(), "level": m.level, "lang": m.lang,
                      "text": m.text}
                     for m in messages],
    }


# What each audited action on a case is called on its timeline.
HAPPENED = {
    "case.owner": N_("took ownership"), "case.replied": N_("reply marked sent"), "case.escalate": N_("escalated"),
    "case.acknowledge": N_("acknowledged the escalation"), "case.waiting": N_("waiting on the customer"),
    "case.resolve": N_("resolved"), "case.level": N_("level corrected"), "offer.grant": N_("offer granted"),
    "offer.request": N_("approval requested"), "offer.approve": N_("offer approved"), "offer.deny": N_("offer denied"),
    "offer.withdraw": N_("offer withdrawn"), "sla.breach": N_("deadline passed"), "incident.join": N_("joined an incident"),
}


def case_timeline(session: Session, case: Case) -> list[dict]:
    """Everything that happened on the case, oldest first: what the customer wrote, notes, and each action on
    record (ownership, replies marked sent, escalations and acknowledgements, offers and decisions, breaches,
    level corrections, resolution), with members named."""
    names = dict(session.exec(select(Member.ref, Member.display_name)).all())
    events = [{"at": as_utc(m.received_at), "kind": _("customer wrote"), "by": _("customer"), "what": m.text}
              for m in session.exec(select(CaseMessage).where(CaseMessage.case_id == case.id))]
    authors = dict(session.exec(select(Member.id, Member.display_name)).all())
    events += [{"at": as_utc(n.created_at), "kind": _("note"), "by": authors.get(n.author_id, ""), "what": n.text}
               for n in session.exec(select(Note).where(Note.case_id == case.id))]
    events += [{"at": as_utc(e.at), "kind": _(HAPPENED[e.action]) if e.action in HAPPENED else e.action,
                "by": names.get(e.actor, e.actor),
                "what": (e.new_value or "")[:300] + ("" if e.outcome == "ok" else f" ({e.outcome})")}
               for e in session.exec(select(AuditEntry).where(AuditEntry.target == f"case:{case.id}")
                                     .order_by(AuditEntry.id).limit(TIMELINE_LIMIT))]
    events.sort(key=lambda e: e["at"])
    return [{**e, "at": e["at"].isoformat()} for e in events]


def find_customer(session: Session, who: str) -> Customer:
    """A customer by reference (as stored, or without its platform prefix) or by a name only one customer has."""
    who = who.strip()
    if not who:
        raise UserError(_("Name the customer: their reference (C-1024) or their name."))
    found = session.exec(select(Customer).where(Customer.ref == who)).first()
    if found is None:
        matches = session.exec(select(Customer).where(
            or_(Customer.ref.endswith(":" + who), Customer.display_name == who)).limit(2)).all()
        if len(matches) > 1:
            raise UserError(_("More than one customer is called “{who}”: use their reference.", who=who[:40]))
        found = matches[0] if matches else None
    if found is None:
        raise NotFound(_("No customer “{who}”.", who=who[:40]))
    return found
