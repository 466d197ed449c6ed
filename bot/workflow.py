"""What agents do to a case (take, note, offer, escalate, acknowledge, approve, deny, resolve), reached alike
from a button and from a typed command; each returns the messages that tell everyone concerned."""

from __future__ import annotations

from bot.audit.service import record_audit
from bot.authority import service as authority
from bot.authority.rules import OFFER_KINDS, positive_amount
from bot.cases import service as cases
from bot.cases.resolution import parse_resolution
from bot.cases.tables import Case, Customer
from bot.commands.context import Command, Context
from bot.commands.parser import split_case_id
from bot.errors import UserError
from bot.members.tables import Member
from bot.messages import ActionId, MessageRef, Outbound, text_card
from bot.money import Money
from bot.playbook import service as playbook
from bot.playbook.lint import lint
from bot.sla import service as sla
from bot.tiers import service as tiers


def _said(text: str, case: Case) -> Outbound:
    return Outbound(text_card(text), private=True, case_id=case.id)


def _tell(member: Member, text: str, case: Case) -> Outbound:
    """A direct message to one member, wherever they are."""
    return Outbound(text_card(text), private=True, recipients=(member.ref,), case_id=case.id)


def _post_to_place(ctx: Context, case: Case, place: str | None) -> list[Outbound]:
    """The case card in a tier's place, unless a live card is already there (it was just updated)."""
    ref = tiers.place_ref(place)
    if ref is None:
        return []
    if any((r.platform, r.channel) == (ref.platform, ref.channel) for r in cases.card_refs(ctx.session, case.id)):
        return []
    return [Outbound(ctx.desk.card(ctx.session, case), reply_to=ref, case_id=case.id)]


def take(ctx: Context, case: Case, here: MessageRef | None = None) -> list[Outbound]:
    previous = cases.take_case(ctx.session, case, ctx.member, now=ctx.now)
    said = f"{ctx.member.display_name} took ownership of case #{case.id}" + (
        f" from {previous}." if previous and previous != ctx.member.display_name else ".")
    return ctx.desk.card_updates(ctx.session, case, also_here=here) + [_said(said, case)]


def note(ctx: Context, case: Case, text: str, here: MessageRef | None = None) -> list[Outbound]:
    cases.add_note(ctx.session, case, ctx.member, text, now=ctx.now)
    return ctx.desk.card_updates(ctx.session, case, also_here=here) + [_said(f"Note added to case #{case.id}.", case)]


def escalate(ctx: Context, case: Case, reason: str, here: MessageRef | None = None) -> list[Outbound]:
    s = ctx.session
    done = tiers.escalate_case(s, case, ctx.member, reason.strip(), now=ctx.now)
    outs = ctx.desk.card_updates(s, case, also_here=here) + _post_to_place(ctx, case, done.place)
    said = f"Case #{case.id} escalated to {done.tier_name} ({done.grade})"
    if done.skipped:
        said += f", past {', '.join(done.skipped)} (nobody in it)"
    if done.owner is not None:
        said += f"; owner {done.owner.display_name}."
        if done.owner.id != ctx.member.id:
            outs.append(_tell(done.owner, f"Case #{case.id} is yours now: escalated to {done.tier_name} by "
                                          f"{ctx.member.display_name}" + (f": {reason.strip()}" if reason.strip() else "")
                                          + ". Acknowledge it on the card.", case))
    else:
        said += "; nobody is in that tier or above, so the owner is unchanged. Add members with `tier add`."
    if not done.place:
        said += f" {done.tier_name} has no place to notify (`tier notify {done.tier_name} <place>`)."
    return outs + [_said(said, case)]


def acknowledge(ctx: Context, case: Case, here: MessageRef | None = None) -> list[Outbound]:
    escalation = tiers.acknowledge(ctx.session, case, ctx.member, now=ctx.now)
    sla.on_acknowledged(ctx.session, case, now=ctx.now)
    return ctx.desk.card_updates(ctx.session, case, also_here=here) + [
        _said(f"You acknowledged case #{case.id} for {escalation.tier_name}.", case)]


