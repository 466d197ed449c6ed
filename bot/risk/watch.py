"""Watch-list changes from chat: add a phrase to a rule or the shield, mute a shipped one, list them.

The shipped files stay the reviewed base; admins' changes are rows on top of it, audited, and every
process rebuilds its analyzer when the rows change, so an entry takes effect without a restart.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from bot.i18n.language import N_, _
from bot.audit.service import record_audit
from bot.errors import UserError
from bot.risk import versions
from bot.risk.analyzer import Analyzer
from bot.risk.lexicon import Entry, Lexicon
from bot.risk.tables import RiskModel, WatchEntry
from bot.text.normalize import fold_phrase, whole

SHIELD = "shield"  # harmless contexts: a hit inside one of these phrases does not count
# Names people will type for a signal, beside the rule names themselves.
ALIASES = {"protest": "protest_violence", "violence": "protest_violence", "anger": "anger_words",
           "demand": "demand_direct", "repeat": "repeat_second", "professional": "professional_complainant",
           "harmless": SHIELD}
MAX_PHRASE = 60
USAGE = N_("Usage: watch list [signal] · watch add <signal> <phrase> [weight] · watch remove <signal> <phrase>")


def resolve_rule(lexicon: Lexicon, name: str) -> str:
    """The rule (or the shield) a typed signal name means, or a UserError listing the choices."""
    key = ALIASES.get(name.lower(), name.lower())
    if key == SHIELD or key in lexicon.rules:
        return key
    choices = ", ".join(sorted({*lexicon.rules, SHIELD}))
    raise UserError(_("“{name}” is not a watch-list signal. Choose one of: {choices}.",
                      name=name[:40], choices=choices))


def parse_entry(args: str, *, weighted: bool = True) -> tuple[str, str, int | None]:
    """Split `<signal> <phrase> [weight]`: a trailing 1-100 is the weight unless the phrase is quoted."""
    signal, _sep, rest = args.strip().partition(" ")
    rest = rest.strip()
    weight = None
    if len(rest) >= 2 and rest[0] in "\"“'「" and rest[-1] in "\"”'」":
        rest = rest[1:-1].strip()
    elif weighted:
        head, _sep, last = rest.rpartition(" ")
        if head.strip() and (number := whole(last)) is not None and 1 <= number <= 100:
            weight, rest = number, head.strip()
    if not signal or not rest:
        raise UserError(_(USAGE))
    if len(rest) > MAX_PHRASE:
        raise UserError(_("A watch-list phrase is at most {max_phrase} characters.", max_phrase=MAX_PHRASE))
    if not fold_phrase(rest):
        raise UserError(_("That phrase is empty once spaces and punctuation widths are folded."))
    return signal, rest, weight


def _kind(rule: str) -> str:
    return "shield" if rule == SHIELD else "rule"


def _active(session: Session, rule: str, phrase: str, action: str) -> WatchEntry | None:
    return session.exec(select(WatchEntry).where(
        WatchEntry.rule == rule, WatchEntry.phrase == phrase, WatchEntry.action == action,
        WatchEntry.removed_at.is_(None))).first()


def add_entry(session: Session, base: Lexicon, *, actor: str, rule: str, phrase: str, weight: int | None,
              now: datetime) -> str:
    """Put a phrase on a rule's list (or lift a mute on a shipped one); returns what was done."""
    versions.CHANGES.forget(session)
    muted = _active(session, rule, phrase, "mute")
    if muted is not None:
        muted.removed_at = now
        record_audit(session, actor=actor, action="watch.add", target=f"{rule}:{phrase}", old="muted",
                     new="shipped", now=now)
        return _("“{phrase}” is back on {rule} (shipped entry unmuted).", phrase=phrase, rule=rule)
    added = _active(session, rule, phrase, "add")
    if added is not None and added.weight == weight:
        raise UserError(_("“{phrase}” is already on {rule}.", phrase=phrase, rule=rule))
    if added is None and weight is None and base.has(phrase, _kind(rule), rule):
        raise UserError(_("“{phrase}” is already on {rule} in the shipped list.", phrase=phrase, rule=rule))
    old = None
    if added is not None:
        added.removed_at = now
        old = f"weight {added.weight}" if added.weight else "added"
    session.add(WatchEntry(rule=rule, phrase=phrase, weight=weight, action="add", created_by=actor, created_at=now))
    record_audit(session, actor=actor, action="watch.add", target=f"{rule}:{phrase}", old=old,
                 new=f"weight {weight}" if weight else "added", now=now)
    if weight:
        return _("“{phrase}” added to {rule} with weight {weight}.", phrase=phrase, rule=rule, weight=weight)
    return _("“{phrase}” added to {rule}.", phrase=phrase, rule=rule)


