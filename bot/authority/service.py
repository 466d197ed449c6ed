"""Authority in the database: tier limits, VIP rules, reserved actions, and offers with their approvals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from bot.i18n.language import _
from bot.audit.service import record_audit
from bot.authority.rules import OFFER_KINDS, LimitRule, effective_limit, parse_limit_rule, rule_for
from bot.authority.tables import Offer, Reserve, VipRule
from bot.cases.service import MAX_VIP_LEVEL
from bot.cases.tables import Case, Customer
from bot.errors import Refused, UserError
from bot.members.tables import Member
from bot.money import Money
from bot.store.db import get_numbered
from bot.store.kept import Kept, read_once
from bot.tiers.rules import GRADES, grade_rank
from bot.tiers.service import ladder, member_grade, tier_members
from bot.tiers.tables import Tier


def _money(minor: int | None, currency: str) -> str:
    return str(Money(minor, currency)) if minor is not None else "none"


_RULES = Kept()  # read on every card: kept for a few seconds per process


def limit_rules(session: Session) -> list[LimitRule]:
    return _RULES.get(session, lambda: [LimitRule(r.vip_level, r.multiplier_pct, r.share_bp, r.cap_minor, r.currency)
                                        for r in session.exec(select(VipRule).order_by(VipRule.vip_level))])


@dataclass(frozen=True)
class Limit:
    """What one tier may grant one customer, and the VIP rule that made it so."""

    tier: Tier
    minor: int | None
    rule: LimitRule | None

    def __str__(self) -> str:
        amount = _money(self.minor, self.tier.currency)
        return amount + (f" ({self.rule.describe()})" if self.rule and self.minor != self.tier.limit_minor else "")


def limit_for(session: Session, tier: Tier, customer: Customer, rules: list[LimitRule] | None = None) -> Limit:
    """What this tier may grant this customer; pass `rules` when walking the ladder so they are read once."""
    rule = rule_for(limit_rules(session) if rules is None else rules, customer.vip_level)
    minor = effective_limit(tier.limit_minor, tier.currency, rule, customer.annual_value_minor, customer.currency)
    return Limit(tier, minor, rule)


def describe(session: Session) -> str:
    lines = [f"{t.grade} · {t.name}: {_money(t.limit_minor, t.currency)}" for t in reversed(ladder(session))]
    rules = limit_rules(session)
    lines.append(_("VIP rules:") + " " + ("; ".join(r.describe() for r in rules) if rules else _("none")))
    grades = {t.grade: t.name for t in ladder(session)}
    reserves = session.exec(select(Reserve).order_by(Reserve.action)).all()
    lines.append(_("Reserved:") + " " + ("; ".join(
        _("{action} needs {tier} ({grade}) and above", action=_(r.action), tier=grades.get(r.grade, r.grade),
          grade=r.grade) for r in reserves) if reserves else _("none")))
    return "\n".join(lines)


def set_limit(session: Session, tier: Tier, money: Money, *, actor: str, now: datetime) -> None:
    old = _money(tier.limit_minor, tier.currency)
    tier.limit_minor, tier.currency = money.minor, money.currency
    record_audit(session, actor=actor, action="authority.set", target=tier.name, old=old, new=str(money), now=now)


def set_vip_rule(session: Session, vip_level: int, text: str, *, actor: str, now: datetime,
                 default_currency: str) -> None:
    if not 1 <= vip_level <= MAX_VIP_LEVEL:
        raise UserError(_("A VIP level is a whole number from 1 to {max_vip_level}.", max_vip_level=MAX_VIP_LEVEL))
    _RULES.forget(session)
    row = session.exec(select(VipRule).where(VipRule.vip_level == vip_level)).first()
    old = LimitRule(row.vip_level, row.multiplier_pct, row.share_bp, row.cap_minor, row.currency).describe() if row else None
    if text.strip().lower() in ("off", "none", "remove"):
        if row is None:
            raise UserError(_("There is no rule for VIP {vip_level}.", vip_level=vip_level))
        session.delete(row)
        record_audit(session, actor=actor, action="authority.vip", target=f"vip:{vip_level}", old=old, new=None, now=now)
        return
    rule = parse_limit_rule(vip_level, text, default_currency=default_currency)
    if row is None:
        row = VipRule(vip_level=vip_level)
        session.add(row)
    row.multiplier_pct, row.share_bp, row.cap_minor, row.currency = (rule.multiplier_pct, rule.share_bp,
                                                                     rule.cap_minor, rule.currency)
    record_audit(session, actor=actor, action="authority.vip", target=f"vip:{vip_level}", old=old,
                 new=rule.describe(), now=now)


def set_reserve(session: Session, action: str, tier: Tier, *, actor: str, now: datetime) -> None:
    action = action.strip().lower().replace("-", "_")
    if not action.replace("_", "").isalnum() or len(action) > 40:
        raise UserError(_("Name the action in letters and underscores, like no_further_service."))
    row = session.exec(select(Reserve).where(Reserve.action == action)).first()
    old = row.grade if row else None
    if row is None:
        row = Reserve(action=action, grade=tier.grade)
        session.add(row)
    row.grade = tier.grade
    record_audit(session, actor=actor, action="authority.reserve", target=action, old=old, new=tier.grade, now=now)


def check_reserved(session: Session, action: str, member: Member) -> None:
    """Refuse a reserved action to a member below the tier it is reserved for."""
    row = session.exec(select(Reserve).where(Reserve.action == action)).first()
    if row is not None and grade_rank(member_grade(member)) < grade_rank(row.grade):
        name = next((t.name for t in ladder(session) if t.grade == row.grade), row.grade)
        raise Refused(_("“{action}” is reserved for {name} ({grade}) and above; you are in {value}. Escalate the "
                        "case instead.",
                        action=action, name=name, grade=row.grade, value=member_grade(member)), attempted=f"reserved.{action}")


# -- offers -------------------------------------------------------------------------------------
def case_offers(session: Session, case_id: int) -> list[Offer]:
    return list(read_once(session, ("offers", case_id), lambda: list(
        session.exec(select(Offer).where(Offer.case_id == case_id).order_by(Offer.id)))))


def get_offer(session: Session, offer_id: str | int) -> Offer:
    return get_numbered(session, Offer, offer_id, "offer")


def make_offer(session: Session, case: Case, customer: Customer, member: Member, money: Money, kind: str, *,
               now: datetime) -> Offer:
    """Grant the offer within the member's limit for this customer; above it, ask the lowest tier that may."""
    if kind not in OFFER_KINDS:
        raise UserError(_("“{kind}” is not an offer type; use {value}.", kind=kind[:20], value=', '.join(OFFER_KINDS)))
    if case.status == "resolved":
        raise UserError(_("Case #{id} is resolved; there is nothing to offer on.", id=case.id))
    if money.minor <= 0:
        raise UserError(_("An amount must be above zero."))
    pending = [o for o in case_offers(session, case.id) if o.status == "pending"]
    if pending:
        raise UserError(_("Offer #{id} on case #{id2} is still waiting for {needed_tier}; withdraw it first (offer "
                          "withdraw {id}).",
                          id=pending[0].id, id2=case.id, needed_tier=pending[0].needed_tier))
    tiers, rules = ladder(session), limit_rules(session)
    own = next(t for t in tiers if t.grade == member_grade(member))
    mine = limit_for(session, own, customer, rules)
    # What a tier may grant counts everything already granted on the case: four offers of ¥100 are ¥400.
    granted = sum(o.amount_minor for o in case_offers(session, case.id)
                  if o.status in ("granted", "approved") and o.currency == money.currency)
    total = granted + money.minor
    reserve = session.exec(select(Reserve).where(Reserve.action == kind)).first()
    floor = reserve.grade if reserve is not None else GRADES[0]  # a reserved kind needs its tier to decide
    offer = Offer(case_id=case.id, requested_by=member.id, amount_minor=money.minor, currency=money.currency,
                  kind=kind, created_at=now)
    if (own.currency == money.currency and mine.minor is not None and total <= mine.minor
            and grade_rank(own.grade) >= grade_rank(floor)):
        offer.status = "granted"
        session.add(offer)
        session.flush()
        record_audit(session, actor=member.ref, action="offer.grant", target=f"case:{case.id}", old=None,
                     new=f"#{offer.id} {money} {kind} within {own.name} limit {mine}", now=now)
        return offer
    approver = next((t for t in tiers if t.currency == money.currency and grade_rank(t.grade) >= grade_rank(floor)
                     and (lim := limit_for(session, t, customer, rules).minor) is not None and total <= lim), None)
    if approver is None:
        top = limit_for(session, tiers[-1], customer, rules)
        raise UserError(_("No tier may grant {money} for this customer; the highest limit is {top} ({name}). "
                          "Limits are in {currency}.",
                          money=money, top=top, name=tiers[-1].name, currency=tiers[-1].currency))
    offer.status, offer.needed_grade, offer.needed_tier = "pending", approver.grade, approver.name
    session.add(offer)
    session.flush()
    record_audit(session, actor=member.ref, action="offer.request", target=f"case:{case.id}", old=None,
                 new=f"#{offer.id} {money} {kind} (case total {Money(total, money.currency)}) above {own.name} limit "
                     f"{mine}{f'; {kind} reserved for {floor}' if reserve else ''}; needs {approver.name}", now=now)
    return offer


