"""SLA commands: `sla <case>` and `sla show` for everyone; policy changes for admins; `waiting <case>`."""

from __future__ import annotations

import copy
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import workflow
from bot.cases import service as cases
from bot.commands.context import Command, Context
from bot.commands.parser import split_case_id
from bot.errors import UserError
from bot.messages import Outbound, text_card
from bot.sla import service as sla
from bot.sla.rules import LEVELS, MODES, check_calendar, parse_duration, parse_hours

USAGE = ("Usage: sla <case> · sla show · sla set <level> first=15m update=30m resolve=24h · "
         "sla vip <vip-level> factor=0.5 · sla warn 50,80,100 · sla hours 09:00-18:00 mon-fri · "
         "sla calendar CN · sla mode <level> 24x7|business · sla quiet 24h")


def _answer(text: str, title: str) -> list[Outbound]:
    return [Outbound(text_card(text, title=title), private=True)]


def _level(text: str) -> str:
    level = text.strip().lower()
    if level not in LEVELS:
        raise UserError(f"“{text[:20]}” is not a level with clocks; levels are {', '.join(LEVELS)}.")
    return level


def _zone(ctx: Context) -> ZoneInfo:
    """The member's own time zone when they set one, else the team's."""
    try:
        return ZoneInfo(ctx.member.timezone) if ctx.member.timezone else ctx.desk.zone
    except (ZoneInfoNotFoundError, ValueError):
        return ctx.desk.zone


def _cmd_sla(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    s = ctx.session
    if verb.lstrip("#").isdigit():
        case = cases.get_case(s, verb)
        lines = sla.clock_lines(s, case, now=ctx.now, zone=_zone(ctx)) or ["No clock is running on this case."]
        return _answer("\n".join(lines), f"SLA · case #{case.id}")
    verb = verb.lower()
    policy = sla.current_policy(s)
    if verb in ("", "show"):
        return _answer("\n".join(sla.describe_policy(policy)), "SLA policy")
    ctx.desk.require_role(ctx, "admin", f"sla {verb}", rest)
    changed = copy.deepcopy(policy)
    rest = rest.strip()
    if verb == "set":
        level, _, assignments = rest.partition(" ")
        level = _level(level)
        pairs = [a.split("=", 1) for a in assignments.split()]
        if not pairs or any(len(p) != 2 or p[0] not in ("first", "update", "resolve") for p in pairs):
            raise UserError("sla set <level> first=15m update=30m resolve=24h (any of the three).")
        for name, value in pairs:
            parse_duration(value)
            changed["levels"][level][name] = value.strip().lower()
    elif verb == "vip":
        level, _, factor = rest.partition(" ")
        if not level.isdigit() or not 1 <= int(level) <= 10 or not factor.startswith("factor="):
            raise UserError("sla vip <vip-level 1-10> factor=0.5 (factor=1 removes it).")
        try:
            value = float(factor.removeprefix("factor="))
        except ValueError:
            raise UserError("The factor is a number above 0 and at most 1, like 0.5.") from None
        if not 0 < value <= 1:
            raise UserError("The factor is a number above 0 and at most 1: VIP clocks are tighter, never looser.")
        changed.setdefault("vip", {})
        if value == 1:
            changed["vip"].pop(level, None)
        else:
            changed["vip"][level] = value
    elif verb == "warn":
        try:
            points = sorted({int(p) for p in rest.replace(" ", "").split(",") if p})
        except ValueError:
            raise UserError("sla warn 50,80,100: whole percentages.") from None
        if not points or points[-1] != 100 or points[0] <= 0:
            raise UserError("Warning points are percentages above 0, ending with 100 (the breach).")
        changed["warn"] = points
    elif verb == "hours":
        changed["hours"], changed["days"] = parse_hours(rest)
    elif verb == "calendar":
        changed["calendar"] = check_calendar(rest)
    elif verb == "mode":
        level, _, mode = rest.partition(" ")
        level, mode = _level(level), mode.strip().lower()
        if mode not in MODES:
            raise UserError("sla mode <level> 24x7|business")
        changed["levels"][level]["mode"] = mode
    elif verb == "quiet":
        parse_duration(rest)
        changed["quiet"] = rest.lower()
    else:
        raise UserError(USAGE)
    sla.save_policy(s, changed, actor=ctx.member.ref, now=ctx.now, change=f"{verb} {rest}"[:200])
    return _answer("\n".join(sla.describe_policy(changed)) + "\n\nApplies to clocks started from now on.", "SLA policy")


def _cmd_waiting(ctx: Context, args: str) -> list[Outbound]:
    case_id, _ = split_case_id(args)
    return workflow.waiting(ctx, cases.get_case(ctx.session, case_id))


COMMANDS = (
    Command("sla", "sla <case> · sla show · sla set|vip|warn|hours|calendar|mode|quiet …",
            "deadlines: a case's clocks, and the policy (changes: admin)", _cmd_sla),
    Command("waiting", "waiting <case>", "the case waits on the customer: pause the update clock", _cmd_waiting),
)
