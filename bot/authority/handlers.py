"""What the authority capability registers: limits (admin), offers and their approval, and resolving a
case with what was agreed (reserved actions are checked here)."""

from __future__ import annotations

from bot.members.service import read_as
from bot.i18n.language import N_, _
from bot.authority import service as authority
from bot.authority.rules import OFFER_KINDS
from bot.cases import service as cases
from bot.cases.handlers import case_button
from bot.cases.resolution import RESOLUTION_CHOICES, ResolutionInput, parse_resolution, read_resolution
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

AUTHORITY_USAGE = N_("Usage: authority show · authority set <tier> <amount> · authority vip <vip-level> <x2 | 5% cap ¥2000 | off> · "
                   "authority reserve <action> <tier>")


def offer(ctx: Context, case: Case, text: str, here: MessageRef | None = None) -> list[Outbound]:
    """`<amount> [kind]` (either order): granted within the agent's limit, else an approval request."""
    s = ctx.session
    words = text.split()
    kinds = [w for w in words if w.lower() in OFFER_KINDS]
    amount_text = " ".join(w for w in words if w.lower() not in OFFER_KINDS)
    if not amount_text or len(kinds) > 1:
        raise UserError(_("Usage: offer <case> <amount> [goodwill|refund|repair|replace], e.g. offer 12 ¥80 goodwill."))
    money = positive_amount(amount_text, default_currency=ctx.currency)
    customer = s.get(Customer, case.customer_id)
    made = authority.make_offer(s, case, customer, ctx.member, money, kinds[0].lower() if kinds else "goodwill",
                                now=ctx.now)
    outs = ctx.updates(case, here)
    if made.status == "granted":
        return outs + answer(_("Offer #{id}: {money} {kind} granted on case #{id2}, within your limit. Call it goodwill "
                               "(补偿) with the customer.",
                               id=made.id, money=money, kind=made.kind, id2=case.id), case_id=case.id)
    tier = tiers.find_tier(s, made.needed_tier)
    outs += post_to_place(ctx.team, s, case, tier.place)
    asked, who = deciders(s, tier.grade)
    value = f"{case.id}:{made.id}"
    for member in asked:
        if member.id == ctx.member.id:
            continue
        with read_as(s, member):  # the approver reads it in their language, with the buttons to decide
            decide_here = (Button(_("Approve offer #{id}", id=made.id), ActionId.APPROVE, value, style="primary"),
                           Button(_("Deny offer #{id}", id=made.id), ActionId.DENY, value, style="danger",
                                  form=ctx.team.registry.form(ActionId.DENY)))
            outs.append(direct(member.ref, _(
                "Approval needed: offer #{id}, {money} {kind} on case #{case}, asked by {name}. Approve or deny it "
                "here, on the case card, or type approve {id} / deny {id} <reason>.",
                id=made.id, money=money, kind=_(made.kind), case=case.id, name=ctx.member.display_name),
                case_id=case.id, buttons=decide_here))
    return outs + answer(_("Offer #{id}: {money} is more than you may grant on this case for this customer (what "
                           "was already granted counts, and some kinds are reserved); it went to {name} for "
                           "approval. Asked: {who}. You will be told the decision.",
                           id=made.id, money=money, name=tier.name, who=who), case_id=case.id)


def decide(ctx: Context, offer_id: str, *, approve: bool, reason: str = "",
           here: MessageRef | None = None) -> list[Outbound]:
    s = ctx.session
    made = authority.decide_offer(s, authority.get_offer(s, offer_id), ctx.member, approve=approve, reason=reason,
                                  now=ctx.now)
    case = cases.get_case(s, made.case_id)
    money = Money(made.amount_minor, made.currency)
    asker = s.get(Member, made.requested_by)

    facts = dict(id=made.id, money=money, case=case.id, name=ctx.member.display_name, reason=made.reason)
    with read_as(s, asker):
        told = direct(asker.ref, _("Offer #{id} ({money} {kind}, case #{case}) was approved by {name}.", kind=_(made.kind),
                                   **facts) if approve else
                      _("Offer #{id} ({money} {kind}, case #{case}) was denied by {name}: {reason}", kind=_(made.kind),
                        **facts), case_id=case.id)
    said = _("Offer #{id} approved.", id=made.id) if approve else _("Offer #{id} denied: {reason}", id=made.id,
                                                                     reason=made.reason)
    return ctx.updates(case, here) + [told, *answer(said, case_id=case.id)]


def withdraw(ctx: Context, offer_id: str) -> list[Outbound]:
    s = ctx.session
    made = authority.withdraw_offer(s, authority.get_offer(s, offer_id), ctx.member, now=ctx.now)
    case = cases.get_case(s, made.case_id)
    return ctx.updates(case) + answer(_("Offer #{id} withdrawn.", id=made.id), case_id=case.id)


def resolve(ctx: Context, case: Case, text: str, here: MessageRef | None = None, *,
            resolution: ResolutionInput | None = None) -> list[Outbound]:
    """Close the case with what was agreed (typed on one line, or already read from a form)."""
    s = ctx.session
    resolution = resolution or parse_resolution(text, today=ctx.now.date(), default_currency=ctx.currency)
    tiers.check_holds(s, case, ctx.member, "resolving")
    authority.check_reserved(s, resolution.kind, ctx.member)
    row = cases.resolve_case(s, case, ctx.member, resolution, now=ctx.now)
    ctx.emit(Fact.RESOLVED, case, follow_up_on=row.follow_up_on)
    return ctx.updates(case, here) + answer(
        _("Case #{id} resolved by {display_name}: {value}.",
          id=case.id, display_name=ctx.member.display_name, value=cases.resolution_line(row)), case_id=case.id)


