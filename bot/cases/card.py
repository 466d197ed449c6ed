"""The case card: everything an agent needs at a glance, as a neutral Card."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.i18n.language import N_, _
from bot.messages import ActionId, Button, Card, Field, Form, Section, Severity

# In English the label carries the Chinese term too (the team's shared vocabulary); in Chinese, the term alone.
LEVEL_LABEL = {
    "none": N_("none · 非投诉"),
    "potential": N_("potential · 潜在投诉"),
    "explicit": N_("explicit · 明确投诉"),
    "high_risk": N_("HIGH RISK · 高危投诉"),
}
SNIPPET_CHARS = 280
Forms = Callable[[ActionId], Form | None]  # the form registered for a button, if any


@dataclass(frozen=True)
class TriggerView:
    phrase: str
    signal: str
    weight: int


@dataclass(frozen=True)
class CaseView:
    """Plain data the card is drawn from; built by the case service."""

    id: int
    status: str
    level: str
    score: int
    category: str
    level_reason: str
    customer: str
    vip_level: int
    annual_value: str
    contacts: int
    owner: str
    message_text: str
    message_level: str
    message_lang: str
    triggers: tuple[TriggerView, ...]
    notes: int
    last_note: str
    demands: tuple[str, ...] = ()
    need_question: str | None = None
    cards: tuple[str, ...] = ()  # "threat: “12315”"
    style: str = ""
    grade: str = "F"
    grade_reason: str = ""
    grade_tier: str = ""  # the tier the grade names
    holding_tier: str = ""  # "F · agent": the tier that holds the case now
    authority: str = ""  # what the frontline may offer this customer without approval
    offers: tuple[str, ...] = ()
    pending_offer: int | None = None
    escalation: str = ""
    unacknowledged: bool = False
    resolution: str = ""
    reply: str = ""  # the suggested reply, ready to send
    reply_alternative: str = ""
    answered: str = ""  # when the customer was last answered, and by whom
    request_approval: str = ""  # "CNY 500" when the customer asks more than the frontline may give
    reply_commits: tuple[str, ...] = ()  # what Mark as sent will do, because the reply says it is done
    sla: tuple[str, ...] = ()  # each running clock: deadline and time left
    incident: str = ""  # "Incident #3 · 洗衣机漏水 (open): the reply uses its unified script"


def case_card(view: CaseView, *, forms: Forms) -> Card:
    """The card for a case: what to act on first (level and why, what the customer said and wants, the reply and
    its buttons, deadlines, owner); the rest folded."""
    snippet = view.message_text if len(view.message_text) <= SNIPPET_CHARS else view.message_text[:SNIPPET_CHARS] + "…"
    why = tuple(f"“{t.phrase}” → {_(t.signal)} (+{t.weight})" for t in view.triggers) or (_("no risk signal found"),)
    customer = view.customer + (f" · VIP {view.vip_level}" if view.vip_level else "")
    level = _(LEVEL_LABEL[view.level]) if view.level in LEVEL_LABEL else view.level
    status, category = _(view.status), _(view.category)
    owner = view.owner or _("unassigned")
    fields = (
        Field(_("Level"), level),
        Field(_("Category"), category),
        Field(_("Customer"), customer),
        Field(_("Contacts"), str(view.contacts)),
        Field(_("Owner"), owner),
        Field(_("Status"), status),
        Field(_("Score"), f"{view.score}/100", fold=True),
        Field(_("VIP"), str(view.vip_level) if view.vip_level else "—", fold=True),
        Field(_("Annual value"), view.annual_value or "—", fold=True),
        Field(_("This message"), _(view.message_level), fold=True),
        Field(_("Style"), _(view.style) if view.style else "—", fold=True),
        Field(_("Grade"), f"{view.grade} · {view.grade_tier}" if view.grade_tier else view.grade, fold=True),
        Field(_("Held by tier"), view.holding_tier or "—", fold=True),
        Field(_("Frontline may offer"), view.authority or "—", short=False, fold=True),
        Field(_("Answered"), view.answered or _("not yet"), fold=True),
    )
    need = _need_line(view)
    said = view.message_lang if view.message_lang in ("en", "zh-Hans", "zh-Hant") else ""
    sections = [Section(_("Why"), why), Section(_("Customer said"), (snippet,), lang=said)]
    if view.incident:
        sections.insert(0, Section(_("Incident"), (view.incident,)))
    if need:
        sections.append(Section(_("Customer wants"), (need,)))
    if view.reply and view.status != "resolved":
        sections.append(Section(_("Suggested reply"), (view.reply,), copy=True, lang=said))
        if view.reply_commits:
            sections.append(Section(_("Mark as sent will"), view.reply_commits))
        if view.reply_alternative:
            sections.append(Section(_("Or"), (view.reply_alternative,), copy=True, fold=True, lang=said))
    if view.sla and view.status != "resolved":
        sections.append(Section(_("Deadlines"), view.sla))
    if view.escalation:
        sections.append(Section(_("Escalation"), (view.escalation,)))
    if view.offers:
        sections.append(Section(_("Offers"), view.offers))
    if view.resolution:
        sections.append(Section(_("Resolution"), (view.resolution,)))
    if view.notes:
        sections.append(Section(_("Notes ({n})", n=view.notes), (view.last_note,)))
    if view.cards:
        sections.append(Section(_("Cards on the table"), view.cards, fold=True))
    if view.level != view.message_level:
        sections.append(Section(_("Case level"), (
            _("This message is {message}; the case is {case}: {why}.", message=_(view.message_level),
              case=_(view.level), why=view.level_reason),), fold=True))
    if view.grade_reason:
        sections.append(Section(_("Grade"), (f"{view.grade}: {view.grade_reason}",), fold=True))
    buttons = () if view.status == "resolved" else case_buttons(
        view.id, forms=forms, pending_offer=view.pending_offer, unacknowledged=view.unacknowledged,
        request_approval=view.request_approval, has_reply=bool(view.reply))
    title = _("Case #{id} · {level} · {score}/100", id=view.id, level=level, score=view.score)
    fallback_lines = [
        title,
        _("Level: {level} (score {score}) · category: {category}", level=_(view.level), score=view.score,
          category=category),
        _("Customer: {customer} · contacts: {contacts} · owner: {owner} · status: {status}", customer=customer,
          contacts=view.contacts, owner=owner, status=status),
        _("Why: {why}", why="; ".join(why)),
    ]
    if view.incident:
        fallback_lines.append(view.incident)
    if need:
        fallback_lines.append(_("Customer wants: {need}", need=need))
    if view.reply and view.status != "resolved":
        fallback_lines.append(_("Suggested reply: {reply}", reply=view.reply))
        fallback_lines += [_("Mark as sent will: {what}", what=line) for line in view.reply_commits]
    fallback_lines.append(_("Grade: {grade} ({why}) · tier: {tier}", grade=view.grade, why=view.grade_reason,
                            tier=view.holding_tier or "—"))
    if view.authority:
        fallback_lines.append(_("Frontline may offer: {what}", what=view.authority))
    fallback_lines += [_("Deadline: {what}", what=line) for line in view.sla] if view.status != "resolved" else []
    fallback_lines += [_("Escalation: {what}", what=view.escalation)] if view.escalation else []
    fallback_lines += [_("Offer {what}", what=line) for line in view.offers]
    fallback_lines += [_("Resolution: {what}", what=view.resolution)] if view.resolution else []
    if view.level != view.message_level:
        fallback_lines.append(_("Case level {level}: {why}", level=_(view.level), why=view.level_reason))
    fallback_lines.append(_("Customer said: {text}", text=snippet))
    return Card(
        title=title,
        fallback="\n".join(fallback_lines),
        severity=Severity(view.level),
        fields=fields,
        sections=tuple(sections),
        buttons=buttons,
        context=_("case {id} · {level} · written in {lang}", id=view.id, level=_(view.level),
                  lang=_(view.message_lang) if view.message_lang else "?"),
    )


def _need_line(view: CaseView) -> str:
    """What the customer wants, or, when they have not said, the question that finds out."""
    if view.demands:
        return ", ".join(_(d) for d in view.demands)
    if view.need_question:
        return _("not said yet; ask: {question}", question=view.need_question)
    return ""


def case_buttons(case_id: int, *, forms: Forms, pending_offer: int | None = None, unacknowledged: bool = False,
                 request_approval: str = "", has_reply: bool = False) -> tuple[Button, ...]:
    """The card's buttons; each carries the form its capability registered for it, if any."""
    value = str(case_id)
    reply = [
        Button(_("Mark as sent"), ActionId.MARK_SENT, value, style="primary"),
        Button(_("Another version"), ActionId.ANOTHER_REPLY, value),
        Button(_("Check my draft"), ActionId.CHECK_DRAFT, value, form=forms(ActionId.CHECK_DRAFT)),
    ] if has_reply else []
    if request_approval and pending_offer is None:
        reply.append(Button(_("Request approval for {amount}", amount=request_approval), ActionId.REQUEST_APPROVAL,
                            f"{case_id}:{request_approval}"))
    buttons = [
        Button(_("Take ownership"), ActionId.TAKE, value, style="primary"),
        Button(_("Add note"), ActionId.ADD_NOTE, value, form=forms(ActionId.ADD_NOTE)),
        Button(_("Offer"), ActionId.OFFER, value, form=forms(ActionId.OFFER)),
        Button(_("Escalate"), ActionId.ESCALATE, value, style="danger", form=forms(ActionId.ESCALATE)),
        Button(_("Resolve"), ActionId.RESOLVE, value, form=forms(ActionId.RESOLVE)),
        *reply,
        Button(_("Level wrong?"), ActionId.CORRECT_LEVEL, value, form=forms(ActionId.CORRECT_LEVEL)),
    ]
    if unacknowledged:
        buttons.insert(0, Button(_("Acknowledge"), ActionId.ACKNOWLEDGE, value, style="primary"))
    if pending_offer is not None:
        # The value names the case and the offer, so the press edits this case's cards.
        offer = f"{case_id}:{pending_offer}"
        buttons[:0] = [Button(_("Approve offer #{id}", id=pending_offer), ActionId.APPROVE, offer, style="primary"),
                       Button(_("Deny offer #{id}", id=pending_offer), ActionId.DENY, offer, style="danger",
                              form=forms(ActionId.DENY))]
    return tuple(buttons)
