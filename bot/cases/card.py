"""The case card: everything an agent needs at a glance, as a neutral Card."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.messages import ActionId, Button, Card, Field, Form, Section, Severity

LEVEL_LABEL = {
    "none": "none · 非投诉",
    "potential": "potential · 潜在投诉",
    "explicit": "explicit · 明确投诉",
    "high_risk": "HIGH RISK · 高危投诉",
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
    """The card for a case: level and why, the customer, the owner, and the buttons to act."""
    snippet = view.message_text if len(view.message_text) <= SNIPPET_CHARS else view.message_text[:SNIPPET_CHARS] + "…"
    why = tuple(f"“{t.phrase}” → {t.signal} (+{t.weight})" for t in view.triggers) or ("no risk signal found",)
    customer = view.customer + (f" · VIP {view.vip_level}" if view.vip_level else "")
    fields = (
        Field("Level", LEVEL_LABEL.get(view.level, view.level)),
        Field("Score", f"{view.score}/100"),
        Field("Category", view.category),
        Field("Customer", customer),
        Field("Contacts", str(view.contacts)),
        Field("VIP", str(view.vip_level) if view.vip_level else "—"),
        Field("Annual value", view.annual_value or "—"),
        Field("Owner", view.owner or "unassigned"),
        Field("Status", view.status),
        Field("Message level", view.message_level),
        Field("Style", view.style or "—"),
        Field("Grade", f"{view.grade} · {view.grade_tier}" if view.grade_tier else view.grade),
        Field("Tier", view.holding_tier or "—"),
        Field("Authority", view.authority or "—", short=False),
        Field("Answered", view.answered or "not yet"),
    )
    need = _need_line(view)
    sections = [Section("Why", why), Section("Customer said", (snippet,))]
    if view.incident:
        sections.insert(0, Section("Incident", (view.incident,)))
    if need:
        sections.append(Section("Customer wants", (need,)))
    if view.reply and view.status != "resolved":
        sections.append(Section("Suggested reply", (view.reply,), copy=True))
        if view.reply_commits:
            sections.append(Section("Mark as sent will", view.reply_commits))
        if view.reply_alternative:
            sections.append(Section("Or", (view.reply_alternative,), copy=True))
    if view.cards:
        sections.append(Section("Cards on the table", view.cards))
    if view.level != view.message_level:
        sections.append(Section("Case level", (
            f"This message is {view.message_level}; the case is {view.level}: {view.level_reason}.",)))
    if view.grade_reason:
        sections.append(Section("Grade", (f"{view.grade}: {view.grade_reason}",)))
    if view.sla and view.status != "resolved":
        sections.append(Section("Deadlines", view.sla))
    if view.escalation:
        sections.append(Section("Escalation", (view.escalation,)))
    if view.offers:
        sections.append(Section("Offers", view.offers))
    if view.resolution:
        sections.append(Section("Resolution", (view.resolution,)))
    if view.notes:
        sections.append(Section(f"Notes ({view.notes})", (view.last_note,)))
    buttons = () if view.status == "resolved" else case_buttons(
        view.id, forms=forms, pending_offer=view.pending_offer, unacknowledged=view.unacknowledged,
        request_approval=view.request_approval, has_reply=bool(view.reply))
    title = f"Case #{view.id} · {LEVEL_LABEL.get(view.level, view.level)} · {view.score}/100"
    fallback_lines = [
        title,
        f"Level: {view.level} (score {view.score}) · category: {view.category}",
        f"Customer: {customer} · contacts: {view.contacts} · owner: {view.owner or 'unassigned'} · status: {view.status}",
        "Why: " + "; ".join(why),
    ]
    if view.incident:
        fallback_lines.append(view.incident)
    if need:
        fallback_lines.append(f"Customer wants: {need}")
    if view.reply and view.status != "resolved":
        fallback_lines.append(f"Suggested reply: {view.reply}")
        fallback_lines += [f"Mark as sent will: {line}" for line in view.reply_commits]
    fallback_lines.append(f"Grade: {view.grade} ({view.grade_reason}) · tier: {view.holding_tier or '—'}")
    if view.authority:
        fallback_lines.append(f"Authority: {view.authority}")
    fallback_lines += [f"Deadline: {line}" for line in view.sla] if view.status != "resolved" else []
    fallback_lines += [f"Escalation: {view.escalation}"] if view.escalation else []
    fallback_lines += [f"Offer {line}" for line in view.offers]
    fallback_lines += [f"Resolution: {view.resolution}"] if view.resolution else []
    if view.level != view.message_level:
        fallback_lines.append(f"Case level {view.level}: {view.level_reason}")
    fallback_lines.append(f"Customer said: {snippet}")
    return Card(
        title=title,
        fallback="\n".join(fallback_lines),
        severity=Severity(view.level),
        fields=fields,
        sections=tuple(sections),
        buttons=buttons,
        context=f"case {view.id} · {view.level} · {view.message_lang}",
    )


def _need_line(view: CaseView) -> str:
    """What the customer wants, or, when they have not said, the question that finds out."""
    if view.demands:
        return ", ".join(view.demands)
    if view.need_question:
        return f"not said yet; ask: {view.need_question}"
    return ""


def case_buttons(case_id: int, *, forms: Forms, pending_offer: int | None = None, unacknowledged: bool = False,
                 request_approval: str = "", has_reply: bool = False) -> tuple[Button, ...]:
    """The card's buttons; each carries the form its capability registered for it, if any."""
    value = str(case_id)
    reply = [
        Button("Mark as sent", ActionId.MARK_SENT, value, style="primary"),
        Button("Another version", ActionId.ANOTHER_REPLY, value),
        Button("Check my draft", ActionId.CHECK_DRAFT, value, form=forms(ActionId.CHECK_DRAFT)),
    ] if has_reply else []
    if request_approval and pending_offer is None:
        reply.append(Button(f"Request approval for {request_approval}", ActionId.REQUEST_APPROVAL,
                            f"{case_id}:{request_approval}"))
    buttons = [
        Button("Take ownership", ActionId.TAKE, value, style="primary"),
        Button("Add note", ActionId.ADD_NOTE, value, form=forms(ActionId.ADD_NOTE)),
        Button("Offer", ActionId.OFFER, value, form=forms(ActionId.OFFER)),
        Button("Escalate", ActionId.ESCALATE, value, style="danger", form=forms(ActionId.ESCALATE)),
        Button("Resolve", ActionId.RESOLVE, value, form=forms(ActionId.RESOLVE)),
        *reply,
        Button("Level wrong?", ActionId.CORRECT_LEVEL, value, form=forms(ActionId.CORRECT_LEVEL)),
    ]
    if unacknowledged:
        buttons.insert(0, Button("Acknowledge", ActionId.ACKNOWLEDGE, value, style="primary"))
    if pending_offer is not None:
        # The value names the case and the offer, so the press edits this case's cards.
        offer = f"{case_id}:{pending_offer}"
        buttons[:0] = [Button(f"Approve offer #{pending_offer}", ActionId.APPROVE, offer, style="primary"),
                       Button(f"Deny offer #{pending_offer}", ActionId.DENY, offer, style="danger",
                              form=forms(ActionId.DENY))]
    return tuple(buttons)
