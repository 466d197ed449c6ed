"""Intake: a customer's message (forwarded, pasted, or `complaint <text>`) is read, joins the customer's
open case or opens one, grades it and starts or restarts its clocks; the card answers the agent."""

from __future__ import annotations

from bot.members.service import read_as, team_language
from bot.i18n.language import _, speaking
from bot.cases import service as cases
from bot.commands.context import Context
from bot.commands.registry import Command, Registry
from bot.events import CustomerRef, MessageReceived
from bot.insight import alerts
from bot.messages import MessageRef, Outbound, Severity, answer, direct, text_card
from bot.sla import service as sla
from bot.store.tables import ProcessedEvent
from bot.tiers import service as tiers
from bot.tiers.notices import deciders
from bot.workspace import search


def take_in(ctx: Context, text: str, customer_ref: CustomerRef, source: MessageRef | None) -> list[Outbound]:
    """The new card as the answer to this message; cards posted for earlier messages edited to match."""
    text = cases.check_customer_text(text)
    s, now = ctx.session, ctx.now
    key = cases.customer_key(customer_ref, platform=ctx.event.platform, event_id=ctx.event.event_id)
    customer = cases.upsert_customer(s, customer_ref, key=key, now=now, currency=ctx.currency)
    case, joined = cases.open_case_for(s, customer, member=ctx.member, now=now)
    assessment = ctx.analyzer().analyze(text)
    cases.receive_message(s, case=case, customer=customer, member=ctx.member, platform=ctx.event.platform,
                          text=text, assessment=assessment, now=now,
                          first_response=sla.first_response_windows(s, case, vip_level=customer.vip_level))
    search.index_text(s, case.id, f"{text} {customer.display_name} {customer.ref}")
    tiers.regrade(s, case, customer, contacts=cases.contact_count(s, customer.id))
    sla.on_customer_message(s, case, now=now, zone=ctx.team.zone)
    s.execute(ProcessedEvent.__table__.update()
              .where(ProcessedEvent.platform == ctx.event.platform, ProcessedEvent.event_id == ctx.event.event_id)
              .values(case_id=case.id))
    pings = _distress_pings(ctx, case) if "self_harm" in assessment.signals else []
    pings += alerts.watch(ctx, case, text)  # before the card: a case that joins an incident shows it
    card = ctx.card(case)  # built once: the same card answers here and replaces the earlier ones
    if joined:  # the agent must not take it for a new customer's case
        pings += answer(_("This message joins {customer}'s open case #{id}; the card below is that case.",
                          customer=customer.display_name or customer.ref, id=case.id), case_id=case.id)
    posted = cases.card_refs(s, case.id) if joined else []  # a case opened by this message has no card yet
    return (pings + [Outbound(card, replace=ref, case_id=case.id) for ref in posted]
            + [Outbound(card, reply_to=source, case_id=case.id)])


def _distress_pings(ctx: Context, case) -> list[Outbound]:
    """A person who may harm themselves: the lead tier hears at once, wherever its members are."""
    def text() -> str:
        return _("🆘 Case #{id}: the customer says they may harm themselves. Call them now; the suggested reply is "
                 "care first and offers nothing. Take the case on the card.", id=case.id)
    # Nobody in the lead tier: the next tier up, else the admins; a person in distress is never announced to no one.
    members, _unused = deciders(ctx.session, "D")
    outs = []
    for m in members:
        if m.id != ctx.member.id:
            with read_as(ctx.session, m):
                outs.append(direct(m.ref, text(), case_id=case.id, severity=Severity.HIGH_RISK))
    place = tiers.place_ref(tiers.find_tier(ctx.session, "D").place)
    if place is not None:
        with speaking(team_language(ctx.session)):  # a shared place reads the team's language
            outs.append(Outbound(text_card(text(), severity=Severity.HIGH_RISK), reply_to=place, case_id=case.id))
    return outs


def _on_message(ctx: Context, event: MessageReceived) -> list[Outbound]:
    return take_in(ctx, event.text, event.customer, event.source)


def _cmd_complaint(ctx: Context, args: str) -> list[Outbound]:
    return take_in(ctx, args, CustomerRef(), getattr(ctx.event, "source", None))


def register(registry: Registry) -> None:
    registry.messages(_on_message)
    registry.command(Command("complaint", "complaint <customer's message>", "analyse a customer message and open a case",
                             _cmd_complaint))
