"""Who hears about an escalation: the case's cards, the tier's place, and the new owner. Shared by the
escalate command and the SLA breach, which both escalate through `escalate_case`."""

from __future__ import annotations

from sqlmodel import Session

from bot.i18n.language import _, speaking
from bot.cases import service as cases
from bot.cases.tables import Case
from bot.commands.context import Team
from bot.members.service import list_members, read_as, team_language
from bot.messages import ActionId, Button, MessageRef, Outbound, direct
from bot.tiers import service as tiers
from bot.tiers.rules import grade_rank
from bot.tiers.service import Escalated


def post_to_place(team: Team, session: Session, case: Case, place: str | None) -> list[Outbound]:
    """The case card in a tier's place, unless a live card is already there (it was just updated)."""
    ref = tiers.place_ref(place)
    if ref is None:
        return []
    if any((r.platform, r.channel) == (ref.platform, ref.channel) for r in cases.card_refs(session, case.id)):
        return []
    with speaking(team_language(session)):  # a tier's place is read by the whole tier
        return [Outbound(team.cards.card(session, case), reply_to=ref, case_id=case.id)]


def escalation_notices(team: Team, session: Session, case: Case, done: Escalated, *, by: str, by_member_id: int | None,
                       reason: str, here: MessageRef | None = None) -> list[Outbound]:
    """The card edited everywhere, posted in the tier's place, and the new owner told the case is theirs."""
    outs = team.cards.updates(session, case, also_here=here) + post_to_place(team, session, case, done.place)
    if done.owner is None:
        # Nobody in the tier or above: the admins get the card with its buttons, so the case reaches a person.
        for admin in (m for m in list_members(session) if m.role == "admin"):
            with read_as(session, admin):
                outs += [direct(admin.ref, _("Case #{id} was escalated to {tier}, but nobody is in it or above. Take "
                                             "it, or add members with `tier add {tier} <member>`.",
                                             id=case.id, tier=done.tier_name), case_id=case.id),
                         Outbound(team.cards.card(session, case), private=True, recipients=(admin.ref,),
                                  case_id=case.id)]
    if done.owner is not None and done.owner.id != by_member_id:
        with read_as(session, done.owner):
            outs.append(direct(done.owner.ref, _(
                "Case #{id} is yours now: escalated to {tier} by {by}{reason}. Acknowledge it here or on the card.",
                id=case.id, tier=done.tier_name, by=by, reason=": " + reason if reason else ""),
                case_id=case.id, buttons=(Button(_("Acknowledge"), ActionId.ACKNOWLEDGE, str(case.id), style="primary"),
                                          Button(_("Show case"), ActionId.SHOW_CASE, str(case.id)))))
    return outs


def deciders(session: Session, grade: str) -> tuple[list, str]:
    """Who is asked to decide for a tier: its members, else those of the first tier above with anyone in it,
    else the admins; and a sentence naming them. A request never goes to nobody."""
    ladder = tiers.ladder(session)
    for tier in ladder:
        if grade_rank(tier.grade) >= grade_rank(grade):
            members = tiers.tier_members(session, tier.grade)
            if members:
                names = ", ".join(m.display_name for m in members)
                via = "" if tier.grade == grade else _(" (nobody is in the tier asked, so the next tier up)")
                return members, f"{tier.name}: {names}{via}"
    admins = [m for m in list_members(session) if m.role == "admin"]
    return admins, _("the admins, since nobody is in that tier or above: ") + (
        ", ".join(m.display_name for m in admins) or _("there are none; run `bot login-link` for one"))


def escalation_summary(case: Case, done: Escalated) -> str:
    """One sentence for whoever escalated: where it went, who owns it, what is missing."""
    said = _("Case #{id} escalated to {tier_name} ({grade})", id=case.id, tier_name=done.tier_name, grade=done.grade)
    if done.skipped:
        said += _(", past {value} (nobody in it)", value=', '.join(done.skipped))
    if done.owner is not None:
        said += _("; owner {name}.", name=done.owner.display_name)
    else:
        said += _("; nobody is in that tier or above, so the owner is unchanged. Add members with `tier add`.")
    if not done.place:
        said += _(" {tier_name} has no place to notify (`tier notify {tier_name} <place>`).",
                  tier_name=done.tier_name)
    return said