def remove_entry(session: Session, base: Lexicon, *, actor: str, rule: str, phrase: str, now: datetime) -> str:
    """Take a phrase off a rule's list: an added one is withdrawn, a shipped one is muted."""
    versions.CHANGES.forget(session)
    added = _active(session, rule, phrase, "add")
    if added is not None:
        added.removed_at = now
        record_audit(session, actor=actor, action="watch.remove", target=f"{rule}:{phrase}", old="added",
                     new=None, now=now)
        # An added weight may have overridden a shipped phrase, which is still there.
        return _("“{phrase}” removed from {rule}.", phrase=phrase, rule=rule)
    if not base.has(phrase, _kind(rule), rule):
        raise UserError(_("“{phrase}” is not on {rule}.", phrase=phrase, rule=rule))
    if _active(session, rule, phrase, "mute") is not None:
        raise UserError(_("“{phrase}” is already muted on {rule}.", phrase=phrase, rule=rule))
    session.add(WatchEntry(rule=rule, phrase=phrase, action="mute", created_by=actor, created_at=now))
    record_audit(session, actor=actor, action="watch.remove", target=f"{rule}:{phrase}", old="shipped",
                 new="muted", now=now)
    return _("“{phrase}” muted on {rule} (it stays in the shipped file).", phrase=phrase, rule=rule)


def active_entries(session: Session) -> list[WatchEntry]:
    return list(session.exec(select(WatchEntry).where(WatchEntry.removed_at.is_(None)).order_by(WatchEntry.id)))


def version(session: Session) -> tuple[int, int, int]:
    """Changes whenever a watch-list entry is added or withdrawn, or another team model goes live: the newest
    entry id, the withdrawn count and the active model's version, in one round trip, kept a few seconds."""
    def read() -> tuple[int, int, int]:
        newest, withdrawn, model = session.exec(select(
            select(func.max(WatchEntry.id)).scalar_subquery(),
            select(func.count(WatchEntry.removed_at)).scalar_subquery(),
            select(func.max(RiskModel.id)).where(RiskModel.status == "active").scalar_subquery())).one()
        return newest or 0, withdrawn or 0, model or 0
    return versions.CHANGES.get(session, read)


def build_analyzer(base: Lexicon, entries: list[WatchEntry], model=None) -> Analyzer:
    """The shipped lexicon with the admins' entries applied, compiled into a fresh automaton."""
    lexicon = base.copy()
    for entry in entries:
        kind = _kind(entry.rule)
        if entry.action == "mute":
            lexicon.remove(entry.phrase, kind, entry.rule)
        elif kind == "shield":
            lexicon.add(entry.phrase, Entry("shield", SHIELD))
        elif entry.rule in lexicon.rules:
            weight = entry.weight or lexicon.rules[entry.rule].weight
            lexicon.add(entry.phrase, Entry("rule", entry.rule, weight))
    return Analyzer(lexicon, model)


def describe(session: Session, base: Lexicon, rule: str | None, *, limit: int = 120) -> str:
    """The watch-list as text: per rule the shipped count and the admins' changes, or one rule's phrases."""
    entries = active_entries(session)
    if rule is None:
        lines = []
        for name in [*base.rules, SHIELD]:
            shipped = len(base.phrases(_kind(name), name))
            mine = [e for e in entries if e.rule == name]
            extra = "".join(f" · +“{e.phrase}”" + (f" ({e.weight})" if e.weight else "") for e in mine
                            if e.action == "add")
            extra += "".join(" · " + _("muted “{phrase}”", phrase=e.phrase) for e in mine if e.action == "mute")
            weight = (_(", weight {weight}, {level}", weight=base.rules[name].weight, level=_(base.rules[name].level))
                      if name in base.rules else "")
            lines.append(_("{rule}: {n} shipped{weight}{extra}", rule=name, n=shipped, weight=weight, extra=extra))
        return "\n".join(lines)
    shipped = base.phrases(_kind(rule), rule)
    mine = [e for e in entries if e.rule == rule]
    muted = {fold_phrase(e.phrase) for e in mine if e.action == "mute"}
    lines = [_("added: “{phrase}”", phrase=e.phrase) + (_(" (weight {weight})", weight=e.weight) if e.weight else "")
             for e in mine if e.action == "add"]
    lines += [_("muted: “{phrase}”", phrase=e.phrase) for e in mine if e.action == "mute"]
    shown = [p for p in shipped if p not in muted]
    listing = " · ".join(shown[:limit]) + (_(" … and {n} more", n=len(shown) - limit) if len(shown) > limit else "")
    lines.append(_("shipped ({n}): {phrases}", n=len(shown), phrases=listing))
    return "\n".join(lines)


class LiveAnalyzer:
    """The shipped analyzer with the admins' watch-list rows applied and the team's active model, rebuilt
    only when either changes.

    Each process checks both versions on use, so a phrase added or a model activated through one replica
    counts on every one, without a restart.
    """

    def __init__(self, shipped: Analyzer) -> None:
        self.base_lexicon = shipped.lexicon
        self.shipped = shipped
        self.analyzer = shipped
        self._version = (0, 0, 0)

    def current(self, session: Session) -> Analyzer:
        now = version(session)
        if now != self._version:
            newest, withdrawn, model_version = now
            analyzer = (build_analyzer(self.base_lexicon, active_entries(session), self.shipped.model)
                        if (newest, withdrawn) != (0, 0) else self.shipped)
            if model_version:
                analyzer = analyzer.with_model(versions.load(versions.active(session)))
            self.analyzer, self._version = analyzer, now
        return self.analyzer
