"""Outbound messages: one neutral card that every adapter renders natively."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import lru_cache
from enum import StrEnum

from bot.i18n.language import N_, _


class ActionId(StrEnum):
    """Button and form action ids; adapters carry them verbatim (Slack action_id, Telegram callback)."""

    TAKE = "take"
    ADD_NOTE = "note"
    ESCALATE = "escalate"
    RESOLVE = "resolve"
    SHOW_CASE = "show"
    ACKNOWLEDGE = "ack"
    OFFER = "offer"
    APPROVE = "approve"
    DENY = "deny"
    ANOTHER_REPLY = "another"
    MARK_SENT = "sent"
    CHECK_DRAFT = "lint"
    REQUEST_APPROVAL = "request"
    CORRECT_LEVEL = "level"
    OPEN_INCIDENT = "incident"
    SNOOZE = "snooze"


class Severity(StrEnum):
    INFO = "info"
    NONE = "none"
    POTENTIAL = "potential"
    EXPLICIT = "explicit"
    HIGH_RISK = "high_risk"
    ERROR = "error"


@dataclass(frozen=True)
class MessageRef:
    """Where a message lives on a platform, so a later update edits it in place."""

    platform: str
    channel: str
    message_id: str
    thread_id: str | None = None


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    short: bool = True
    fold: bool = False  # detail a reader opens when they need it ("More about this case"), not at a glance


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...] = ()
    copy: bool = False  # text meant to be copied as it is (a suggested reply): shown plain, easy to select
    fold: bool = False
    lang: str = ""  # the language its lines are in when it is not the reader's (what the customer wrote)


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    multiline: bool = False
    required: bool = True
    placeholder: str = ""
    kind: str = "text"  # text | number | date: the input a surface shows
    choices: tuple[tuple[str, str], ...] = ()  # (value, label): one is chosen from a vocabulary


@dataclass(frozen=True)
class Form:
    """Input a button needs before it reaches the core (a Slack modal, a Telegram prompt, a web form).
    A chat that asks one question at a time (Telegram) asks for `typed`, the whole answer on one line."""

    title: str
    fields: tuple[FormField, ...]
    submit_label: str = "Submit"
    typed: str = ""  # "¥80 goodwill · 200 refund": the one-line form; the answer arrives as inputs["text"]

    def translated(self) -> Form:
        """The form in the reader's language."""
        return Form(_(self.title), tuple(replace(f, label=_(f.label), placeholder=_(f.placeholder) if f.placeholder
                                                 else "", choices=tuple((v, _(label)) for v, label in f.choices))
                                         for f in self.fields),
                    _(self.submit_label), _(self.typed) if self.typed else "")


@dataclass(frozen=True)
class Button:
    label: str
    action: ActionId
    value: str
    style: str | None = None  # "primary" | "danger" | None
    form: Form | None = None


@dataclass(frozen=True)
class Card:
    title: str
    fallback: str  # plain text that says everything the card says
    severity: Severity = Severity.INFO
    fields: tuple[Field, ...] = ()
    sections: tuple[Section, ...] = ()
    buttons: tuple[Button, ...] = ()
    context: str = ""
    image: str = ""  # a PNG (base64) shown with the card: a report's chart


@dataclass(frozen=True)
class Outbound:
    """One message to deliver: where, to whom, and whether it replaces an earlier one."""

    card: Card
    private: bool = False  # only the acting member sees it (ephemeral on Slack, a DM on Telegram)
    replace: MessageRef | None = None  # edit this message instead of posting a new one
    reply_to: MessageRef | None = None  # post in this message's thread / as a reply
    case_id: int | None = None  # the case whose card this is; adapters report the posted ref back
    recipients: tuple[str, ...] = field(default=())  # member refs to notify directly, if any
    error: str | None = None  # "bad_input" | "not_found" | "refused" | "internal" when this answers a failure
    attempt: int = 0  # deliveries of this message that already failed (the outbox retries it)
    kept: int | None = None  # the outbox row holding this message, finished once the platform takes it
    # Sent once more from the outbox (after a failure or a stop): it may have landed already, and a platform
    # that can tell (Slack, by the message's metadata) looks before it posts.
    again: bool = False


