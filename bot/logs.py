"""Logging set-up: secrets and customers' phone numbers never reach a log line."""

from __future__ import annotations

import logging
import re

_SECRETS = [
    re.compile(r"xox[abposre]-[A-Za-z0-9-]+"),  # Slack bot/user tokens
    re.compile(r"xapp-[A-Za-z0-9-]+"),  # Slack app-level tokens
    re.compile(r"\b\d{6,12}:[A-Za-z0-9_-]{30,}\b"),  # Telegram bot tokens
    re.compile(r"(?i)(bearer\s+)\S+"),
    re.compile(r"(?i)((?:token|secret|password|passwd)[\"']?\s*[=:]\s*[\"']?)[^\s\"',;&]+"),
    re.compile(r"(://[^:/@\s]+:)[^@\s]+(@)"),  # credentials in URLs
]
# Phone numbers are found on a folded copy: full-width digits and Chinese numeral digits (一三八…) read as
# ASCII, and single spaces between digits (1 3 8 …) dropped. Each pattern then allows the usual separators.
_FOLD_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = str.maketrans("零〇一二三四五六七八九幺两", "0012345678912")
_CN_RUN = re.compile(r"[零〇一二三四五六七八九幺两]{5,}")
_SPACED = re.compile(r"(?<=\d)[ \u3000](?=\d)")
_SEP = r"[\s.\-–()]{0,2}"
_PHONES = [
    # international prefix (+86, 0086, +852, +886, +1, …) followed by 6-14 digits with separators
    re.compile(r"(?:\+|\b00)\d{1,3}" + _SEP + r"(?:\d" + _SEP + r"){6,14}\d"),
    # mainland mobile, with or without 86
    re.compile(r"(?<!\d)(?:86" + _SEP + r")?1[3-9]\d" + _SEP + r"\d{4}" + _SEP + r"\d{4}(?!\d)"),
    # landlines with an area code: 021-62345678, (010) 8888 6666, 02-2345-6789, 0755 8888 9999
    re.compile(r"(?<!\d)\(?0\d{1,3}\)?" + _SEP + r"\d{3,4}" + _SEP + r"\d{4}(?!\d)"),
    # Taiwan mobile 0912-345-678
    re.compile(r"(?<!\d)09\d{2}" + _SEP + r"\d{3}" + _SEP + r"\d{3}(?!\d)"),
    # North American: (415) 555-0123, 415.555.0123, 4155550123, 1-800-555-0199
    re.compile(r"(?<!\d)(?:1" + _SEP + r")?\(?[2-9]\d{2}\)?" + _SEP + r"[2-9]\d{2}" + _SEP + r"\d{4}(?!\d)"),
    # Hong Kong and other 8-digit local numbers: 9123 4567, 2345-6789
    re.compile(r"(?<!\d)[2-9]\d{3}" + _SEP + r"\d{4}(?!\d)"),
]
# A request body a library logs (slack_bolt does, when a signature fails) carries customers' words.
_BODY = re.compile(r"(\bbody:\s*)(.+)", re.DOTALL)


_KNOWN: list[str] = []  # the configured secrets themselves, masked whatever their shape


def add_known_secrets(values) -> None:
    """Mask these exact values in every log line from now on (tokens of any format, test tokens included)."""
    _KNOWN.extend(v for v in values if v and len(v) >= 6 and v not in _KNOWN)


def redact(text: str) -> str:
    """The text with tokens, passwords and phone numbers masked."""
    for secret in _KNOWN:
        text = text.replace(secret, "[redacted]")
    for pattern in _SECRETS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "[redacted]"
                           + (m.group(2) if m.lastindex and m.lastindex >= 2 else ""), text)
    text = _BODY.sub(r"\1[withheld]", text)
    text = _SPACED.sub("", _CN_RUN.sub(lambda m: m.group(0).translate(_CN_DIGITS), text.translate(_FOLD_DIGITS)))
    for pattern in _PHONES:
        text = pattern.sub("[phone]", text)
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info, record.exc_text = None, None
        record.msg, record.args = redact(message), None
        return True


def configure_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx (under python-telegram-bot) logs every request URL, which carries the bot token, at INFO;
    # slack_bolt logs a refused request's whole body at INFO; SQLAlchemy's engine log carries parameters.
    for name in ("httpx", "slack_bolt", "slack_sdk", "complaint-desk", "sqlalchemy.engine", "aiohttp.access"):
        logging.getLogger(name).setLevel(logging.WARNING)
