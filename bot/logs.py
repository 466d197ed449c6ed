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
_PHONES = [
    re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)"),  # mainland mobile
    re.compile(r"(?<!\d)09\d{2}[\s-]?\d{3}[\s-]?\d{3}(?!\d)"),  # Taiwan mobile
    re.compile(r"\+\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d{2,4}){2,4}(?!\d)"),  # international form
    re.compile(r"(?<!\d)\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)"),  # North American form
]


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
    # httpx (under python-telegram-bot) logs every request URL, which carries the bot token, at INFO.
    logging.getLogger("httpx").setLevel(logging.WARNING)
