"""What the SLA capability registers: `sla <case>` and `sla show` for everyone, policy changes for admins,
`waiting <case>`, the clock and follow-up timers, and the case facts that stop its clocks."""

from __future__ import annotations

import copy

from bot.i18n.language import N_, _
from bot.audit.service import record_audit
from bot.cases import service as cases
from bot.cases.tables import Case
from bot.commands.context import Context
from bot.commands.registry import Action, Command, Fact, Registry, TimerKind
from bot.errors import UserError
from bot.events import ActionInvoked
from bot.messages import ActionId, MessageRef, Outbound, answer
from bot.sla import pings
from bot.sla import service as sla
from bot.store.setting import hold_setting, read_setting
from bot.tiers import service as tiers
from bot.levels import COMPLAINT_LEVELS as LEVELS
from bot.sla.rules import MODES, check_calendar, parse_duration, parse_hours
from bot.text.normalize import whole

USAGE = N_("Usage: sla <case> · sla show · sla set <level> first=15m update=30m resolve=24h · "
         "sla vip <vip-level> factor=0.5 · sla warn 50,80,100 · sla hours 09:00-18:00 mon-fri · "
         "sla calendar CN · sla mode <level> 24x7|business · sla quiet 24h")
POLICY_VERBS = ("set", "vip", "warn", "hours", "calendar", "mode", "quiet")


def _level(text: str) -> str:
    level = text.strip().lower()
    if level not in LEVELS:
        raise UserError(_("“{text}” is not a level with clocks; levels are {value}.",
                          text=text[:20], value=', '.join(LEVELS)))
    return level


