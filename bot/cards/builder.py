"""The case card, gathered from what every capability knows about the case (level, grade, authority,
offers, escalation, suggested reply, deadlines), and where it must be edited when the case changes."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlmodel import Session

from bot.authority import service as authority
from bot.cases import service as cases
from bot.cases.card import case_card
from bot.cases.tables import Case, Customer
from bot.commands.context import Team
from bot.i18n.language import _
from bot.insight import service as insight
from bot.members.service import name_of
from bot.members.tables import Member
from bot.messages import Card, MessageRef, Outbound
from bot.playbook import service as playbook
from bot.sla import service as sla
from bot.store.db import as_utc
from bot.tiers import service as tiers
from bot.tiers.tables import Escalation


class CardBuilder:
    """Implements the `Cards` port the handlers use."""

    def __init__(self, team: Team) -> None:
        self.team = team

    def card(self, session: Session, case: Case) -> Card:
        session.flush()
        team = self.team
        view = cases.case_view(session, case)
        ladder = {t.grade: t for t in tiers.ladder(session)}
        customer = session.get(Customer, case.customer_id)
        offers = authority.case_offers(session, case.id)
        escalation = tiers.latest_escalation(session, case.id)
        resolution = cases.latest_resolution(session, case.id) if case.status == "resolved" else None
        frontline = authority.limit_for(session, ladder["F"], customer)
        incident = insight.incident_of(session, case.id)
        script = json.loads(incident.scripts) if incident and incident.status == "open" else None
        reply = playbook.case_reply(session, case, team.analyzers.current(session), now=team.now(), zone=team.zone,
                                    script=script)
        suggestion = reply[0] if reply else None
        above = suggestion.offer if suggestion and suggestion.offer and not suggestion.offer.within_authority else None
        return case_card(replace(
            view, grade=case.grade, grade_reason=case.grade_reason, grade_tier=ladder[case.grade].name,
            holding_tier=f"{case.tier_grade} · {ladder[case.tier_grade].name}",
            authority=_("{tier} may offer up to {amount} for this customer without approval", tier=ladder["F"].name,
                        amount=frontline),
            offers=tuple(authority.offer_line(session, o) for o in offers),
            pending_offer=next((o.id for o in offers if o.status == "pending"), None),
            escalation=_escalation_line(session, escalation) if escalation else "",
            unacknowledged=escalation is not None and escalation.acknowledged_at is None and case.status != "resolved",
            resolution=cases.resolution_line(resolution) if resolution else "",
            reply=suggestion.reply if suggestion else "",
            reply_alternative=suggestion.alternatives[0] if suggestion and suggestion.alternatives else "",
            answered=format(as_utc(case.answered_at).astimezone(team.zone), "%Y-%m-%d %H:%M %Z") if case.answered_at else "",
            request_approval=str(above.amount) if above else "",
            reply_commits=tuple(_commit_line(a, t) for a, t in playbook.open_commits(session, case, suggestion))
            if suggestion else (),
            sla=tuple(sla.clock_lines(session, case, now=team.now(), zone=team.zone)),
            incident=insight.incident_line(incident) if incident else ""),
            forms=team.registry.form)

    def updates(self, session: Session, case: Case, *, also_here: MessageRef | None = None) -> list[Outbound]:
        """The case's new card, replacing it wherever it was posted (and on the message acted on); posted
        fresh when it lives nowhere yet."""
        card = self.card(session, case)
        refs = cases.card_refs(session, case.id)
        if also_here and all(_place(also_here) != _place(ref) for ref in refs):
            refs.append(also_here)
        if not refs:
            return [Outbound(card, case_id=case.id)]
        return [Outbound(card, replace=ref, case_id=case.id) for ref in refs]

    def live(self, session: Session, case: Case) -> list[Outbound]:
        """Only the edits of cards already posted: a ping moves their countdown, never posts a new card."""
        if not cases.card_refs(session, case.id):
            return []
        return [o for o in self.updates(session, case) if o.replace is not None]


def _commit_line(action: str, target: str) -> str:
    if action == "unstaffed":
        return _("not escalate: the reply promises {tier}, but nobody is in {tier} or above. "
                 "Add members with `tier add {tier} <member>` before sending it.", tier=target)
    if action == "escalate":
        return _("escalate the case to {tier}", tier=target)
    return _("request approval for {amount}", amount=target)


def _escalation_line(session: Session, escalation: Escalation) -> str:
    owner = session.get(Member, escalation.owner_id) if escalation.owner_id else None
    line = _("to {tier} ({grade}) by {who}", tier=escalation.tier_name, grade=escalation.to_grade,
             who=name_of(session, escalation.created_by)) + (": " + escalation.reason if escalation.reason else "")
    line += " · " + _("owner {name}", name=owner.display_name if owner else "—")
    if escalation.acknowledged_at:
        return line + " · " + _("acknowledged by {who}", who=name_of(session, escalation.acknowledged_by))
    return line + " · " + _("not acknowledged yet")


def _place(ref: MessageRef) -> tuple[str, str, str]:
    return ref.platform, ref.channel, ref.message_id
