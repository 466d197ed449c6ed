"""Reading a resolution a person typed: the outcome in words, plus type=, amount=, evidence=, follow=, legal=."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.i18n.language import N_, _
from bot.errors import UserError
from bot.money import Money, parse_money

# What a resolution may be, as a form offers it (the first is the default).
RESOLUTION_CHOICES = (("explanation", N_("explanation")), ("goodwill", N_("goodwill (补偿)")), ("refund", N_("refund")),
                      ("repair", N_("repair")), ("replacement", N_("replacement")), ("damages", N_("damages (赔偿)")),
                      ("no_further_service", N_("no further service")))
# 补偿 is goodwill; 赔偿 (damages) can read as admitting liability and needs legal's approval.
KINDS = {
    "goodwill": "goodwill", "补偿": "goodwill", "補償": "goodwill",
    "refund": "refund", "退款": "refund",
    "repair": "repair", "维修": "repair", "維修": "repair",
    "replacement": "replacement", "replace": "replacement", "换货": "replacement", "換貨": "replacement",
    "explanation": "explanation", "解释": "explanation", "解釋": "explanation",
    "damages": "damages", "赔偿": "damages", "賠償": "damages",
    "no_further_service": "no_further_service",
}
_FIELD = re.compile(r"(?:^|\s)(type|amount|evidence|follow|legal)=(\S+)", re.IGNORECASE)
_DAYS = re.compile(r"^(\d{1,3})d$")
MAX_FOLLOW_UP_DAYS = 366


@dataclass(frozen=True)
class ResolutionInput:
    outcome: str
    kind: str = "explanation"
    amount: Money | None = None
    evidence: str = ""
    follow_up_on: date | None = None
    legal_approved: bool = False


def parse_resolution(text: str, *, today: date, default_currency: str) -> ResolutionInput:
    """The fields of a resolution typed on one line; a UserError says which one is wrong and how to write it."""
    fields = {m.group(1).lower(): m.group(2) for m in _FIELD.finditer(text)}
    return read_resolution(_FIELD.sub(" ", text).strip(), fields, today=today, default_currency=default_currency)


def read_resolution(outcome: str, fields: dict[str, str], *, today: date, default_currency: str) -> ResolutionInput:
    """A resolution from its outcome and its fields (type, amount, evidence, follow, legal), typed or from a form."""
    fields = {k: v.strip() for k, v in fields.items() if v and v.strip()}
    kind = KINDS.get(fields.get("type", "explanation").lower()) or KINDS.get(fields.get("type", ""))
    if kind is None:
        raise UserError(_("type= is one of goodwill (补偿), refund, repair, replacement, explanation, damages (赔偿), no_further_service."))
    amount = None
    if "amount" in fields:
        amount = parse_money(fields["amount"], default_currency=default_currency)
        if amount.minor <= 0:
            raise UserError(_("amount= must be above zero."))
    legal = fields.get("legal", "no").lower()
    if legal not in ("yes", "no", "approved"):
        raise UserError(_("legal= is yes or no: whether legal approved the wording."))
    legal_approved = legal in ("yes", "approved")
    if kind == "damages" and not legal_approved:
        raise UserError(_("Damages (赔偿) need legal's approval: add legal=yes, or record it as goodwill (补偿)."))
    follow = None
    if "follow" in fields:
        raw = fields["follow"]
        m = _DAYS.match(raw)
        try:
            follow = today + timedelta(days=int(m.group(1))) if m else date.fromisoformat(raw)
        except ValueError:
            raise UserError(_("follow= is a date like 2026-12-01, or a number of days like 7d.")) from None
        if not today <= follow <= today + timedelta(days=MAX_FOLLOW_UP_DAYS):
            raise UserError(_("The follow-up date must be from today to a year ahead."))
    evidence = fields.get("evidence", "")[:300]
    return ResolutionInput(outcome=outcome[:1000], kind=kind, amount=amount, evidence=evidence,
                           follow_up_on=follow, legal_approved=legal_approved)
