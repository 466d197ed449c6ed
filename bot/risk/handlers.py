"""What the risk capability registers: the watch-lists and the team model (admin), and the retrain timer."""

from __future__ import annotations

import json

from sqlmodel import Session

from bot.i18n.language import N_, _
from bot.commands.context import Context, Team
from bot.commands.registry import Command, Registry, TimerKind
from bot.errors import UserError
from bot.events import TimerFired
from bot.members.service import list_members, read_as
from bot.messages import Outbound, answer, direct
from bot.risk import versions, watch
from bot.risk.learn import primary
from bot.text.normalize import whole

MODEL_USAGE = N_("Usage: model status · model history · model train [force] · model rollback · "
               "model auto <n corrections> · model auto off")
SYSTEM_ACTOR = "system:model"


def _cmd_watch(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    verb, base, s = verb.lower(), ctx.team.analyzers.base_lexicon, ctx.session
    if verb in ("", "list"):
        rule = watch.resolve_rule(base, rest.strip()) if rest.strip() else None
        return answer(watch.describe(s, base, rule), title=_("Watch-list: {rule}", rule=rule) if rule else _("Watch-lists"))
    if verb not in ("add", "remove"):
        raise UserError(_(watch.USAGE))
    signal, phrase, weight = watch.parse_entry(rest, weighted=verb == "add")
    rule = watch.resolve_rule(base, signal)
    if verb == "add":
        said = watch.add_entry(s, base, actor=ctx.member.ref, rule=rule, phrase=phrase, weight=weight, now=ctx.now)
    else:
        said = watch.remove_entry(s, base, actor=ctx.member.ref, rule=rule, phrase=phrase, now=ctx.now)
    return answer(said + _(" It applies to the next message analysed."))


def _cmd_model(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    verb, s = verb.lower(), ctx.session
    if verb in ("", "status"):
        row = versions.active(s)
        policy = versions.auto_policy(s)
        lines = [_("In use: {model}", model="team-v" + str(row.id) if row else ctx.analyzer().model.name) + " "
                 + (_("(trained on {examples} examples, active since {activated_at})",
                      examples=row.examples, activated_at=format(row.activated_at, "%Y-%m-%d %H:%M")) if row else
                    _("(the shipped model)")),
                 _("Labelled examples: {value}; corrections since the last training: {value2}",
                   value=versions.example_count(s), value2=versions.corrections_since_training(s)),
                 _("Retrains by itself after {after} new corrections", after=policy['after']) if policy.get("after")
                 else _("Retraining by itself is off")]
        if row:
            lines += versions.report_lines(json.loads(row.figures))
        return answer("\n".join(lines), title=_("Risk model"))
    if verb == "history":
        rows = versions.history(s)
        lines = [_("v{id} · {status} · {created_at} by {created_by} · {examples} examples · {value} vs "
                   "{value2}",
                   id=r.id, status=r.status, created_at=format(r.created_at, "%Y-%m-%d %H:%M"), created_by=r.created_by, examples=r.examples, value=format(primary(json.loads(r.figures)['model']), ".3f"), value2=format(primary(json.loads(r.figures)['engine']), ".3f"))
                 for r in rows]
        return answer("\n".join(lines) or _("No team model has been trained yet; the shipped model is in use."),
                      title=_("Model history"))
    if verb == "train":
        done = versions.train(s, current=ctx.analyzer(), actor=ctx.member.ref, now=ctx.now, force=rest.strip() == "force")
        return answer(_trained(done), title=_("Model team-v{id}", id=done.row.id))
    if verb == "rollback":
        return answer(_("Rolled back: {value} is in use now.",
                        value=versions.rollback(s, actor=ctx.member.ref, now=ctx.now)))
    if verb == "auto":
        value = rest.strip().lower()
        if value == "off":
            after = 0
        elif (number := whole(value)) is not None and 1 <= number <= 100_000:
            after = number
        else:
            raise UserError(_(MODEL_USAGE))
        versions.set_auto(s, {"after": after}, actor=ctx.member.ref, now=ctx.now)
        return answer(_("Retrains by itself after {after} new corrections.", after=after) if after else _("Retraining by itself is off."))
    raise UserError(_(MODEL_USAGE))


def _trained(done: versions.Trained) -> str:
    verdict = (_("team-v{id} is active.", id=done.row.id) if done.activated
               else _("team-v{id} was not activated: it did not do better than the current engine (`model "
                      "train force` activates it anyway).",
                      id=done.row.id))
    return "\n".join([verdict, *versions.report_lines(done.report)])


def retrain(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    """Enough corrections gathered: train, check, and tell the admins what changed."""
    try:
        done = versions.train(session, current=team.analyzers.current(session), actor=SYSTEM_ACTOR, now=team.now())
    except UserError as exc:
        failed = exc
    else:
        failed = None

    def text() -> str:
        if failed is not None:
            return _("The team model was due for retraining but was not trained: {exc}", exc=failed)
        return _("The team model was retrained from the agents' corrections.\n") + _trained(done)
    outs = []
    for admin in (m for m in list_members(session) if m.role == "admin"):
        with read_as(session, admin):
            outs.append(direct(admin.ref, text()))
    return outs


def register(registry: Registry) -> None:
    registry.command(Command("model", "model status · model history · model train [force] · model rollback · "
                             "model auto <n>|off", "the team's learned risk model: check, train, undo", _cmd_model,
                             role="admin"))
    registry.timer(TimerKind(versions.RETRAIN_KIND, retrain))
    registry.command(Command("watch", "watch list [signal] · watch add|remove <signal> <phrase> [weight]",
                             "the risk watch-lists: what raises a flag, and harmless contexts (shield)", _cmd_watch,
                             role="admin"))
