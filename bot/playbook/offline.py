"""Suggestions without a database (the `bot suggest` command): the shipped ladder and grading defaults."""

from __future__ import annotations

from bot.i18n.language import _
from bot.errors import UserError
from bot.money import Money, parse_money
from bot.playbook.compose import ReplyContext, Suggestion, Tier, suggest
from bot.risk.analyzer import Analyzer
from bot.tiers.rules import default_ladder, default_matrix, grade_case


def shipped_tiers() -> tuple[Tier, ...]:
    ladder = default_ladder()
    return tuple(Tier(t["grade"], t["name"], Money(int(t["limit"]) * 100, ladder["currency"]) if "limit" in t else None)
                 for t in ladder["tier"])


def suggest_offline(analyzer: Analyzer, text: str, *, tier: str = "agent", vip: int | str = 0,
                    annual_value: str | int | None = None, name: str | None = None) -> Suggestion:
    """A suggestion for an agent of `tier`, for a customer of this VIP level and annual value."""
    tiers = shipped_tiers()
    own = next((t for t in tiers if t.name == tier.strip().lower()), None)
    if own is None:
        raise UserError(_("No tier “{tier}”; tiers are {value}.",
                          tier=tier[:40], value=', '.join(t.name for t in tiers)))
    try:
        vip_level = int(vip)
    except (TypeError, ValueError, OverflowError):
        raise UserError(_("vip must be a whole number.")) from None
    if not 0 <= vip_level <= 10:
        raise UserError(_("vip is a level from 0 to 10."))
    annual = parse_money(str(annual_value), default_currency=default_ladder()["currency"]) if annual_value else None
    assessment = analyzer.analyze(text)
    grade, _unused = grade_case(default_matrix(), level=assessment.level, vip_level=vip_level,
                          annual_value_minor=annual.minor if annual else None,
                          currency=annual.currency if annual else default_ladder()["currency"], contacts=1)
    escalation = next(t.name for t in tiers if t.grade == grade)
    ctx = ReplyContext(name=name or None, limit=own.limit, tiers=tiers, escalation_tier=escalation)
    return suggest(text, assessment, ctx)
