"""What the authority capability registers: limits (admin), offers and their approval, and resolving a
case with what was agreed (reserved actions are checked here)."""

from __future__ import annotations

from bot.authority import service as authority
from bot.authority.rules import OFFER_KINDS
from bot.cases import service as cases
from bot.cases.handlers import case_button
from bot.cases.resolution import parse_resolution
from bot.cases.tables import Case, Customer
from bot.commands.context import Context
from bot.commands.registry import Action, Command, Fact, Registry
from bot.errors import UserError
from bot.events import ActionInvoked
from bot.members.tables import Member
from bot.messages import ActionId, Button, Form, FormField, MessageRef, Outbound, answer, direct
from bot.money import Money, positive_amount
from bot.tiers import service as tiers
from bot.tiers.notices import deciders, post_to_place
from bot.text.normalize import whole

AUTHORITY_USAGE = ("Usage: authority show · authority set <tier> <amount> · authority vip <vip-level> <x2 | 5% cap ¥2000 | off> · "
                   "authority reserve <action> <tier>")


def offer(ctx: Context, case: Case, text: str, here: MessageRef | None = None) -> list[Outbound]:
    """`<amount> [kind]` (either order): granted within the agent's limit, else an approval request."""
    s = ctx.session
    words = text.split()
    kinds = [w for w in words if w.lower() in OFFER_KINDS]
    amount_text = " ".join(w for w in words if w.lower() not in OFFER_KINDS)
    if not amount_text or len(kinds) > 1:
        raise UserError("Usage: offer <case> <amount> [goodwill|refund|repair|replace], e.g. offer 12 ¥80 goodwill.")
    money = positive_amount(amount_text, default_currency=ctx.currency)
    customer = s.get(Customer, case.customer_id)
    made = authority.make_offer(s, case, customer, ctx.member, money, kinds[0].lower() if kinds else "goodwill",
                                now=ctx.now)
    outs = ctx.updates(case, here)
    if made.status == "granted":
        return outs + answer(f"Offer #{made.id}: {money} {made.kind} granted on case #{case.id}, within your limit. "
                             "Call it goodwill (补偿) with the customer.", case_id=case.id)
    tier = tiers.find_tier(s, made.needed_tier)
    outs += post_to_place(ctx.team, s, case, tier.place)
    asked, who = deciders(s, tier.grade)
    value = f"{case.id}:{made.id}"
    decide_here = (Button(f"Approve offer #{made.id}", ActionId.APPROVE, value, style="primary"),
                   Button(f"Deny offer #{made.id}", ActionId.DENY, value, style="danger",
                          form=ctx.team.registry.form(ActionId.DENY)))
    for member in asked:
        if member.id != ctx.member.id:
            outs.append(direct(member.ref, f"Approval needed: offer #{made.id}, {money} {made.kind} on case #{case.id}, "
                                           f"asked by {ctx.member.display_name}. Approve or deny it here, on the case "
                                           f"card, or type approve {made.id} / deny {made.id} <reason>.",
                               case_id=case.id, buttons=decide_here))
    return outs + answer(f"Offer #{made.id}: {money} is more than you may grant on this case for this customer "
                         f"(what was already granted counts, and some kinds are reserved); it went to {tier.name} "
                         f"for approval. Asked: {who}. You will be told the decision.", case_id=case.id)


def decide(ctx: Context, offer_id: str, *, approve: bool, reason: str = "",
           here: MessageRef | None = None) -> list[Outbound]:
    s = ctx.session
    made = authority.decide_offer(s, authority.get_offer(s, offer_id), ctx.member, approve=approve, reason=reason,
                                  now=ctx.now)
    case = cases.get_case(s, made.case_id)
    money = Money(made.amount_minor, made.currency)
    verdict = "approved" if approve else f"denied: {made.reason}"
    asker = s.get(Member, made.requested_by)
    return ctx.updates(case, here) + [
        direct(asker.ref, f"Offer #{made.id} ({money} {made.kind}, case #{case.id}) was {verdict} "
                          f"by {ctx.member.display_name}.", case_id=case.id),
        *answer(f"Offer #{made.id} {verdict}.", case_id=case.id)]


def withdraw(ctx: Context, offer_id: str) -> list[Outbound]:
    s = ctx.session
    made = authority.withdraw_offer(s, authority.get_offer(s, offer_id), ctx.member, now=ctx.now)
    case = cases.get_case(s, made.case_id)
    return ctx.updates(case) + answer(f"Offer #{made.id} withdrawn.", case_id=case.id)