CURRENCIES = (("", N_("the team's currency")), ("CNY", "CNY ¥"), ("HKD", "HKD HK$"), ("TWD", "TWD NT$"),
              ("USD", "USD $"), ("EUR", "EUR €"))
OFFER_FORM = Form(N_("Offer compensation"), (
    FormField("kind", N_("Type"), choices=(("goodwill", N_("goodwill (补偿)")), ("refund", N_("refund")),
                                          ("repair", N_("repair")), ("replace", N_("replacement")))),
    FormField("amount", N_("Amount"), kind="number", placeholder="80"),
    FormField("currency", N_("Currency"), required=False, choices=CURRENCIES),
), submit_label=N_("Offer"), typed=N_("the amount and type, like ¥80 goodwill · 200 refund · repair 150"))
RESOLVE_FORM = Form(N_("Resolve case"), (
    FormField("outcome", N_("What was agreed"), multiline=True, required=False),
    FormField("type", N_("Type"), choices=RESOLUTION_CHOICES),
    FormField("amount", N_("Amount, if any"), kind="number", required=False),
    FormField("currency", N_("Currency"), required=False, choices=CURRENCIES),
    FormField("evidence", N_("Evidence (a recording, a ticket)"), required=False, placeholder="REC-1"),
    FormField("follow", N_("Follow up on"), kind="date", required=False),
    FormField("legal", N_("Legal approved the wording"), required=False, choices=(("no", N_("no")), ("yes", N_("yes")))),
), submit_label=N_("Resolve"), typed=N_("what was agreed; type=refund amount=¥50 evidence=REC-1 follow=7d"))


def offer_text(inputs: dict[str, str]) -> str:
    """An offer as typed (`¥80 goodwill`), from a chat's one-line answer or the form's fields."""
    if "amount" not in inputs:
        return inputs.get("text") or inputs.get("offer", "")
    amount = inputs["amount"].strip()
    currency = inputs.get("currency", "").strip()
    return " ".join(p for p in (currency, amount, inputs.get("kind", "").strip()) if p) if amount else ""


def resolve_from(ctx: Context, case: Case, inputs: dict[str, str], here: MessageRef | None = None) -> list[Outbound]:
    """Resolve from a form: its fields, or a chat's one-line answer."""
    if "type" not in inputs:
        return resolve(ctx, case, inputs.get("text") or inputs.get("outcome", ""), here)
    amount = inputs.get("amount", "").strip()
    fields = {**{k: inputs.get(k, "") for k in ("type", "evidence", "follow", "legal")},
              "amount": f"{inputs.get('currency', '')} {amount}".strip() if amount else ""}
    resolution = read_resolution(inputs.get("outcome", "").strip(), fields, today=ctx.now.date(),
                                 default_currency=ctx.currency)
    return resolve(ctx, case, "", here, resolution=resolution)


def _cmd_offer(ctx: Context, args: str) -> list[Outbound]:
    first, _sep, rest = args.strip().partition(" ")
    if first.lower() == "withdraw":
        return withdraw(ctx, rest)
    return offer(ctx, *cases.case_and_rest(ctx.session, args))


def _cmd_deny(ctx: Context, args: str) -> list[Outbound]:
    offer_id, _sep, reason = args.strip().partition(" ")
    return decide(ctx, offer_id, approve=False, reason=reason)


def _cmd_authority(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    verb, s, actor = verb.lower(), ctx.session, ctx.member.ref
    if verb in ("", "show"):
        return answer(authority.describe(s), title=_("Authority"))
    first, _sep, second = rest.strip().partition(" ")
    if not first or not second.strip():
        raise UserError(_(AUTHORITY_USAGE))
    if verb == "set":
        tier = tiers.find_tier(s, first)
        authority.set_limit(s, tier, positive_amount(second, default_currency=ctx.currency), actor=actor, now=ctx.now)
    elif verb == "vip":
        level = whole(first, max_digits=3)
        if level is None:
            raise UserError(_("“{first}” is not a VIP level; write a whole number like 3.", first=first[:10]))
        authority.set_vip_rule(s, level, second, actor=actor, now=ctx.now, default_currency=ctx.currency)
    elif verb == "reserve":
        authority.set_reserve(s, first, tiers.find_tier(s, second), actor=actor, now=ctx.now)
    else:
        raise UserError(_(AUTHORITY_USAGE))
    return answer(authority.describe(s), title=_("Authority"))


def _decision(approve: bool):
    def handler(ctx: Context, event: ActionInvoked) -> list[Outbound]:
        _unused, offer_id = cases.button_case(ctx.session, event.value)
        if not offer_id:
            raise UserError(_("That button names no offer."))
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
        ActionId.OFFER, case_button(lambda ctx, case, event: offer(ctx, case, offer_text(event.inputs), event.message)),
        form=OFFER_FORM))
    registry.action(Action(ActionId.REQUEST_APPROVAL, lambda ctx, event: offer(
        ctx, *cases.button_case(ctx.session, event.value), event.message)))
    registry.action(Action(ActionId.APPROVE, _decision(True)))
    registry.action(Action(ActionId.DENY, _decision(False),
                           form=Form(N_("Deny the request"), (FormField("reason", N_("Reason"), multiline=True),),
                                     submit_label=N_("Deny"))))
    registry.action(Action(
        ActionId.RESOLVE, case_button(lambda ctx, case, event: resolve_from(ctx, case, event.inputs, event.message)),
        form=RESOLVE_FORM))
