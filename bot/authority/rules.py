"""Authority limits: what a tier may grant for a given customer, and who must approve more. Plain functions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n.language import _
from bot.errors import UserError
from bot.money import Money, parse_money

OFFER_KINDS = ("goodwill", "refund", "repair", "replace")


@dataclass(frozen=True)
class LimitRule:
    """A VIP rule: the tier's limit times a multiplier, or a share of annual value (never below the limit) up to a cap."""

    vip_level: int
    multiplier_pct: int | None = None
    share_bp: int | None = None
    cap_minor: int | None = None
    currency: str = "CNY"

    def describe(self) -> str:
        if self.multiplier_pct is not None:
            return f"VIP {self.vip_level}+: limit ×{self.multiplier_pct / 100:g}"
        cap = f", cap {Money(self.cap_minor, self.currency)}" if self.cap_minor is not None else ""
        return _("VIP {vip_level}+: {value}% of annual value{cap} (never below the limit)",
                 vip_level=self.vip_level, value=format(self.share_bp / 100, "g"), cap=cap)


_MULTIPLIER = re.compile(r"^(?:x|×|\*)\s*(\d+(?:\.\d+)?)$|^(\d+(?:\.\d+)?)\s*(?:x|×)$")
_SHARE = re.compile(r"^(\d+(?:\.\d+)?)\s*%(?:\s+of\s+annual(?:\s+value)?)?(?:\s+cap\s+(.+))?$")


def parse_limit_rule(vip_level: int, text: str, *, default_currency: str) -> LimitRule:
    """`x2`, `×1.5`, `2x`, or `5%`, `5% cap ¥2000`; a UserError says what is accepted."""
    raw = " ".join(text.lower().split())
    m = _MULTIPLIER.match(raw)
    if m:
        factor = float(m.group(1) or m.group(2))
        if not 1 <= factor <= 100:
            raise UserError(_("A multiplier is between 1 and 100 (x2 doubles the limit)."))
        return LimitRule(vip_level, multiplier_pct=round(factor * 100))
    m = _SHARE.match(raw)
    if m:
        share = float(m.group(1))
        if not 0 < share <= 100:
            raise UserError(_("A share of annual value is above 0 % and at most 100 %."))
        cap = parse_money(m.group(2), default_currency=default_currency) if m.group(2) else None
        if cap is not None and cap.minor <= 0:
            raise UserError(_("A cap must be above zero."))
        return LimitRule(vip_level, share_bp=round(share * 100), cap_minor=cap.minor if cap else None,
                         currency=cap.currency if cap else default_currency)
    raise UserError(_("A VIP rule is a multiplier (x2, ×1.5) or a share of annual value with an optional cap (5%, 5% cap ¥2000); `off` removes it."))


def rule_for(rules: list[LimitRule], vip_level: int) -> LimitRule | None:
    """The rule of the highest VIP level the customer reaches."""
    reached = [r for r in rules if vip_level >= r.vip_level > 0]
    return max(reached, key=lambda r: r.vip_level) if reached else None


def effective_limit(limit_minor: int | None, currency: str, rule: LimitRule | None,
                    annual_value_minor: int | None, annual_currency: str | None) -> int | None:
    """A tier's limit for one customer; None when the tier may grant nothing without approval."""
    if limit_minor is None:
        return None
    if rule is None:
        return limit_minor
    if rule.multiplier_pct is not None:
        return limit_minor * rule.multiplier_pct // 100
    if annual_value_minor is None or annual_currency != currency:
        return limit_minor
    share = annual_value_minor * rule.share_bp // 10_000
    if rule.cap_minor is not None and rule.currency == currency:
        share = min(share, rule.cap_minor)
    return max(limit_minor, share)
