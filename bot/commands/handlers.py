"""What the command layer itself registers: `help`, read from the registry."""

from __future__ import annotations

from bot.i18n.language import _, reader
from bot.commands.context import Context
from bot.commands.registry import Command, Registry
from bot.messages import Outbound, answer


def _cmd_help(ctx: Context, args: str) -> list[Outbound]:
    lines = [f"{c.usage} — {c.summary_in(reader())}" + ("" if c.role == "agent" else f" ({_(c.role)})")
             for c in ctx.team.registry.commands()]
    lines.append(_("Forward or paste a customer's message to analyse it and open a case."))
    for hint in ctx.team.registry.hints:
        lines += hint(ctx)
    return answer("\n".join(lines), title=_("Commands"))


def register(registry: Registry) -> None:
    registry.command(Command("help", "help", "list the commands", _cmd_help))