def dump_outbound(out: Outbound) -> dict:
    """An outbound message as plain JSON-able data, to keep it for a retry."""
    return plain(out)


def plain(value):
    """`dataclasses.asdict` without its deep copies (a card is frozen data: nothing to copy), which took more
    time than anything else but the database on every event: dataclasses become dicts, tuples lists."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    names = _field_names(type(value))
    return {name: plain(getattr(value, name)) for name in names} if names is not None else value


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None


def load_outbound(data: dict) -> Outbound:
    """The inverse of `dump_outbound`."""
    card = data["card"]

    def ref(value: dict | None) -> MessageRef | None:
        return MessageRef(**value) if value else None

    def form(value: dict | None) -> Form | None:
        if not value:
            return None
        fields = tuple(FormField(**{**f, "choices": tuple(tuple(c) for c in f.get("choices", ()))})
                       for f in value["fields"])
        return Form(value["title"], fields, value["submit_label"], value.get("typed", ""))

    return Outbound(
        card=Card(
            title=card["title"], fallback=card["fallback"], severity=Severity(card["severity"]),
            fields=tuple(Field(**f) for f in card["fields"]),
            sections=tuple(Section(s["title"], tuple(s["lines"]), s.get("copy", False), s.get("fold", False),
                                   s.get("lang", "")) for s in card["sections"]),
            buttons=tuple(Button(b["label"], ActionId(b["action"]), b["value"], b["style"], form(b["form"]))
                          for b in card["buttons"]),
            context=card["context"], image=card.get("image", "")),
        private=data["private"], replace=ref(data["replace"]), reply_to=ref(data["reply_to"]),
        case_id=data["case_id"], recipients=tuple(data["recipients"]), error=data["error"],
        attempt=data["attempt"], kept=data.get("kept"))


def text_card(text: str, *, title: str = "", severity: Severity = Severity.INFO) -> Card:
    """A card that is only a line of text (answers, refusals, help)."""
    return Card(title=title, fallback=(f"{title}\n{text}" if title else text), severity=severity,
                sections=(Section(title="", lines=tuple(text.splitlines())),))


INTERNAL_ERROR = N_("Something went wrong on our side; nothing was changed. Please try again.")
# One mark per severity, shown before a card's title on every surface.
SEVERITY_EMOJI = {
    Severity.HIGH_RISK: "🔴",
    Severity.EXPLICIT: "🟠",
    Severity.POTENTIAL: "🟡",
    Severity.NONE: "🟢",
    Severity.INFO: "💬",
    Severity.ERROR: "⚠️",
}


def answer(text: str, *, title: str = "", case_id: int | None = None) -> list[Outbound]:
    """A private answer to the member who acted."""
    return [Outbound(text_card(text, title=title), private=True, case_id=case_id)]


def direct(member_ref: str, text: str, *, case_id: int | None = None, severity: Severity = Severity.INFO,
           buttons: tuple[Button, ...] = ()) -> Outbound:
    """A direct message to one member, wherever they are; with buttons, they can act on it where they read it."""
    return Outbound(replace(text_card(text, severity=severity), buttons=buttons), private=True,
                    recipients=(member_ref,), case_id=case_id)


def failure(text: str, kind: str) -> Outbound:
    """A private answer to a request that failed: `kind` is bad_input, not_found, refused or internal."""
    return Outbound(text_card(text, severity=Severity.ERROR), private=True, error=kind)


def target_platform(out: Outbound) -> str | None:
    """The platform a message goes to: where it edits or replies, else where its recipient is."""
    ref = out.replace or out.reply_to
    if ref is not None:
        return ref.platform
    if out.recipients:
        return out.recipients[0].split(":", 1)[0]
    return None


def address(outbounds: list[Outbound], *, here: MessageRef | None, member: str) -> list[Outbound]:
    """Give the messages that answer an event a place: the conversation it came from, the member who acted."""
    return [out if target_platform(out) else replace(out, reply_to=here, recipients=out.recipients or (member,))
            for out in outbounds]