def decide_offer(session: Session, offer: Offer, member: Member, *, approve: bool, reason: str,
                 now: datetime) -> Offer:
    """Approve or deny a pending request; exactly one decision wins, and only from the tier it needs or above."""
    if offer.status != "pending":
        raise UserError(_settled(session, offer))
    if offer.requested_by == member.id:
        raise Refused(_("Nobody approves their own request; someone in {needed_tier} or above decides offer "
                        "#{id}.",
                        needed_tier=offer.needed_tier, id=offer.id), attempted=f"offer.decide:{offer.id}")
    # An admin decides when the ladder has nobody at or above the tier asked (the request went to them).
    staffed = any(tier_members(session, t.grade) for t in ladder(session)
                  if grade_rank(t.grade) >= grade_rank(offer.needed_grade))
    if grade_rank(member_grade(member)) < grade_rank(offer.needed_grade) and (staffed or member.role != "admin"):
        raise Refused(_("Offer #{id} needs {needed_tier} ({needed_grade}) or above; you are in {value}.",
                        id=offer.id, needed_tier=offer.needed_tier, needed_grade=offer.needed_grade, value=member_grade(member)), attempted=f"offer.decide:{offer.id}")
    if not approve and not reason.strip():
        raise UserError(_("Say why the request is denied; the agent will tell the customer."))
    status = "approved" if approve else "denied"
    won = session.execute(update(Offer).where(Offer.id == offer.id, Offer.status == "pending").values(
        status=status, decided_by=member.id, decided_at=now, reason=reason.strip()[:500])).rowcount
    session.refresh(offer)
    if not won:
        raise UserError(_settled(session, offer))
    record_audit(session, actor=member.ref, action="offer.approve" if approve else "offer.deny",
                 target=f"case:{offer.case_id}", old="pending",
                 new=f"#{offer.id} {Money(offer.amount_minor, offer.currency)} {status}"
                     + (f": {reason.strip()}" if reason.strip() else ""), now=now)
    return offer