def _cmd_sla(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    s = ctx.session
    if verb.lstrip("#").isdigit():
        case = cases.get_case(s, verb)
        lines = sla.clock_lines(s, case, now=ctx.now, zone=ctx.zone) or [_("No clock is running on this case.")]
        return answer("\n".join(lines), title=_("SLA · case #{id}", id=case.id))
    verb = verb.lower()
    if verb not in ("", "show"):
        hold_setting(s, sla.POLICY_KEY)
    policy = sla.current_policy(s)
    if verb in ("", "show"):
        return answer("\n".join(sla.describe_policy(policy)), title=_("SLA policy"))
    changed = copy.deepcopy(policy)
    rest = rest.strip()
    if verb == "set":
        level, _sep, assignments = rest.partition(" ")
        level = _level(level)
        pairs = [a.split("=", 1) for a in assignments.split()]
        if not pairs or any(len(p) != 2 or p[0] not in ("first", "update", "resolve") for p in pairs):
            raise UserError(_("sla set <level> first=15m update=30m resolve=24h (any of the three)."))
        for name, value in pairs:
            parse_duration(value)
            changed["levels"][level][name] = value.strip().lower()
    elif verb == "vip":
        level, _sep, factor = rest.partition(" ")
        if (whole(level) or 0) not in range(1, 11) or not factor.startswith("factor="):
            raise UserError(_("sla vip <vip-level 1-10> factor=0.5 (factor=1 removes it)."))
        try:
            value = float(factor.removeprefix("factor="))
        except ValueError:
            raise UserError(_("The factor is a number above 0 and at most 1, like 0.5.")) from None
        if not 0 < value <= 1:
            raise UserError(_("The factor is a number above 0 and at most 1: VIP clocks are tighter, never looser."))
        changed.setdefault("vip", {})
        if value == 1:
            changed["vip"].pop(level, None)
        else:
            changed["vip"][level] = value
    elif verb == "warn":
        try:
            points = sorted({int(p) for p in rest.replace(" ", "").split(",") if p})
        except ValueError:
            raise UserError(_("sla warn 50,80,100: whole percentages.")) from None
        if not points or points[-1] != 100 or points[0] <= 0:
            raise UserError(_("Warning points are percentages above 0, ending with 100 (the breach)."))
        changed["warn"] = points
    elif verb == "hours":
        changed["hours"], changed["days"] = parse_hours(rest)
    elif verb == "calendar":
        changed["calendar"] = check_calendar(rest)
    elif verb == "mode":
        level, _sep, mode = rest.partition(" ")
        level, mode = _level(level), mode.strip().lower()
        if mode not in MODES:
            raise UserError(_("sla mode <level> 24x7|business"))
        changed["levels"][level]["mode"] = mode
    elif verb == "quiet":
        parse_duration(rest)
        changed["quiet"] = rest.lower()
    else:
        raise UserError(_(USAGE))
    sla.save_policy(s, changed, actor=ctx.member.ref, now=ctx.now, change=f"{verb} {rest}"[:200])
    return answer("\n".join(sla.describe_policy(changed)) + "\n\n" + _("Applies to clocks started from now on."),
                  title=_("SLA policy"))


def waiting(ctx: Context, case: Case, here: MessageRef | None = None) -> list[Outbound]:
    """The case waits on the customer: the update clock pauses and a silence clock starts."""
    if case.status == "resolved":
        raise UserError(_("Case #{id} is resolved.", id=case.id))
    sla.on_waiting(ctx.session, case, now=ctx.now, zone=ctx.team.zone)
    record_audit(ctx.session, actor=ctx.member.ref, action="case.waiting", target=f"case:{case.id}", old=None,
                 new=ctx.now.isoformat(), now=ctx.now)
    return ctx.updates(case, here) + answer(
        _("Case #{id} is waiting on the customer; you will be reminded if they stay silent.", id=case.id), case_id=case.id)


def _snooze(ctx: Context, event: ActionInvoked) -> list[Outbound]:
    case, clock_id = cases.button_case(ctx.session, event.value)
    due = pings.snooze(ctx.team, ctx.session, case, clock_id, ctx.member)
    return answer(_("I will remind you again at {time} (case #{id}).", time=format(due.astimezone(ctx.team.zone), "%H:%M %Z"),
                    id=case.id), case_id=case.id)


def setup_checklist(session) -> list[str]:
    """What a new team has not set up yet: tiers with nobody in them or nowhere to tell, the SLA calendar."""
    todo = []
    for tier in tiers.ladder(session)[1:]:
        if not tiers.tier_members(session, tier.grade):
            todo.append(_("nobody is in {tier} ({grade}): `tier add {tier} <member>`", tier=tier.name, grade=tier.grade))
        if not tier.place:
            todo.append(_("{tier} has no place to be told: `tier notify {tier} <place|here>`", tier=tier.name))
    if read_setting(session, sla.POLICY_KEY, None) is None:
        todo.append(_("the SLA calendar and hours are the defaults (CN, 09:00-18:00 mon-fri): "
                      "confirm with `sla calendar CN` or choose yours"))
    return todo


def _setup_hint(ctx: Context) -> list[str]:
    if ctx.member.role != "admin":
        return []
    todo = setup_checklist(ctx.session)
    return ["", _("Set-up still to do:"), *(f"• {line}" for line in todo)] if todo else []


def register(registry: Registry) -> None:
    registry.hint(_setup_hint)
    registry.command(Command("sla", "sla <case> · sla show · sla set|vip|warn|hours|calendar|mode|quiet …",
                             "deadlines: a case's clocks, and the policy (changes: admin)", _cmd_sla,
                             verb_roles=dict.fromkeys(POLICY_VERBS, "admin")))
    registry.command(Command("waiting", "waiting <case>", "the case waits on the customer: pause the update clock",
                             lambda ctx, args: waiting(ctx, cases.case_and_rest(ctx.session, args)[0])))
    registry.timer(TimerKind(sla.TIMER_KIND, pings.fire_sla))
    registry.timer(TimerKind(sla.FOLLOW_UP_KIND, pings.fire_follow_up))
    registry.timer(TimerKind(pings.SNOOZED_KIND, pings.fire_snoozed))
    registry.action(Action(ActionId.SNOOZE, _snooze))
    registry.on(Fact.REPLIED, lambda ctx, case: sla.on_replied(ctx.session, case, now=ctx.now))
    registry.on(Fact.ACKNOWLEDGED, lambda ctx, case: sla.on_acknowledged(ctx.session, case, now=ctx.now))
    registry.on(Fact.RESOLVED, lambda ctx, case, follow_up_on=None: sla.on_resolved(
        ctx.session, case, now=ctx.now, zone=ctx.team.zone, follow_up_on=follow_up_on))
