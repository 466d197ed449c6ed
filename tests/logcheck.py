"""Phone numbers in every shape customers write them, and a check that none reaches the bot's log output."""

from __future__ import annotations

import contextlib
import logging
import re

from bot.logs import configure_logging

# Mainland China, Hong Kong, Taiwan and North America; full-width, spaced and Chinese-numeral digits.
PHONES = [
    "13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "+8613812345678", "0086 13812345678",
    "86-13812345678", "021-62345678", "(010) 8888 6666", "0755 8888 9999", "１３８１２３４５６７８",
    "一三八一二三四五六七八", "1 3 8 1 2 3 4 5 6 7 8", "9123 4567", "+852 9123 4567", "2345-6789",
    "0912-345-678", "0912345678", "+886 912 345 678", "02-2345-6789", "(02) 2345 6789", "(415) 555-0123",
    "415-555-0123", "415.555.0123", "4155550123", "+1 415 555 0123", "1-800-555-0199", "１３８ １２３４ ５６７８",
]
MESSAGE = "我要投诉，请打我电话 " + " / ".join(PHONES)
# What would give a number away: its digits in a row, whatever separated them in the message.
_DIGITS = str.maketrans("０１２３４５６７８９一二三四五六七八九", "012345678912345678" + "9")


def leaked(output: str) -> list[str]:
    """The phone numbers whose digits appear in the output (separators and digit forms ignored)."""
    flat = re.sub(r"[\s\-().+]", "", output.translate(_DIGITS))
    found = []
    for phone in PHONES:
        digits = re.sub(r"\D", "", phone.translate(_DIGITS))
        if digits[-8:] in flat:
            found.append(phone)
    return found


@contextlib.contextmanager
def bot_logging(level: int = logging.DEBUG):
    """The bot's own log set-up (as `bot serve` has it, here at DEBUG: the most it would ever write)."""
    root = logging.getLogger()
    saved = list(root.handlers), root.level
    configure_logging(level)
    try:
        yield
    finally:
        root.handlers[:], _ = saved[0], root.setLevel(saved[1])
