"""What the tiers capability registers: the ladder and grading (admin), escalation and acknowledgement."""

from __future__ import annotations

from dataclasses import replace

from bot.i18n.language import N_, _
from bot.cases import service as cases
from bot.cases.handlers import case_button
from bot.cases.tables import Case, Customer
from bot.commands.context import Context
from bot.commands.registry import Action, Command, Fact, Registry
from bot.errors import UserError
from bot.levels import LEVELS
from bot.members.service import lookup_member, read_as
from bot.members.tables import Member
from bot.messages import ActionId, Form, FormField, MessageRef, Outbound, answer, direct
from bot.money import positive_amount
from bot.store.setting import hold_setting
from bot.tiers import service as tiers
from bot.tiers.notices import escalation_notices, escalation_summary
from bot.tiers.rules import GRADES, valid_grade
from bot.text.normalize import whole

TIER_USAGE = N_("Usage: tier list · tier add <tier> <member> · tier remove <tier> <member> · "
              "tier notify <tier> <place|here> · tier rename <grade> <name>")
GRADING_USAGE = N_("Usage: grading show · grading base <level> <grade> · grading vip <vip-level> <steps> · "
                 "grading contacts <n> <steps> · grading value <amount> <steps>  (steps 0 removes a rule)")


def take(ctx: Context, case: Case, here: MessageRef | None = None) -> list[Outbound]:
    """Become the case's one owner; a case held above your tier needs that tier; the previous owner is told."""
    tiers.check_holds(ctx.session, case, ctx.member, "taking")
    before = ctx.session.get(Member, case.owner_id) if case.owner_id else None
    previous = cases.take_case(ctx.session, case, ctx.member, now=ctx.now)
    if previous and previous != ctx.member.display_name:
        said = _("{name} took ownership of case #{id} from {previous}.", name=ctx.member.display_name, id=case.id,
                 previous=previous)
    else:
        said = _("{name} took ownership of case #{id}.", name=ctx.member.display_name, id=case.id)
    outs = ctx.updates(case, here) + answer(said, case_id=case.id)
    if before is not None and before.id != ctx.member.id:
        with read_as(ctx.session, before):
            outs.append(direct(before.ref, _("{name} took case #{id} from you; it is theirs now.",
                                             name=ctx.member.display_name, id=case.id), case_id=case.id))
    return outs


def escalate(ctx: Context, case: Case, reason: str, here: MessageRef | None = None) -> list[Outbound]:
    reason = reason.strip()
    done = tiers.escalate_case(ctx.session, case, ctx.member.ref, reason, now=ctx.now)
    outs = escalation_notices(ctx.team, ctx.session, case, done, by=ctx.member.display_name,
                              by_member_id=ctx.member.id, reason=reason, here=here)
    return outs + answer(escalation_summary(case, done), case_id=case.id)


def acknowledge(ctx: Context, case: Case, here: MessageRef | None = None) -> list[Outbound]:
    escalation = tiers.acknowledge(ctx.session, case, ctx.member, now=ctx.now)
    ctx.emit(Fact.ACKNOWLEDGED, case)
    return ctx.updates(case, here) + answer(_("You acknowledged case #{id} for {tier_name}.",
                                              id=case.id, tier_name=escalation.tier_name),
                                            case_id=case.id)


