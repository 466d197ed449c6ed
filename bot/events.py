"""Inbound events: what an adapter hands the core. Each carries its platform and platform event id."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.messages import ActionId, MessageRef


@dataclass(frozen=True)
class CustomerRef:
    """Whatever came along about the customer; every part is optional."""

    ref: str | None = None  # a stable id: a platform user id, an order account, a phone hash...
    name: str | None = None
    vip_level: int | None = None
    annual_value_minor: int | None = None
    currency: str | None = None


@dataclass(frozen=True)
class Event:
    platform: str
    event_id: str
    member: str  # the acting member's reference, "platform:user_id"
    conversation: str | None = field(default=None, kw_only=True)  # channel/chat where it happened
    member_name: str | None = field(default=None, kw_only=True)  # display name when the platform gave one


@dataclass(frozen=True)
class MessageReceived(Event):
    """An agent forwarded or pasted a customer's message."""

    text: str = ""
    customer: CustomerRef = field(default_factory=CustomerRef)
    source: MessageRef | None = None  # the platform message this answers (threads, replies)
    # The event id names the message itself (a shortcut on it, a forward of it), so asking again
    # is a repeat the agent should hear about, not a retry to swallow.
    repeat_answer: bool = False


@dataclass(frozen=True)
class CommandInvoked(Event):
    """A slash command: `/cs note 12 text` on Slack and `/note 12 text` elsewhere arrive alike."""

    name: str = ""
    args: str = ""
    source: MessageRef | None = None


@dataclass(frozen=True)
class ActionInvoked(Event):
    """A button press or a submitted form."""

    action: ActionId = ActionId.SHOW_CASE
    value: str = ""
    inputs: dict[str, str] = field(default_factory=dict)
    message: MessageRef | None = None  # the card the button was on


@dataclass(frozen=True)
class TimerFired(Event):
    """Made by the timer runner from a due timer row, never by an adapter."""

    timer_id: int = 0
    kind: str = ""
    case_id: int | None = None
    token: str = ""
    due_at: datetime | None = None
    payload: str = "{}"  # what the timer row carries (JSON), read when it was claimed


def member_ref(platform: str, user_id: str | int) -> str:
    """How a platform user is named in the core: `slack:U123`, `telegram:42`, `web:alice`."""
    return f"{platform}:{user_id}"


def platform_user(ref: str, platform: str) -> str | None:
    """The platform's own user id in a member ref, or None when the ref is another platform's."""
    return ref.split(":", 1)[1] if ref.startswith(platform + ":") else None
