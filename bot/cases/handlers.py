"""What the cases capability registers: looking at cases, taking ownership, notes."""

from __future__ import annotations

from bot.i18n.language import N_, _
from bot.cases import correction
from bot.cases import service as cases
from bot.cases.tables import Case
from bot.commands.context import Context
from bot.commands.registry import Action, Command, Fact, Registry
from bot.errors import UserError
from bot.events import ActionInvoked
from bot.members.tables import ROLES
from bot.messages import ActionId, Form, FormField, MessageRef, Outbound, answer


def show(ctx: Context, case: Case) -> list[Outbound]:
    return [Outbound(ctx.card(case), private=True, case_id=case.id)]


def note(ctx: Context, case: Case, text: str, here: MessageRef | None = None) -> list[Outbound]:
    cases.add_note(ctx.session, case, ctx.member, text, now=ctx.now)
    return ctx.updates(case, here) + answer(_("Note added to case #{id}.", id=case.id), case_id=case.id)


def correct(ctx: Context, case: Case, text: str, here: MessageRef | None = None) -> list[Outbound]:
    """"Level wrong?": the case takes the level a person gave it, and the message becomes a labelled example."""
    words = text.split()
    if not words:
        raise UserError(_(correction.USAGE))
    done = correction.correct_level(ctx.session, case, ctx.member, level=words[0],
                                    category=words[1] if len(words) > 1 else None, now=ctx.now)
    ctx.emit(Fact.RELEVELED, case)
    said = _("Case #{id} is {new} now ({verb} from {old}); the message is kept as a labelled example.",
             id=case.id, new=done.new, verb=done.verb, old=done.old)
    if done.retrain_due:
        said += _(" Enough corrections have gathered: the team model will be retrained and checked.")
    return ctx.updates(case, here) + answer(said, case_id=case.id)


def _cmd_correct(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    if verb.lower() == "lowering":
        role = rest.strip().lower()
        if role not in ROLES:
            raise UserError(_("correct lowering <role>: roles are {value}.", value=', '.join(ROLES)))
        correction.set_lowering_role(ctx.session, role, actor=ctx.member.ref, now=ctx.now)
        return answer(_("Lowering a high-risk case now needs the {role} role or above.", role=role))
    return correct(ctx, *cases.case_and_rest(ctx.session, args))


def _cmd_cases(ctx: Context, args: str) -> list[Outbound]:
    rows = cases.open_cases(ctx.session, limit=20)
    if not rows:
        return answer(_("No open cases."))
    lines = []
    for c in rows:
        view = cases.case_view(ctx.session, c)
        lines.append(f"#{c.id} · {c.level} · {c.score}/100 · {view.customer} · {view.owner or 'unassigned'}")
    return answer("\n".join(lines), title=_("Open cases"))


def case_button(run):
    """A button handler from an operation on the case its value names."""
    def handler(ctx: Context, event: ActionInvoked) -> list[Outbound]:
        case, _unused = cases.button_case(ctx.session, event.value)
        return run(ctx, case, event)
    return handler


def register(registry: Registry) -> None:
    registry.command(Command("case", "case <id>", "show a case's card",
                             lambda ctx, args: show(ctx, cases.case_and_rest(ctx.session, args)[0])))
    registry.command(Command("cases", "cases", "list open cases, riskiest first", _cmd_cases))
    registry.command(Command("note", "note <case> <text>", "add a note to a case",
                             lambda ctx, args: note(ctx, *cases.case_and_rest(ctx.session, args))))
    registry.command(Command("correct", "correct <case> <none|potential|explicit|high_risk> [category] · "
                             "correct lowering <role>", "the level is wrong: set it, and teach the team model",
                             _cmd_correct, verb_roles={"lowering": "admin"}))
    registry.action(Action(
        ActionId.CORRECT_LEVEL,
        case_button(lambda ctx, case, event: correct(ctx, case, event.inputs.get("level", ""), event.message)),
        form=Form(N_("Level wrong?"), (FormField(
            "level", N_("The right level"), placeholder=N_("none · potential · explicit · high_risk (then a category)")),),
            submit_label=N_("Correct"))))
    registry.action(Action(ActionId.SHOW_CASE, case_button(lambda ctx, case, event: show(ctx, case))))
    registry.action(Action(
        ActionId.ADD_NOTE, case_button(lambda ctx, case, event: note(ctx, case, event.inputs.get("text", ""), event.message)),
        form=Form(N_("Add a note"), (FormField("text", N_("Note"), multiline=True,
                                                         placeholder=N_("What happened, what was agreed")),),
                  submit_label=N_("Save note"))))
