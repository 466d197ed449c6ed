"""What the playbook registers: another version of the reply, marking it sent, and checking a draft."""

from __future__ import annotations

from bot.i18n.language import N_, _
from bot.audit.service import record_audit
from bot.authority.handlers import offer
from bot.cases import service as cases
from bot.cases.handlers import case_button
from bot.cases.tables import Case
from bot.commands.context import Context
from bot.commands.registry import Action, Command, Fact, Registry
from bot.errors import UserError
from bot.messages import ActionId, Form, FormField, MessageRef, Outbound, answer
from bot.playbook import service as playbook
from bot.playbook.lint import lint
from bot.tiers.handlers import escalate


def another_reply(ctx: Context, case: Case, here: MessageRef | None = None) -> list[Outbound]:
    case.reply_variant += 1
    return ctx.updates(case, here)


def mark_sent(ctx: Context, case: Case, here: MessageRef | None = None) -> list[Outbound]:
    """The customer was answered: recorded on the case (the SLA clocks read it) and audited; what the
    suggested reply told them was done (an escalation, an approval request) is done now if it was not."""
    if case.status == "resolved":
        raise UserError(_("Case #{id} is resolved.", id=case.id))
    reply = playbook.case_reply(ctx.session, case, ctx.analyzer(), now=ctx.now, zone=ctx.team.zone)
    kept = []
    for action, target in playbook.open_commits(ctx.session, case, reply[0]) if reply else ():
        if action == "escalate":
            kept += escalate(ctx, case, _("promised in the reply sent to the customer: {target}", target=target), here)
        elif action == "approval":
            kept += offer(ctx, case, target, here)
    old = case.answered_at.isoformat() if case.answered_at else None
    case.answered_at, case.updated_at = ctx.now, ctx.now
    ctx.emit(Fact.REPLIED, case)
    record_audit(ctx.session, actor=ctx.member.ref, action="case.replied", target=f"case:{case.id}", old=old,
                 new=ctx.now.isoformat(), now=ctx.now)
    return kept + ctx.updates(case, here) + answer(
        _("Recorded: {display_name} answered the customer on case #{id}.",
          display_name=ctx.member.display_name, id=case.id), case_id=case.id)


def check_draft(ctx: Context, case: Case | None, draft: str) -> list[Outbound]:
    """The checker's findings on a draft, read for this case's customer (script, limit) when there is a case."""
    if not draft.strip():
        raise UserError(_("Paste the draft reply to check."))
    lang, limit, complaint = None, None, True
    if case is not None:
        reply = playbook.case_reply(ctx.session, case, ctx.analyzer(), now=ctx.now, zone=ctx.team.zone)
        if reply is not None:
            lang, limit, complaint = reply[0].lang, reply[1].limit, case.level != "none"
    findings = lint(draft, lang=lang, limit=limit, complaint=complaint)
    if not findings:
        return answer(_("No findings: the draft reads well."), title=_("Draft check"))
    lines = [(f"“{draft[f.start:f.end]}” " if f.end > f.start else "") + f.why + " " + _("Try: {rewrite}", rewrite=f.rewrite)
             for f in findings]
    return answer("\n".join(lines), title=_("Draft check · {findings} finding(s)", findings=len(findings)))


def _cmd_lint(ctx: Context, args: str) -> list[Outbound]:
    first, _sep, rest = args.strip().partition(" ")
    if first.lstrip("#").isdigit() and rest.strip():
        return check_draft(ctx, cases.get_case(ctx.session, first), rest)
    return check_draft(ctx, None, args)


def register(registry: Registry) -> None:
    registry.command(Command("replied", "replied <case>", "record that the customer was answered",
                             lambda ctx, args: mark_sent(ctx, cases.case_and_rest(ctx.session, args)[0])))
    registry.command(Command("lint", "lint [case] <draft reply>", "check a draft reply before you send it", _cmd_lint))
    registry.action(Action(ActionId.ANOTHER_REPLY, case_button(lambda ctx, case, event: another_reply(ctx, case, event.message))))
    registry.action(Action(ActionId.MARK_SENT, case_button(lambda ctx, case, event: mark_sent(ctx, case, event.message))))
    registry.action(Action(
        ActionId.CHECK_DRAFT, case_button(lambda ctx, case, event: check_draft(ctx, case, event.inputs.get("draft", ""))),
        form=Form(N_("Check my draft"), (FormField("draft", N_("Your draft reply"), multiline=True),),
                  submit_label=N_("Check"))))