def _cmd_tier(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    verb, s = verb.lower(), ctx.session
    if verb in ("", "list"):
        return answer("\n".join(tiers.describe_ladder(s)), title=_("Tiers"))
    name, _sep, target = rest.strip().partition(" ")
    if not name or not target.strip():
        raise UserError(_(TIER_USAGE))
    actor = ctx.member.ref
    if verb == "rename":
        said = tiers.rename(s, name, target, actor=actor, now=ctx.now)
    elif verb in ("add", "remove"):
        tier = tiers.find_tier(s, name)
        member = lookup_member(s, target, add_new_at=ctx.now if verb == "add" else None,
                               name=ctx.event.names.get(target.strip().lstrip("@")))
        fn = tiers.add_member if verb == "add" else tiers.remove_member
        said = fn(s, tier, member, actor=actor, now=ctx.now)
    elif verb == "notify":
        tier = tiers.find_tier(s, name)
        said = tiers.set_place(s, tier, tiers.parse_place(target, here=ctx.here), actor=actor, now=ctx.now)
    else:
        raise UserError(_(TIER_USAGE))
    return answer(said + "\n\n" + "\n".join(tiers.describe_ladder(s)), title=_("Tiers"))


def _cmd_grading(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    verb, s = verb.lower(), ctx.session
    if verb not in ("", "show"):
        hold_setting(s, tiers.GRADING_KEY)
    matrix = tiers.grading_matrix(s)
    if verb in ("", "show"):
        return answer("\n".join(matrix.describe()), title=_("Grading"))
    key, _sep, value = rest.strip().rpartition(" ")
    key, value = key.strip(), value.strip()
    if not key or not value:
        raise UserError(_(GRADING_USAGE))
    if verb == "base":
        grade = valid_grade(value)
        if key not in LEVELS or grade is None:
            raise UserError(_("grading base <level> <grade>: levels {value}; grades {value2}.",
                              value=', '.join(LEVELS), value2=', '.join(GRADES)))
        changed = replace(matrix, base={**matrix.base, key: grade})
    elif verb in ("vip", "contacts", "value"):
        steps = whole(value, max_digits=2)
        if steps is None or steps > len(GRADES) - 1:
            raise UserError(_("Steps are a whole number from 0 to {value}.", value=len(GRADES) - 1))
        if verb == "value":
            money = positive_amount(key, default_currency=ctx.currency)
            threshold, currency = money.minor // 100, money.currency
            rules = dict(matrix.value.get(currency, {}))
        else:
            threshold = whole(key, max_digits=4)
            if threshold is None or not 0 < threshold <= 1000:
                raise UserError(_("grading {verb} <n> <steps>: n is a whole number from 1 to 1000.", verb=verb))
            rules = dict(getattr(matrix, verb))
        if steps:
            rules[threshold] = steps
        elif rules.pop(threshold, None) is None:
            raise UserError(_("There is no {verb} rule at {threshold} to remove.",
                              verb=verb, threshold=format(threshold, ",")))
        changed = (replace(matrix, value={**matrix.value, currency: rules}) if verb == "value"
                   else replace(matrix, **{verb: rules}))
    else:
        raise UserError(_(GRADING_USAGE))
    tiers.save_grading(s, changed, actor=ctx.member.ref, now=ctx.now, change=f"{verb} {key}")
    return answer("\n".join(changed.describe()) + _("\n\nApplies to cases graded from now on."), title=_("Grading"))


def _regrade(ctx: Context, case: Case) -> None:
    """A corrected level grades the case again (a grade never falls while the case is open)."""
    customer = ctx.session.get(Customer, case.customer_id)
    tiers.regrade(ctx.session, case, customer, contacts=cases.contact_count(ctx.session, customer.id))


def register(registry: Registry) -> None:
    registry.command(Command("take", "take <case>", "become the case's one owner",
                             lambda ctx, args: take(ctx, cases.case_and_rest(ctx.session, args)[0])))
    registry.command(Command("escalate", "escalate <case> [reason]", "move a case up to the next tier, with a new owner",
                             lambda ctx, args: escalate(ctx, *cases.case_and_rest(ctx.session, args))))
    registry.command(Command("ack", "ack <case>", "acknowledge an escalation your tier received",
                             lambda ctx, args: acknowledge(ctx, cases.case_and_rest(ctx.session, args)[0])))
    registry.command(Command(
        "tier", "tier list · tier add|remove <tier> <member> · tier notify <tier> <place> · tier rename <grade> <name>",
        "the tier ladder: who is in each tier and where it is told", _cmd_tier, role="admin"))
    registry.command(Command("grading", "grading show · grading base|vip|contacts|value …",
                             "how cases are graded F to A", _cmd_grading,
                             verb_roles=dict.fromkeys(("base", "vip", "contacts", "value"), "admin")))
    registry.action(Action(
        ActionId.ESCALATE,
        case_button(lambda ctx, case, event: escalate(ctx, case, event.inputs.get("reason", ""), event.message)),
        form=Form(N_("Escalate case"), (FormField("reason", N_("Reason"), multiline=True, required=False),),
                  submit_label=N_("Escalate"))))
    registry.on(Fact.RELEVELED, _regrade)
    registry.action(Action(ActionId.TAKE, case_button(lambda ctx, case, event: take(ctx, case, event.message))))
    registry.action(Action(ActionId.ACKNOWLEDGE, case_button(lambda ctx, case, event: acknowledge(ctx, case, event.message))))
