"""Case service functions: intake, ownership, notes, escalation and resolution records, card refs."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot.i18n.language import _
from bot.audit.service import record_audit
from bot.cases.card import CaseView, TriggerView
from bot.cases.resolution import ResolutionInput
from bot.cases.rules import CaseContext, case_level
from bot.cases.tables import CardRef, Case, CaseMessage, Customer, Note, Resolution
from bot.errors import UserError
from bot.commands.parser import split_case_id
from bot.events import CustomerRef
from bot.levels import level_rank
from bot.members.tables import Member
from bot.messages import MessageRef
from bot.money import Money
from bot.risk.analyzer import RiskAssessment
from bot.store.db import as_utc, get_numbered, write_gate
from bot.store.db import session as open_session
from bot.store.kept import read_once
from bot.store.tables import AuditEntry
from bot.text.normalize import clean_message, unreadable_share

MAX_MESSAGE_CHARS = 100_000
MAX_NOTE_CHARS = 5_000
MAX_VIP_LEVEL = 10
OPEN_STATUSES = ("open", "escalated")


def check_customer_text(text: str) -> str:
    """The message cleaned for storage, or a UserError that says what is wrong with it."""
    cleaned = clean_message(text or "").strip()
    if not cleaned:
        raise UserError(_("The message is empty: paste the customer's words."))
    if len(cleaned) > MAX_MESSAGE_CHARS:
        raise UserError(_("The message is {cleaned} characters; the limit is {max_message_chars}. Split it into "
                          "parts and send each.",
                          cleaned=format(len(cleaned), ","), max_message_chars=format(MAX_MESSAGE_CHARS, ",")))
    if unreadable_share(cleaned) > 0.3:
        raise UserError(_("This looks like binary data, not a customer message. Nothing was saved."))
    return cleaned


def customer_key(ref: CustomerRef, *, platform: str, event_id: str) -> str:
    """The stable key a customer is found by: their id, else their name, else a one-off key."""
    if ref.ref and ref.ref.strip():
        return ref.ref.strip()[:300]
    if ref.name and ref.name.strip():
        return "name:" + " ".join(ref.name.split()).casefold()[:290]
    return f"anon:{platform}:{event_id}"[:300]


def upsert_customer(session: Session, ref: CustomerRef, *, key: str, now: datetime, currency: str) -> Customer:
    if ref.vip_level is not None and not 0 <= ref.vip_level <= MAX_VIP_LEVEL:
        raise UserError(_("VIP level must be between 0 and {max_vip_level}.", max_vip_level=MAX_VIP_LEVEL))
    if ref.annual_value_minor is not None and not 0 <= ref.annual_value_minor <= 10**14:
        raise UserError(_("Annual value must be a positive amount below 10^12."))
    customer = session.exec(select(Customer).where(Customer.ref == key)).first()
    if customer is None:
        customer = Customer(ref=key, created_at=now, currency=currency)
        session.add(customer)
    if ref.name and ref.name.strip():
        customer.display_name = ref.name.strip()[:200]
    if ref.vip_level is not None:
        customer.vip_level = ref.vip_level
    if ref.annual_value_minor is not None:
        customer.annual_value_minor = ref.annual_value_minor
        customer.currency = (ref.currency or currency).upper()[:3]
    session.flush()
    return customer


def open_case_for(session: Session, customer: Customer, *, member: Member, now: datetime) -> tuple[Case, bool]:
    """The customer's open case, or a new one; and whether it was already open (the message joins it)."""
    case = session.exec(
        select(Case).where(Case.customer_id == customer.id, Case.status.in_(OPEN_STATUSES))
        .order_by(Case.id.desc())).first()
    if case is not None:
        return case, True
    case = Case(customer_id=customer.id, opened_by_id=member.id, created_at=now, updated_at=now)
    session.add(case)
    session.flush()
    return case, False


def receive_message(session: Session, *, case: Case, customer: Customer, member: Member, platform: str,
                    text: str, assessment: RiskAssessment, now: datetime,
                    first_response: Mapping[str, timedelta]) -> CaseMessage:
    """Store a customer message on its case and lift the case's level as the message and history say
    (`first_response`: how long each level may wait, from the SLA policy)."""
    message = CaseMessage(case_id=case.id, customer_id=customer.id, forwarded_by_id=member.id, platform=platform,
                          text=text, lang=assessment.lang, level=assessment.level, score=assessment.score,
                          category=assessment.category,
                          analysis=json.dumps(assessment.as_json(), ensure_ascii=False), received_at=now)
    session.add(message)
    session.flush()
    context = CaseContext(contacts=contact_count(session, customer.id), vip_level=customer.vip_level,
                          annual_value_minor=customer.annual_value_minor, currency=customer.currency,
                          waited=now - as_utc(case.created_at), first_response=first_response,
                          escalations=escalation_count(session, case.id))
    level, reason = case_level(previous=case.level, message=assessment.level, context=context)
    if assessment.level != "none":
        case.category = assessment.category
    case.level, case.level_reason = level, reason[:300]
    case.score = max(case.score, assessment.score, 70 if level == "high_risk" else 0)
    case.updated_at = now
    return message