def resolve(ctx: Context, case: Case, text: str, here: MessageRef | None = None) -> list[Outbound]:
    s = ctx.session
    resolution = parse_resolution(text, today=ctx.now.date(), default_currency=ctx.currency)
    tiers.check_holds(s, case, ctx.member, "resolving")
    authority.check_reserved(s, resolution.kind, ctx.member)
    row = cases.resolve_case(s, case, ctx.member, resolution, now=ctx.now)
    ctx.emit(Fact.RESOLVED, case, follow_up_on=row.follow_up_on)
    return ctx.updates(case, here) + answer(
        f"Case #{case.id} resolved by {ctx.member.display_name}: {cases.resolution_line(row)}.", case_id=case.id)


def _cmd_offer(ctx: Context, args: str) -> list[Outbound]:
    first, _, rest = args.strip().partition(" ")
    if first.lower() == "withdraw":
        return withdraw(ctx, rest)
    return offer(ctx, *cases.case_and_rest(ctx.session, args))


def _cmd_deny(ctx: Context, args: str) -> list[Outbound]:
    offer_id, _, reason = args.strip().partition(" ")
    return decide(ctx, offer_id, approve=False, reason=reason)


def _cmd_authority(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb, s, actor = verb.lower(), ctx.session, ctx.member.ref
    if verb in ("", "show"):
        return answer(authority.describe(s), title="Authority")
    first, _, second = rest.strip().partition(" ")
    if not first or not second.strip():
        raise UserError(AUTHORITY_USAGE)
    if verb == "set":
        tier = tiers.find_tier(s, first)
        authority.set_limit(s, tier, positive_amount(second, default_currency=ctx.currency), actor=actor, now=ctx.now)
    elif verb == "vip":
        level = whole(first, max_digits=3)
        if level is None:
            raise UserError(f"“{first[:10]}” is not a VIP level; write a whole number like 3.")
        authority.set_vip_rule(s, level, second, actor=actor, now=ctx.now, default_currency=ctx.currency)
    elif verb == "reserve":
        authority.set_reserve(s, first, tiers.find_tier(s, second), actor=actor, now=ctx.now)
    else:
        raise UserError(AUTHORITY_USAGE)
    return answer(authority.describe(s), title="Authority")


def _decision(approve: bool):
    def handler(ctx: Context, event: ActionInvoked) -> list[Outbound]:
        _, offer_id = cases.button_case(ctx.session, event.value)
        if not offer_id:
            raise UserError("That button names no offer.")
        return decide(ctx, offer_id, approve=approve, reason=event.inputs.get("reason", ""), here=event.message)
    return handler


def register(registry: Registry) -> None:
    registry.command(Command(
        "authority", "authority show · authority set <tier> <amount> · authority vip <level> <rule> · "
        "authority reserve <action> <tier>", "what each tier may grant without approval", _cmd_authority,
        verb_roles=dict.fromkeys(("set", "vip", "reserve"), "admin")))
    registry.command(Command("offer", "offer <case> <amount> [goodwill|refund|repair|replace] · offer withdraw <offer>",
                             "offer compensation: granted within your limit, else sent for approval", _cmd_offer))
    registry.command(Command("approve", "approve <offer>", "approve a compensation request your tier may grant",
                             lambda ctx, args: decide(ctx, args.strip(), approve=True)))
    registry.command(Command("deny", "deny <offer> <reason>", "deny a compensation request, saying why",
                             _cmd_deny))
    registry.command(Command("resolve", "resolve <case> <outcome> [type= amount= evidence= follow= legal=]",
                             "close a case with what was agreed",
                             lambda ctx, args: resolve(ctx, *cases.case_and_rest(ctx.session, args))))
    registry.action(Action(
        ActionId.OFFER, case_button(lambda ctx, case, event: offer(ctx, case, event.inputs.get("offer", ""), event.message)),
        form=Form("Offer compensation", (FormField("offer", "Amount and type",
                                                   placeholder="¥80 goodwill · 200 refund · repair 150"),),
                  submit_label="Offer")))
    registry.action(Action(ActionId.REQUEST_APPROVAL, lambda ctx, event: offer(
        ctx, *cases.button_case(ctx.session, event.value), event.message)))
    registry.action(Action(ActionId.APPROVE, _decision(True)))
    registry.action(Action(ActionId.DENY, _decision(False),
                           form=Form("Deny the request", (FormField("reason", "Reason", multiline=True),),
                                     submit_label="Deny")))
    registry.action(Action(
        ActionId.RESOLVE,
        case_button(lambda ctx, case, event: resolve(ctx, case, event.inputs.get("outcome", ""), event.message)),
        form=Form("Resolve case", (FormField(
            "outcome", "Outcome", multiline=True, required=False,
            placeholder="what was agreed; type=refund amount=¥50 evidence=REC-1 follow=7d"),), submit_label="Resolve")))
