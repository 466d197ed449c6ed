"""One parser for every platform: `/cs note 12 text` (Slack), `/note@DeskBot 12 text` (Telegram), `note 12 text`."""

from __future__ import annotations

import re
from dataclasses import dataclass

SLACK_PREFIX = "cs"
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


@dataclass(frozen=True)
class ParsedCommand:
    name: str
    args: str


def parse_command(text: str, *, bot_username: str | None = None) -> ParsedCommand | None:
    """Split a command line into its name and the rest; None when the line names no command."""
    line = text.strip()
    if not line:
        return None
    line = line.removeprefix("/")
    head, _sep, rest = line.partition(" ")
    if "@" in head:  # /note@DeskBot in a Telegram group
        head, _sep, addressed = head.partition("@")
        if bot_username and addressed.lower() != bot_username.lower():
            return None
    head = head.lower()
    if head == SLACK_PREFIX:
        sub, _sep, rest = rest.strip().partition(" ")
        head = sub.lower() or "help"
    if not _NAME.match(head):
        return None
    return ParsedCommand(head, rest.strip())


def split_case_id(args: str) -> tuple[str, str]:
    """`12 the rest` → ("12", "the rest"); also accepts `#12`."""
    first, _sep, rest = args.strip().partition(" ")
    return first.lstrip("#"), rest.strip()