def withdraw_offer(session: Session, offer: Offer, member: Member, *, now: datetime) -> Offer:
    if offer.status != "pending":
        raise UserError(_settled(session, offer))
    if offer.requested_by != member.id:
        raise Refused(_("Only the agent who asked may withdraw offer #{id}.", id=offer.id), attempted=f"offer.withdraw:{offer.id}")
    won = session.execute(update(Offer).where(Offer.id == offer.id, Offer.status == "pending").values(
        status="withdrawn", decided_at=now)).rowcount
    session.refresh(offer)
    if not won:
        raise UserError(_settled(session, offer))
    record_audit(session, actor=member.ref, action="offer.withdraw", target=f"case:{offer.case_id}", old="pending",
                 new=f"#{offer.id} withdrawn", now=now)
    return offer


def _settled(session: Session, offer: Offer) -> str:
    who = session.get(Member, offer.decided_by) if offer.decided_by else None
    by = _(" by {name}", name=who.display_name) if who else ""
    return _("Offer #{id} was already {status}{by}; nothing changed.", id=offer.id, status=_(offer.status), by=by)


def offer_line(session: Session, offer: Offer) -> str:
    """One offer as a card lists it: amount, kind, where it stands, and who asked."""
    who = session.get(Member, offer.requested_by)
    text = f"#{offer.id} {Money(offer.amount_minor, offer.currency)} {_(offer.kind)} · {_(offer.status)}"
    if offer.status == "pending":
        text += _(", waiting for {tier} ({grade})", tier=offer.needed_tier, grade=offer.needed_grade)
    elif offer.decided_by:
        decider = session.get(Member, offer.decided_by)
        text += _(" by {name}", name=decider.display_name) + (f": {offer.reason}" if offer.reason else "")
    return text + " · " + _("asked by {name}", name=who.display_name if who else "?")