def offer(ctx: Context, case: Case, text: str, here: MessageRef | None = None) -> list[Outbound]:
    """`<amount> [kind]` (either order): granted within the agent's limit, else an approval request."""
    s = ctx.session
    words = text.split()
    kinds = [w for w in words if w.lower() in OFFER_KINDS]
    amount_text = " ".join(w for w in words if w.lower() not in OFFER_KINDS)
    if not amount_text or len(kinds) > 1:
        raise UserError("Usage: offer <case> <amount> [goodwill|refund|repair|replace], e.g. offer 12 ¥80 goodwill.")
    money = positive_amount(amount_text, default_currency=ctx.desk.currency)
    customer = s.get(Customer, case.customer_id)
    made = authority.make_offer(s, case, customer, ctx.member, money, kinds[0].lower() if kinds else "goodwill",
                                now=ctx.now)
    outs = ctx.desk.card_updates(s, case, also_here=here)
    if made.status == "granted":
        return outs + [_said(f"Offer #{made.id}: {money} {made.kind} granted on case #{case.id}, within your limit. "
                             "Call it goodwill (补偿) with the customer.", case)]
    tier = tiers.find_tier(s, made.needed_tier)
    outs += _post_to_place(ctx, case, tier.place)
    for member in tiers.tier_members(s, tier.grade):
        if member.id != ctx.member.id:
            outs.append(_tell(member, f"Approval needed: offer #{made.id}, {money} {made.kind} on case #{case.id}, "
                                      f"asked by {ctx.member.display_name}. Approve or deny it on the case card, "
                                      f"or type approve {made.id} / deny {made.id} <reason>.", case))
    return outs + [_said(f"Offer #{made.id}: {money} is above your limit for this customer; it went to "
                         f"{tier.name} for approval. You will be told the decision.", case)]


def decide(ctx: Context, offer_id: str, *, approve: bool, reason: str = "",
           here: MessageRef | None = None) -> list[Outbound]:
    s = ctx.session
    made = authority.decide_offer(s, authority.get_offer(s, offer_id), ctx.member, approve=approve, reason=reason,
                                  now=ctx.now)
    case = cases.get_case(s, made.case_id)
    money = Money(made.amount_minor, made.currency)
    verdict = "approved" if approve else f"denied: {made.reason}"
    outs = ctx.desk.card_updates(s, case, also_here=here)
    asker = s.get(Member, made.requested_by)
    outs.append(_tell(asker, f"Offer #{made.id} ({money} {made.kind}, case #{case.id}) was {verdict} "
                             f"by {ctx.member.display_name}.", case))
    return outs + [_said(f"Offer #{made.id} {verdict}.", case)]


def withdraw(ctx: Context, offer_id: str) -> list[Outbound]:
    s = ctx.session
    made = authority.withdraw_offer(s, authority.get_offer(s, offer_id), ctx.member, now=ctx.now)
    case = cases.get_case(s, made.case_id)
    return ctx.desk.card_updates(s, case) + [_said(f"Offer #{made.id} withdrawn.", case)]


def resolve(ctx: Context, case: Case, text: str, here: MessageRef | None = None) -> list[Outbound]:
    s = ctx.session
    resolution = parse_resolution(text, today=ctx.now.date(), default_currency=ctx.desk.currency)
    authority.check_reserved(s, resolution.kind, ctx.member)
    row = cases.resolve_case(s, case, ctx.member, resolution, now=ctx.now)
    sla.on_resolved(s, case, now=ctx.now, zone=ctx.desk.zone, follow_up_on=row.follow_up_on)
    return ctx.desk.card_updates(s, case, also_here=here) + [
        _said(f"Case #{case.id} resolved by {ctx.member.display_name}: {cases.resolution_line(row)}.", case)]


