"""Inbound events: what an adapter hands the core. Each carries its platform and platform event id."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime

from bot.messages import ActionId, MessageRef
from bot.text.normalize import clean_message


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
    # Display names the platform gave for members the event mentions (ref -> name): an admin's `tier add
    # @ann` names Ann before she has used the bot.
    names: dict[str, str] = field(default_factory=dict, kw_only=True)
    # What the platform says of the member's language (Slack's locale, Telegram's language_code, the browser's
    # Accept-Language): the bot answers in it until they choose one.
    locale: str | None = field(default=None, kw_only=True)


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


MAX_ID = 200  # event ids, member refs, names, button values


def cleaned(event: Event) -> Event:
    """The event with every text it carries safe to store and to print: no NUL or other control character, no
    lone surrogate, ids and names bounded. Every surface's events pass through this one place. Long text
    (a message, a command's words) is cleaned, not cut: the capability that reads it says when it is too long."""
    def text(value, limit: int | None = None):
        return clean_message(value)[:limit] if isinstance(value, str) else value

    changes = {}
    for f in fields(event):
        value = getattr(event, f.name)
        if isinstance(value, str):
            changes[f.name] = text(value, MAX_ID if f.name in ("event_id", "member", "member_name", "conversation",
                                                               "value", "kind", "token") else None)
        elif isinstance(value, CustomerRef):
            changes[f.name] = replace(value, ref=text(value.ref, MAX_ID), name=text(value.name, MAX_ID),
                                      currency=text(value.currency, 3))
        elif isinstance(value, dict):
            changes[f.name] = {text(str(k), MAX_ID): text(v) for k, v in list(value.items())[:20]}
    return replace(event, **changes)


_STORED = {cls.__name__: cls for cls in (MessageReceived, CommandInvoked, ActionInvoked)}


def dump_event(event: Event) -> dict:
    """An adapter's event as plain JSON-able data, to keep it in the inbox."""
    return {"type": type(event).__name__, **asdict(event)}


def load_event(data: dict) -> Event:
    """The inverse of `dump_event`."""
    data = dict(data)
    cls = _STORED[data.pop("type")]
    for name in ("source", "message"):
        if data.get(name):
            data[name] = MessageRef(**data[name])
    if "customer" in data:
        data["customer"] = CustomerRef(**data["customer"])
    if "action" in data:
        data["action"] = ActionId(data["action"])
    return cls(**data)
