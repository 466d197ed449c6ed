"""What the risk capability registers: the watch-lists (admin)."""

from __future__ import annotations

from bot.commands.context import Context
from bot.commands.registry import Command, Registry
from bot.errors import UserError
from bot.messages import Outbound, answer
from bot.risk import watch


def _cmd_watch(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb, base, s = verb.lower(), ctx.team.analyzers.base_lexicon, ctx.session
    if verb in ("", "list"):
        rule = watch.resolve_rule(base, rest.strip()) if rest.strip() else None
        return answer(watch.describe(s, base, rule), title=f"Watch-list: {rule}" if rule else "Watch-lists")
    if verb not in ("add", "remove"):
        raise UserError(watch.USAGE)
    signal, phrase, weight = watch.parse_entry(rest, weighted=verb == "add")
    rule = watch.resolve_rule(base, signal)
    if verb == "add":
        said = watch.add_entry(s, base, actor=ctx.member.ref, rule=rule, phrase=phrase, weight=weight, now=ctx.now)
    else:
        said = watch.remove_entry(s, base, actor=ctx.member.ref, rule=rule, phrase=phrase, now=ctx.now)
    return answer(said + " It applies to the next message analysed.")


def register(registry: Registry) -> None:
    registry.command(Command("watch", "watch list [signal] · watch add|remove <signal> <phrase> [weight]",
                             "the risk watch-lists: what raises a flag, and harmless contexts (shield)", _cmd_watch,
                             role="admin"))