def another_reply(ctx: Context, case: Case, here: MessageRef | None = None) -> list[Outbound]:
    case.reply_variant += 1
    return ctx.desk.card_updates(ctx.session, case, also_here=here)


def mark_sent(ctx: Context, case: Case, here: MessageRef | None = None) -> list[Outbound]:
    """The customer was answered: recorded on the case (the SLA clocks read it) and audited."""
    if case.status == "resolved":
        raise UserError(f"Case #{case.id} is resolved.")
    old = case.answered_at.isoformat() if case.answered_at else None
    case.answered_at, case.updated_at = ctx.now, ctx.now
    sla.on_replied(ctx.session, case, now=ctx.now)
    record_audit(ctx.session, actor=ctx.member.ref, action="case.replied", target=f"case:{case.id}", old=old,
                 new=ctx.now.isoformat(), now=ctx.now)
    return ctx.desk.card_updates(ctx.session, case, also_here=here) + [
        _said(f"Recorded: {ctx.member.display_name} answered the customer on case #{case.id}.", case)]


def waiting(ctx: Context, case: Case, here: MessageRef | None = None) -> list[Outbound]:
    """The case waits on the customer: the update clock pauses and a silence clock starts."""
    if case.status == "resolved":
        raise UserError(f"Case #{case.id} is resolved.")
    sla.on_waiting(ctx.session, case, now=ctx.now, zone=ctx.desk.zone)
    record_audit(ctx.session, actor=ctx.member.ref, action="case.waiting", target=f"case:{case.id}", old=None,
                 new=ctx.now.isoformat(), now=ctx.now)
    return ctx.desk.card_updates(ctx.session, case, also_here=here) + [
        _said(f"Case #{case.id} is waiting on the customer; you will be reminded if they stay silent.", case)]


def check_draft(ctx: Context, case: Case | None, draft: str) -> list[Outbound]:
    """The checker's findings on a draft, read for this case's customer (script, limit) when there is a case."""
    if not draft.strip():
        raise UserError("Paste the draft reply to check.")
    lang, limit, complaint = None, None, True
    if case is not None:
        reply = playbook.case_reply(ctx.session, case, ctx.desk.current_analyzer(ctx.session))
        if reply is not None:
            lang, limit, complaint = reply[0].lang, reply[1].limit, case.level != "none"
    findings = lint(draft, lang=lang, limit=limit, complaint=complaint)
    if not findings:
        return [Outbound(text_card("No findings: the draft reads well.", title="Draft check"), private=True)]
    lines = [f"{f.rule}: “{draft[f.start:f.end]}” {f.why} Try: {f.rewrite}" if f.end > f.start
             else f"{f.rule}: {f.why} Try: {f.rewrite}" for f in findings]
    return [Outbound(text_card("\n".join(lines), title=f"Draft check · {len(findings)} finding(s)"), private=True)]


# -- buttons ------------------------------------------------------------------------------------
def run_action(ctx: Context, action: ActionId, value: str, inputs: dict[str, str],
               here: MessageRef | None) -> list[Outbound]:
    """A button press or a submitted form, as the same operation the typed command runs."""
    case_part, _, offer_part = value.partition(":")
    case = cases.get_case(ctx.session, case_part)
    if action == ActionId.SHOW_CASE:
        return [Outbound(ctx.desk.card(ctx.session, case), private=True, case_id=case.id)]
    if action == ActionId.TAKE:
        return take(ctx, case, here)
    if action == ActionId.ADD_NOTE:
        return note(ctx, case, inputs.get("text", ""), here)
    if action == ActionId.ESCALATE:
        return escalate(ctx, case, inputs.get("reason", ""), here)
    if action == ActionId.ACKNOWLEDGE:
        return acknowledge(ctx, case, here)
    if action == ActionId.OFFER:
        return offer(ctx, case, inputs.get("offer", ""), here)
    if action in (ActionId.APPROVE, ActionId.DENY):
        if not offer_part:
            raise UserError("That button names no offer.")
        return decide(ctx, offer_part, approve=action == ActionId.APPROVE, reason=inputs.get("reason", ""), here=here)
    if action == ActionId.RESOLVE:
        return resolve(ctx, case, inputs.get("outcome", ""), here)
    if action == ActionId.ANOTHER_REPLY:
        return another_reply(ctx, case, here)
    if action == ActionId.MARK_SENT:
        return mark_sent(ctx, case, here)
    if action == ActionId.CHECK_DRAFT:
        return check_draft(ctx, case, inputs.get("draft", ""))
    if action == ActionId.REQUEST_APPROVAL:
        return offer(ctx, case, offer_part, here)
    raise UserError(f"Unknown action {action!r}.")


