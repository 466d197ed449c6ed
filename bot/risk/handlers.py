"""What the risk capability registers: the watch-lists and the team model (admin), and the retrain timer."""

from __future__ import annotations

import json

from sqlmodel import Session

from bot.commands.context import Context, Team
from bot.commands.registry import Command, Registry, TimerKind
from bot.errors import UserError
from bot.events import TimerFired
from bot.members.service import list_members
from bot.messages import Outbound, answer, direct
from bot.risk import versions, watch
from bot.risk.learn import primary
from bot.text.normalize import whole

MODEL_USAGE = ("Usage: model status · model history · model train [force] · model rollback · "
               "model auto <n corrections> · model auto off")
SYSTEM_ACTOR = "system:model"


def _cmd_watch(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb, base, s = verb.lower(), ctx.team.analyzers.base_lexicon, ctx.session
    if verb in ("", "list"):
        rule = watch.resolve_rule(base, rest.strip()) if rest.strip() else None
        return answer(watch.describe(s, base, rule), title=f"Watch-list: {rule}" if rule else "Watch-lists")
    if verb not in ("add", "remove"):
        raise UserError(watch.USAGE)
    signal, phrase, weight = watch.parse_entry(rest, weighted=verb == "add")
    rule = watch.resolve_rule(base, signal)
    if verb == "add":
        said = watch.add_entry(s, base, actor=ctx.member.ref, rule=rule, phrase=phrase, weight=weight, now=ctx.now)
    else:
        said = watch.remove_entry(s, base, actor=ctx.member.ref, rule=rule, phrase=phrase, now=ctx.now)
    return answer(said + " It applies to the next message analysed.")


def _cmd_model(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb, s = verb.lower(), ctx.session
    if verb in ("", "status"):
        row = versions.active(s)
        policy = versions.auto_policy(s)
        lines = [f"In use: {row and f'team-v{row.id}' or ctx.analyzer().model.name} "
                 + (f"(trained on {row.examples} examples, active since {row.activated_at:%Y-%m-%d %H:%M})" if row else
                    "(the shipped model)"),
                 f"Labelled examples: {versions.example_count(s)}; corrections since the last training: "
                 f"{versions.corrections_since_training(s)}",
                 f"Retrains by itself after {policy['after']} new corrections" if policy.get("after")
                 else "Retraining by itself is off"]
        if row:
            lines += versions.report_lines(json.loads(row.figures))
        return answer("\n".join(lines), title="Risk model")
    if verb == "history":
        rows = versions.history(s)
        lines = [f"v{r.id} · {r.status} · {r.created_at:%Y-%m-%d %H:%M} by {r.created_by} · {r.examples} examples · "
                 f"{primary(json.loads(r.figures)['model']):.3f} vs {primary(json.loads(r.figures)['engine']):.3f}"
                 for r in rows]
        return answer("\n".join(lines) or "No team model has been trained yet; the shipped model is in use.",
                      title="Model history")
    if verb == "train":
        done = versions.train(s, current=ctx.analyzer(), actor=ctx.member.ref, now=ctx.now, force=rest.strip() == "force")
        return answer(_trained(done), title=f"Model team-v{done.row.id}")
    if verb == "rollback":
        return answer(f"Rolled back: {versions.rollback(s, actor=ctx.member.ref, now=ctx.now)} is in use now.")
    if verb == "auto":
        value = rest.strip().lower()
        if value == "off":
            after = 0
        elif (number := whole(value)) is not None and 1 <= number <= 100_000:
            after = number
        else:
            raise UserError(MODEL_USAGE)
        versions.set_auto(s, {"after": after}, actor=ctx.member.ref, now=ctx.now)
        return answer(f"Retrains by itself after {after} new corrections." if after else "Retraining by itself is off.")
    raise UserError(MODEL_USAGE)


def _trained(done: versions.Trained) -> str:
    verdict = (f"team-v{done.row.id} is active." if done.activated
               else f"team-v{done.row.id} was not activated: it did not do better than the current engine "
                    "(`model train force` activates it anyway).")
    return "\n".join([verdict, *versions.report_lines(done.report)])


def retrain(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    """Enough corrections gathered: train, check, and tell the admins what changed."""
    try:
        done = versions.train(session, current=team.analyzers.current(session), actor=SYSTEM_ACTOR, now=team.now())
    except UserError as exc:
        text = f"The team model was due for retraining but was not trained: {exc}"
    else:
        text = "The team model was retrained from the agents' corrections.\n" + _trained(done)
    return [direct(m.ref, text) for m in list_members(session) if m.role == "admin"]


def register(registry: Registry) -> None:
    registry.command(Command("model", "model status · model history · model train [force] · model rollback · "
                             "model auto <n>|off", "the team's learned risk model: check, train, undo", _cmd_model,
                             role="admin"))
    registry.timer(TimerKind(versions.RETRAIN_KIND, retrain))
    registry.command(Command("watch", "watch list [signal] · watch add|remove <signal> <phrase> [weight]",
                             "the risk watch-lists: what raises a flag, and harmless contexts (shield)", _cmd_watch,
                             role="admin"))
