"""Money as integer minor units with a currency; parsing what people type (200, ¥200, CNY 200.50, NT$500)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n.language import _
from bot.errors import UserError

MAX_MAJOR_UNITS = 10**12
_SYMBOLS = {"¥": "CNY", "￥": "CNY", "rmb": "CNY", "元": "CNY", "nt$": "TWD", "hk$": "HKD", "us$": "USD",
            "$": "USD", "€": "EUR", "£": "GBP"}
_CODES = {"CNY", "TWD", "HKD", "USD", "EUR", "GBP", "JPY", "SGD", "MOP"}
_ZERO_DECIMAL = {"JPY"}
_AMOUNT = re.compile(r"^(?P<pre>[^\d\s.,-]*)\s*(?P<num>-?[\d,]*\.?\d+)\s*(?P<post>[^\d\s.,]*)$")


@dataclass(frozen=True)
class Money:
    minor: int
    currency: str

    def __str__(self) -> str:
        if self.currency in _ZERO_DECIMAL:
            return f"{self.currency} {self.minor:,}"
        return f"{self.currency} {self.minor // 100:,}.{self.minor % 100:02d}"


def parse_money(text: str, *, default_currency: str) -> Money:
    """Parse an amount a person typed; a UserError says what is wrong with it."""
    raw = " ".join(str(text).split())
    currency = None
    if raw[:3].upper() in _CODES:
        currency, raw = raw[:3].upper(), raw[3:].strip()
    m = _AMOUNT.match(raw) if raw else None
    if not m:
        raise UserError(_("{text} is not an amount; write it like 200, 200.50, ¥200 or USD 30.", text=repr(text)))
    marks = (m.group("pre") + m.group("post")).lower()
    if currency is None:
        currency = _SYMBOLS.get(marks) if marks else default_currency
        if currency is None:
            raise UserError(_("Unknown currency {marks}; use a code such as CNY, TWD, HKD or USD.",
                              marks=repr(marks)))
    elif marks:
        raise UserError(_("{text} names its currency twice.", text=repr(text)))
    number = m.group("num").replace(",", "")
    if number.startswith("-"):
        raise UserError(_("An amount cannot be negative."))
    major, _sep, frac = number.partition(".")
    digits = 0 if currency in _ZERO_DECIMAL else 2
    if len(frac) > digits:
        raise UserError(_("{currency} amounts have at most {digits} decimal places.",
                          currency=currency, digits=digits))
    if len(major.lstrip("0")) > len(str(MAX_MAJOR_UNITS)) or int(major or 0) >= MAX_MAJOR_UNITS:
        raise UserError(_("That amount is too large to be real."))
    minor = int(major or 0) * 10**digits + int((frac or "0").ljust(digits, "0")[:digits] or 0)
    return Money(minor, currency)


def positive_amount(text: str, *, default_currency: str) -> Money:
    """An amount above zero, or a UserError."""
    money = parse_money(text, default_currency=default_currency)
    if money.minor <= 0:
        raise UserError(_("An amount must be above zero."))
    return money