def escalation_count(session: Session, case_id: int) -> int:
    return session.exec(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "case.escalate", AuditEntry.target == f"case:{case_id}",
        AuditEntry.outcome == "ok")).one()


def contact_count(session: Session, customer_id: int) -> int:
    return read_once(session, ("contacts", customer_id), lambda: session.exec(
        select(func.count()).select_from(CaseMessage).where(CaseMessage.customer_id == customer_id)).one())


def get_case(session: Session, case_id: str | int) -> Case:
    """The case with this id, or a NotFound that says so."""
    return get_numbered(session, Case, case_id, "case")


def take_case(session: Session, case: Case, member: Member, *, now: datetime) -> str | None:
    """Make the member the case's one owner; returns the previous owner's name."""
    previous = session.get(Member, case.owner_id) if case.owner_id else None
    if previous and previous.id == member.id:
        return previous.display_name
    case.owner_id = member.id
    case.updated_at = now
    record_audit(session, actor=member.ref, action="case.owner", target=f"case:{case.id}",
                 old=previous.ref if previous else None, new=member.ref, now=now)
    return previous.display_name if previous else None


def add_note(session: Session, case: Case, member: Member, text: str, *, now: datetime) -> Note:
    cleaned = clean_message(text or "").strip()
    if not cleaned:
        raise UserError(_("A note needs some text, e.g. `note 12 called back, customer accepted`."))
    if len(cleaned) > MAX_NOTE_CHARS:
        raise UserError(_("A note is at most {max_note_chars} characters; this one has {cleaned}.",
                          max_note_chars=format(MAX_NOTE_CHARS, ","), cleaned=format(len(cleaned), ",")))
    note = Note(case_id=case.id, author_id=member.id, text=cleaned, created_at=now)
    session.add(note)
    case.updated_at = now
    return note


def resolve_case(session: Session, case: Case, member: Member, resolution: ResolutionInput, *,
                 now: datetime) -> Resolution:
    """Close the case with its outcome, type, amount, evidence and follow-up date, audited."""
    if case.status == "resolved":
        raise UserError(_("Case #{id} is already resolved.", id=case.id))
    old = case.status
    case.status, case.resolved_at, case.updated_at = "resolved", now, now
    row = Resolution(case_id=case.id, outcome=resolution.outcome, kind=resolution.kind,
                     amount_minor=resolution.amount.minor if resolution.amount else None,
                     currency=resolution.amount.currency if resolution.amount else None,
                     evidence=resolution.evidence, follow_up_on=resolution.follow_up_on,
                     legal_approved=resolution.legal_approved, resolved_by=member.ref, resolved_at=now)
    session.add(row)
    record_audit(session, actor=member.ref, action="case.resolve", target=f"case:{case.id}", old=old,
                 new=resolution_line(row), now=now)
    return row


def resolution_line(row: Resolution) -> str:
    parts = [_(row.kind)]
    if row.amount_minor is not None:
        parts.append(str(Money(row.amount_minor, row.currency)))
    if row.outcome:
        parts.append(row.outcome)
    if row.evidence:
        parts.append(_("evidence {what}", what=row.evidence))
    if row.follow_up_on:
        parts.append(_("follow up {date}", date=row.follow_up_on.isoformat()))
    if row.legal_approved:
        parts.append(_("legal approved"))
    return " · ".join(parts)


def latest_message(session: Session, case_id: int) -> CaseMessage | None:
    return read_once(session, ("latest message", case_id), lambda: session.exec(
        select(CaseMessage).where(CaseMessage.case_id == case_id).order_by(CaseMessage.id.desc())).first())


def latest_resolution(session: Session, case_id: int) -> Resolution | None:
    return session.exec(select(Resolution).where(Resolution.case_id == case_id).order_by(Resolution.id.desc())).first()


def record_card_ref(session: Session, case_id: int, ref: MessageRef) -> None:
    """Remember where the case's card now lives on that platform and channel."""
    row = session.exec(select(CardRef).where(CardRef.case_id == case_id, CardRef.platform == ref.platform,
                                             CardRef.channel == ref.channel)).first()
    if row is None:
        row = CardRef(case_id=case_id, platform=ref.platform, channel=ref.channel, message_id=ref.message_id)
        session.add(row)
    row.message_id, row.thread_id = ref.message_id, ref.thread_id


