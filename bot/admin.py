"""Admin commands: roles, tiers, authority, grading, watch-lists and the audit log. Every change is audited."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import select

from bot.authority import service as authority
from bot.authority.rules import positive_amount
from bot.commands.context import Command, Context
from bot.errors import UserError
from bot.members.service import list_members, lookup_member, set_role
from bot.messages import Outbound, text_card
from bot.risk import watch
from bot.store.tables import AuditEntry
from bot.tiers import service as tiers
from bot.tiers.rules import LEVELS, GRADES, valid_grade

AUDIT_DEFAULT, AUDIT_MAX = 20, 200


def _answer(text: str, title: str | None = None) -> list[Outbound]:
    return [Outbound(text_card(text, title=title), private=True)]


def _cmd_role(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb = verb.lower()
    if verb == "list" or not verb:
        lines = [f"{m.display_name} ({m.ref}) · {m.role}" for m in list_members(ctx.session)]
        return _answer("\n".join(lines) or "No members yet.", "Roles")
    who, _, role = rest.strip().rpartition(" ")
    if verb not in ("grant", "revoke") or not who.strip():
        raise UserError("Usage: role grant <member> <role> · role revoke <member> <role> · role list")
    member = lookup_member(ctx.session, who)
    role = role.lower()
    if verb == "revoke":
        if member.role != role:
            raise UserError(f"{member.display_name} is {member.role}, not {role[:20]}; nothing to revoke.")
        role = "agent"
    old = set_role(ctx.session, member, role, actor=ctx.member, now=ctx.now)
    return _answer(f"{member.display_name} ({member.ref}): {old} → {role}.")


def _cmd_watch(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb, base, s = verb.lower(), ctx.desk.base_lexicon, ctx.session
    if verb in ("", "list"):
        rule = watch.resolve_rule(base, rest.strip()) if rest.strip() else None
        return _answer(watch.describe(s, base, rule), f"Watch-list: {rule}" if rule else "Watch-lists")
    if verb not in ("add", "remove"):
        raise UserError(watch.USAGE)
    signal, phrase, weight = watch.parse_entry(rest, weighted=verb == "add")
    rule = watch.resolve_rule(base, signal)
    if verb == "add":
        said = watch.add_entry(s, base, actor=ctx.member.ref, rule=rule, phrase=phrase, weight=weight, now=ctx.now)
    else:
        said = watch.remove_entry(s, base, actor=ctx.member.ref, rule=rule, phrase=phrase, now=ctx.now)
    return _answer(said + " It applies to the next message analysed.")


TIER_USAGE = ("Usage: tier list · tier add <tier> <member> · tier remove <tier> <member> · "
              "tier notify <tier> <place|here> · tier rename <grade> <name>")


def _cmd_tier(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb, s = verb.lower(), ctx.session
    if verb in ("", "list"):
        return _answer("\n".join(tiers.describe_ladder(s)), "Tiers")
    name, _, target = rest.strip().partition(" ")
    if not name or not target.strip():
        raise UserError(TIER_USAGE)
    actor = ctx.member.ref
    if verb == "rename":
        said = tiers.rename(s, name, target, actor=actor, now=ctx.now)
    elif verb in ("add", "remove"):
        tier, member = tiers.find_tier(s, name), lookup_member(s, target)
        fn = tiers.add_member if verb == "add" else tiers.remove_member
        said = fn(s, tier, member, actor=actor, now=ctx.now)
    elif verb == "notify":
        tier = tiers.find_tier(s, name)
        said = tiers.set_place(s, tier, tiers.parse_place(target, here=ctx.here), actor=actor, now=ctx.now)
    else:
        raise UserError(TIER_USAGE)
    return _answer(said + "\n\n" + "\n".join(tiers.describe_ladder(s)), "Tiers")


AUTHORITY_USAGE = ("Usage: authority show · authority set <tier> <amount> · authority vip <vip-level> <x2 | 5% cap ¥2000 | off> · "
                   "authority reserve <action> <tier>")


def _cmd_authority(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb, s, actor = verb.lower(), ctx.session, ctx.member.ref
    if verb in ("", "show"):
        return _answer(authority.describe(s), "Authority")
    # Reading is for everyone; changing is for admins, refused and audited otherwise.
    ctx.desk.require_role(ctx, "admin", f"authority {verb}", rest)
    first, _, second = rest.strip().partition(" ")
    if not first or not second.strip():
        raise UserError(AUTHORITY_USAGE)
    if verb == "set":
        tier = tiers.find_tier(s, first)
        authority.set_limit(s, tier, positive_amount(second, default_currency=ctx.desk.currency), actor=actor,
                            now=ctx.now)
    elif verb == "vip":
        if not first.isdigit():
            raise UserError(f"“{first[:10]}” is not a VIP level; write a whole number like 3.")
        authority.set_vip_rule(s, int(first), second, actor=actor, now=ctx.now, default_currency=ctx.desk.currency)
    elif verb == "reserve":
        authority.set_reserve(s, first, tiers.find_tier(s, second), actor=actor, now=ctx.now)
    else:
        raise UserError(AUTHORITY_USAGE)
    return _answer(authority.describe(s), "Authority")


GRADING_USAGE = ("Usage: grading show · grading base <level> <grade> · grading vip <vip-level> <steps> · "
                 "grading contacts <n> <steps> · grading value <amount> <steps>  (steps 0 removes a rule)")


def _cmd_grading(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb, s = verb.lower(), ctx.session
    matrix = tiers.grading_matrix(s)
    if verb in ("", "show"):
        return _answer("\n".join(matrix.describe()), "Grading")
    ctx.desk.require_role(ctx, "admin", f"grading {verb}", rest)
    key, _, value = rest.strip().rpartition(" ")
    key, value = key.strip(), value.strip()
    if not key or not value:
        raise UserError(GRADING_USAGE)
    if verb == "base":
        grade = valid_grade(value)
        if key not in LEVELS or grade is None:
            raise UserError(f"grading base <level> <grade>: levels {', '.join(LEVELS)}; grades {', '.join(GRADES)}.")
        changed = replace(matrix, base={**matrix.base, key: grade})
    elif verb in ("vip", "contacts", "value"):
        if not value.isdigit() or int(value) > len(GRADES) - 1:
            raise UserError(f"Steps are a whole number from 0 to {len(GRADES) - 1}.")
        steps = int(value)
        if verb == "value":
            money = positive_amount(key, default_currency=ctx.desk.currency)
            threshold, currency = money.minor // 100, money.currency
            rules = dict(matrix.value.get(currency, {}))
        else:
            if not key.isdigit() or not 0 < int(key) <= 1000:
                raise UserError(f"grading {verb} <n> <steps>: n is a whole number from 1.")
            threshold, rules = int(key), dict(getattr(matrix, verb))
        if steps:
            rules[threshold] = steps
        elif rules.pop(threshold, None) is None:
            raise UserError(f"There is no {verb} rule at {threshold:,} to remove.")
        changed = (replace(matrix, value={**matrix.value, currency: rules}) if verb == "value"
                   else replace(matrix, **{verb: rules}))
    else:
        raise UserError(GRADING_USAGE)
    tiers.save_grading(s, changed, actor=ctx.member.ref, now=ctx.now, change=f"{verb} {key}")
    return _answer("\n".join(changed.describe()) + "\n\nApplies to cases graded from now on.", "Grading")


def _cmd_audit(ctx: Context, args: str) -> list[Outbound]:
    raw = args.strip() or str(AUDIT_DEFAULT)
    if not raw.isdigit() or not 1 <= int(raw) <= AUDIT_MAX:
        raise UserError(f"audit [n]: n is a whole number from 1 to {AUDIT_MAX}.")
    rows = ctx.session.exec(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(int(raw))).all()
    lines = [audit_line(e) for e in rows]
    return _answer("\n".join(lines) or "The audit log is empty.", f"Audit · latest {len(rows)}")


def audit_line(e: AuditEntry) -> str:
    change = f"{e.old_value if e.old_value is not None else '—'} → {e.new_value if e.new_value is not None else '—'}"
    flag = "" if e.outcome == "ok" else f" · {e.outcome.upper()}"
    return f"{e.at:%Y-%m-%d %H:%M} · {e.actor} · {e.action} {e.target} · {change[:300]}{flag}"


COMMANDS = (
    Command("role", "role grant|revoke <member> <role> · role list", "who is agent, lead or admin", _cmd_role,
            role="admin"),
    Command("tier", "tier list · tier add|remove <tier> <member> · tier notify <tier> <place> · tier rename <grade> <name>",
            "the tier ladder: who is in each tier and where it is told", _cmd_tier, role="admin"),
    Command("authority", "authority show · authority set <tier> <amount> · authority vip <level> <rule> · "
            "authority reserve <action> <tier>", "what each tier may grant without approval", _cmd_authority),
    Command("grading", "grading show · grading base|vip|contacts|value …", "how cases are graded F to A",
            _cmd_grading),
    Command("watch", "watch list [signal] · watch add|remove <signal> <phrase> [weight]",
            "the risk watch-lists: what raises a flag, and harmless contexts (shield)", _cmd_watch, role="admin"),
    Command("audit", "audit [n]", "the latest entries of the audit log", _cmd_audit, role="admin"),
)
