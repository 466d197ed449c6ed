"""The registry: every capability registers the commands, buttons (with their forms), timer kinds and case
facts it owns; the desk only looks them up. A name registered twice is an error at start-up."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.messages import ActionId, Form, Outbound

if TYPE_CHECKING:  # annotations only: the context module imports this one
    from sqlmodel import Session

    from bot.commands.context import Context, Team
    from bot.events import ActionInvoked, MessageReceived, TimerFired

SUMMARIES_FILE = Path(__file__).with_name("summaries.toml")
UI_LANGUAGES = ("en", "zh-Hans", "zh-Hant")


class RegistryError(Exception):
    """Two capabilities claimed one name, or a registration is incomplete: the bot refuses to start."""


class Fact(StrEnum):
    """Things that happen to a case which other capabilities react to (the SLA clocks, mostly)."""

    REPLIED = "case.replied"  # the customer was answered
    ACKNOWLEDGED = "case.acknowledged"  # the tier acknowledged an escalation
    RESOLVED = "case.resolved"  # data: follow_up_on
    RELEVELED = "case.releveled"  # a person corrected the case's level


@lru_cache(maxsize=1)
def _translations() -> dict[str, dict[str, str]]:
    with SUMMARIES_FILE.open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Command:
    """A typed command, the same on every surface (`/cs name …`, `/name …`, `name …`)."""

    name: str
    usage: str
    summary: str  # English; translations come from summaries.toml by name
    handler: Callable[[Context, str], list[Outbound]]
    role: str = "agent"  # the least role that may run it
    verb_roles: Mapping[str, str] = field(default_factory=dict)  # {"set": "admin"}: verbs that need more
    aliases: tuple[str, ...] = ()

    def role_for(self, args: str) -> tuple[str, str]:
        """The role this invocation needs, and what it is called in a refusal ("sla set")."""
        verb = args.strip().split(" ", 1)[0].lower()
        if verb in self.verb_roles:
            return self.verb_roles[verb], f"{self.name} {verb}"
        return self.role, self.name

    def summary_in(self, lang: str) -> str:
        """The one-line summary in a UI language, English when there is no translation."""
        return _translations().get(self.name, {}).get(lang) or self.summary


@dataclass(frozen=True)
class Action:
    """A button (or the form it opens) and the operation it runs."""

    action: ActionId
    handler: Callable[[Context, ActionInvoked], list[Outbound]]
    form: Form | None = None


@dataclass(frozen=True)
class TimerKind:
    """A kind of timer row and what firing it says. `keyed` messages are written to the outbox under
    the timer's key in the same transaction (the outbox's own resend is the one kind that is not)."""

    kind: str
    fire: Callable[[Team, Session, TimerFired], list[Outbound]]
    keyed: bool = True


class Registry:
    """What every capability registered, in the order the capabilities were listed."""

    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}
        self._listed: list[Command] = []
        self.actions: dict[ActionId, Action] = {}
        self.timers: dict[str, TimerKind] = {}
        self._listeners: dict[Fact, list[Callable[..., None]]] = {}
        self.intake: Callable[[Context, MessageReceived], list[Outbound]] | None = None
        self.hints: list[Callable[[Context], list[str]]] = []  # lines `help` adds for this member

    def hint(self, lines: Callable[[Context], list[str]]) -> None:
        """Lines `help` shows a member, such as an admin's set-up checklist."""
        self.hints.append(lines)

    def messages(self, handler: Callable[[Context, MessageReceived], list[Outbound]]) -> None:
        """The one handler of customer messages (forwarded or pasted)."""
        if self.intake is not None:
            raise RegistryError("customer messages have two handlers")
        self.intake = handler

    def command(self, command: Command) -> None:
        for name in (command.name, *command.aliases):
            if name in self._commands:
                raise RegistryError(f"command “{name}” is registered twice")
            self._commands[name] = command
        self._listed.append(command)

    def action(self, action: Action) -> None:
        if action.action in self.actions:
            raise RegistryError(f"action “{action.action}” is registered twice")
        self.actions[action.action] = action

    def timer(self, kind: TimerKind) -> None:
        if kind.kind in self.timers:
            raise RegistryError(f"timer kind “{kind.kind}” is registered twice")
        self.timers[kind.kind] = kind

    def on(self, fact: Fact, listener: Callable[..., None]) -> None:
        """Call `listener(ctx, case, **data)` in the same transaction whenever the fact is emitted."""
        self._listeners.setdefault(fact, []).append(listener)

    def emit(self, fact: Fact, ctx: Context, case: Any, **data: Any) -> None:
        for listener in self._listeners.get(fact, ()):
            listener(ctx, case, **data)

    def find_command(self, name: str) -> Command | None:
        return self._commands.get(name.lower())

    def commands(self) -> Iterator[Command]:
        """Each command once, in registration order (help, menus, usage hints)."""
        return iter(self._listed)

    def form(self, action: ActionId) -> Form | None:
        """The form a button opens, in the reader's language."""
        registered = self.actions.get(action)
        return registered.form.translated() if registered and registered.form else None

    def check_complete(self) -> None:
        """Every button has a handler and every command a summary in each UI language."""
        if self.intake is None:
            raise RegistryError("nothing handles customer messages")
        missing = [a.value for a in ActionId if a not in self.actions]
        if missing:
            raise RegistryError(f"buttons without a handler: {', '.join(missing)}")
        untranslated = [c.name for c in self._listed
                        if not all(_translations().get(c.name, {}).get(lang) for lang in UI_LANGUAGES[1:])]
        if untranslated:
            raise RegistryError(f"commands without zh-Hans and zh-Hant summaries: {', '.join(untranslated)}")