# -- typed commands -----------------------------------------------------------------------------
def _case_and_rest(ctx: Context, args: str) -> tuple[Case, str]:
    case_id, rest = split_case_id(args)
    return cases.get_case(ctx.session, case_id), rest


def _cmd_take(ctx: Context, args: str) -> list[Outbound]:
    return take(ctx, _case_and_rest(ctx, args)[0])


def _cmd_note(ctx: Context, args: str) -> list[Outbound]:
    return note(ctx, *_case_and_rest(ctx, args))


def _cmd_escalate(ctx: Context, args: str) -> list[Outbound]:
    return escalate(ctx, *_case_and_rest(ctx, args))


def _cmd_ack(ctx: Context, args: str) -> list[Outbound]:
    return acknowledge(ctx, _case_and_rest(ctx, args)[0])


def _cmd_offer(ctx: Context, args: str) -> list[Outbound]:
    first, _, rest = args.strip().partition(" ")
    if first.lower() == "withdraw":
        return withdraw(ctx, rest)
    return offer(ctx, *_case_and_rest(ctx, args))


def _cmd_approve(ctx: Context, args: str) -> list[Outbound]:
    return decide(ctx, args.strip(), approve=True)


def _cmd_deny(ctx: Context, args: str) -> list[Outbound]:
    offer_id, _, reason = args.strip().partition(" ")
    return decide(ctx, offer_id, approve=False, reason=reason)


def _cmd_resolve(ctx: Context, args: str) -> list[Outbound]:
    return resolve(ctx, *_case_and_rest(ctx, args))


def _cmd_replied(ctx: Context, args: str) -> list[Outbound]:
    return mark_sent(ctx, _case_and_rest(ctx, args)[0])


def _cmd_lint(ctx: Context, args: str) -> list[Outbound]:
    first, _, rest = args.strip().partition(" ")
    if first.lstrip("#").isdigit() and rest.strip():
        return check_draft(ctx, cases.get_case(ctx.session, first), rest)
    return check_draft(ctx, None, args)


COMMANDS = (
    Command("take", "take <case>", "become the case's one owner", _cmd_take),
    Command("note", "note <case> <text>", "add a note to a case", _cmd_note),
    Command("offer", "offer <case> <amount> [goodwill|refund|repair|replace] · offer withdraw <offer>",
            "offer compensation: granted within your limit, else sent for approval", _cmd_offer),
    Command("approve", "approve <offer>", "approve a compensation request your tier may grant", _cmd_approve),
    Command("deny", "deny <offer> <reason>", "deny a compensation request, saying why", _cmd_deny),
    Command("escalate", "escalate <case> [reason]", "move a case up to the next tier, with a new owner",
            _cmd_escalate),
    Command("ack", "ack <case>", "acknowledge an escalation your tier received", _cmd_ack),
    Command("resolve", "resolve <case> <outcome> [type= amount= evidence= follow= legal=]",
            "close a case with what was agreed", _cmd_resolve),
    Command("replied", "replied <case>", "record that the customer was answered", _cmd_replied),
    Command("lint", "lint [case] <draft reply>", "check a draft reply before you send it", _cmd_lint),
)