def remember_cards(engine: Engine, cards: list[tuple[int, MessageRef]], *,
                   also: Callable[[Session], None] | None = None) -> None:
    """Where case cards landed, in one transaction with `also`'s writes, so the next change edits each in place."""
    for attempt in (1, 2):
        with write_gate(engine), open_session(engine) as session:
            for case_id, ref in cards:
                record_card_ref(session, case_id, ref)
            if also is not None:
                also(session)
            try:
                session.commit()
                return
            except IntegrityError:
                # Two cards for one channel landed at once; the second is now the live one.
                session.rollback()
                if attempt == 2:
                    raise


def card_refs(session: Session, case_id: int) -> list[MessageRef]:
    rows = session.exec(select(CardRef).where(CardRef.case_id == case_id).order_by(CardRef.id))
    return [MessageRef(r.platform, r.channel, r.message_id, r.thread_id) for r in rows]


def case_view(session: Session, case: Case) -> CaseView:
    customer = session.get(Customer, case.customer_id)
    owner = session.get(Member, case.owner_id) if case.owner_id else None
    latest = latest_message(session, case.id)
    notes = session.exec(select(Note).where(Note.case_id == case.id).order_by(Note.id.desc())).all()
    data = json.loads(latest.analysis) if latest is not None else {}
    triggers = tuple(TriggerView(t["phrase"], t["signal"], t["weight"]) for t in data.get("triggers", []))
    need = data.get("need") or {}
    name = _customer_name(customer)
    return CaseView(
        id=case.id, status=case.status, level=case.level, score=case.score, category=case.category,
        level_reason=case.level_reason, customer=name, vip_level=customer.vip_level,
        annual_value=str(Money(customer.annual_value_minor, customer.currency))
        if customer.annual_value_minor is not None else "",
        contacts=contact_count(session, customer.id), owner=owner.display_name if owner else "",
        message_text=latest.text if latest else "", message_level=latest.level if latest else case.level,
        message_lang=latest.lang if latest else "", triggers=triggers, notes=len(notes),
        last_note=notes[0].text if notes else "",
        demands=tuple(data.get("demands", ())), need_question=need.get("question"),
        cards=tuple(f"{c['card']}: “{c['phrase']}”" for c in data.get("cards", ())), style=data.get("style", ""),
    )


def open_cases(session: Session, limit: int = 200) -> list[Case]:
    """Open cases, riskiest and most recently touched first."""
    cases = list(session.exec(select(Case).where(Case.status.in_(OPEN_STATUSES))
                              .order_by(Case.updated_at.desc()).limit(limit)))
    return sorted(cases, key=lambda c: -level_rank(c.level))


def list_facts(session: Session, cases: list[Case]) -> dict[int, dict]:
    """For a list of cases, in three queries whatever its length: each case's customer, owner and contact count."""
    customers = {c.id: c for c in session.exec(select(Customer).where(
        Customer.id.in_({case.customer_id for case in cases})))}
    owner_ids = {case.owner_id for case in cases if case.owner_id}
    owners = {m.id: m.display_name for m in session.exec(select(Member).where(Member.id.in_(owner_ids)))} \
        if owner_ids else {}
    counts = dict(session.exec(select(CaseMessage.customer_id, func.count()).where(
        CaseMessage.customer_id.in_(customers)).group_by(CaseMessage.customer_id)).all())
    return {case.id: {"customer": _customer_name(customers[case.customer_id]),
                      "owner": owners.get(case.owner_id, ""), "contacts": counts.get(case.customer_id, 0)}
            for case in cases}


def _customer_name(customer: Customer) -> str:
    return customer.display_name or (_("anonymous customer") if customer.ref.startswith("anon:") else customer.ref)


def case_detail(session: Session, case: Case) -> dict:
    """The case with its messages and notes, for the console."""
    messages = session.exec(select(CaseMessage).where(CaseMessage.case_id == case.id).order_by(CaseMessage.id))
    notes = session.exec(select(Note).where(Note.case_id == case.id).order_by(Note.id))
    return {
        "messages": [{"id": m.id, "text": m.text, "level": m.level, "score": m.score, "lang": m.lang,
                      "received_at": as_utc(m.received_at).isoformat()} for m in messages],
        "notes": [{"id": n.id, "text": n.text, "created_at": as_utc(n.created_at).isoformat()} for n in notes],
    }


def case_and_rest(session: Session, args: str) -> tuple[Case, str]:
    """`12 the rest` (or `#12 …`) → the case and the rest of the words."""
    case_id, rest = split_case_id(args)
    return get_case(session, case_id), rest


def button_case(session: Session, value: str) -> tuple[Case, str]:
    """A button's value `12` or `12:7` → the case, and what follows the colon (an offer, an amount)."""
    case_part, _sep, rest = value.partition(":")
    return get_case(session, case_part), rest
