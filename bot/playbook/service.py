"""The suggested reply for a case: its latest message, read with what the case knows."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot.authority import service as authority
from bot.cases import service as cases
from bot.cases.tables import Case, CaseMessage, Customer
from bot.money import Money
from bot.playbook.compose import ReplyContext, Suggestion, Tier, suggest
from bot.risk.analyzer import Analyzer
from bot.sla import service as sla
from bot.tiers import service as tiers
from bot.tiers.rules import grade_rank


def reply_context(session: Session, case: Case, customer: Customer, *, now: datetime | None = None,
                  zone: ZoneInfo | None = None, script: dict[str, str] | None = None,
                  earlier: tuple[str, ...] | None = None) -> ReplyContext:
    """The ladder with each tier's limit for this customer, the frontline's limit as the agent's, and (given the
    time and the team's zone) the deadlines the reply may promise."""
    rungs, rules = [], authority.limit_rules(session)
    for tier in tiers.ladder(session):
        limit = authority.limit_for(session, tier, customer, rules).minor
        rungs.append(Tier(tier.grade, tier.name, Money(limit, tier.currency) if limit is not None else None))
    named = customer.display_name and not customer.ref.startswith("anon:") and customer.display_name != customer.ref
    return ReplyContext(name=customer.display_name if named else None, limit=rungs[0].limit, tiers=tuple(rungs),
                        escalation_tier=next(t.name for t in rungs if t.grade == case.grade), level=case.level,
                        seed=f"case:{case.id}", variant=case.reply_variant,
                        policy=json.loads(case.sla_policy) if case.sla_policy else sla.current_policy(session),
                        now=now.astimezone(zone) if now and zone else None,
                        deadlines=sla.promise_deadlines(session, case, now=now, zone=zone) if now and zone else {},
                        script=script or {}, earlier=earlier)


def case_reply(session: Session, case: Case, analyzer: Analyzer, *, now: datetime | None = None,
               zone: ZoneInfo | None = None, script: dict[str, str] | None = None) -> tuple[Suggestion, ReplyContext] | None:
    """The reply to the customer's latest message on the case, or None when there is none; with `now` and
    `zone`, its times come from the case's clocks; with an incident's `script`, it gives the unified answer."""
    latest = cases.latest_message(session, case.id)
    if latest is None:
        return None
    customer = session.get(Customer, case.customer_id)
    before = session.exec(select(CaseMessage.analysis).where(CaseMessage.case_id == case.id,
                                                              CaseMessage.id != latest.id)).all()
    # A follow-up: what the customer asked for in the case's earlier messages (their analyses are kept).
    earlier = tuple(dict.fromkeys(d for row in before for d in json.loads(row).get("demands", []))) if before else None
    ctx = reply_context(session, case, customer, now=now, zone=zone, script=script, earlier=earlier)
    return suggest(latest.text, analyzer.analyze(latest.text), ctx), ctx


def open_commits(session: Session, case: Case, suggestion: Suggestion) -> list[tuple[str, str]]:
    """The reply's commitments that are not yet facts of the case: an escalation to a tier the case has
    not reached, an approval request that is not on the case. An escalation nobody could take (no one in
    that tier or above) comes back as ("unstaffed", tier): it is not done, and the card says why."""
    out = []
    ladder = tiers.ladder(session)
    grades = {t.name: t.grade for t in ladder}
    offers = authority.case_offers(session, case.id)
    for action, target in suggestion.commits:
        if action == "escalate":
            grade = grades.get(target)
            if grade is not None and grade_rank(case.tier_grade) < grade_rank(grade):
                staffed = any(tiers.tier_members(session, t.grade) for t in ladder
                              if grade_rank(t.grade) >= grade_rank(grade))
                out.append((action if staffed else "unstaffed", target))
        elif action == "approval":
            if not any(o.status in ("pending", "approved", "granted") and str(Money(o.amount_minor, o.currency)) == target
                       for o in offers):
                out.append((action, target))
    return out

