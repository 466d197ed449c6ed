"""Suggested replies: the five playbook moves, composed from per-script templates and grounded in the case."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime
from pathlib import Path

from bot.money import Money
from bot.playbook.lint import Finding, lint, money_mentions
from bot.playbook.timing import say_by
from bot.risk.analyzer import RiskAssessment
from bot.sla.rules import default_policy, parse_duration
from bot.text.normalize import to_script, to_simplified, zh_script

TEMPLATES = Path(__file__).with_name("templates")
HELPLINES = Path(__file__).with_name("helplines.toml")  # crisis lines by region, kept by the admins
ENQUIRY_MINUTES = 30  # an enquiry is answered within the time a high-risk case gets its next update
MOVES = ("apology", "empathy", "confirm", "solution", "thanks")
RAMBLING_CHARS = 280  # a message this long gets a summary to confirm rather than a one-line restatement
# Cantonese words: a Hong Kong customer gets Hong Kong wording.
_CANTONESE = re.compile(r"[嘅咗唔係啲冇佢哋喺嚟乜嘢]")
# An order number has a digit in it: "my order still hasn't arrived" names no order.
_ORDER = re.compile(r"(?:订单|訂單|单号|單號|order)\s*(?:号|號|编号|編號|no\.?|number|#)?\s*[:：#]?\s*"
                    r"((?=[A-Za-z-]*\d)[A-Za-z0-9-]{5,30})(?![A-Za-z0-9-])", re.IGNORECASE)
SYMBOLS = {"CNY": "¥", "TWD": "NT$", "HKD": "HK$", "USD": "$"}


@dataclass(frozen=True)
class Tier:
    """A rung of the ladder as the reply needs it: its name and what it may grant this customer."""

    grade: str
    name: str
    limit: Money | None


@dataclass(frozen=True)
class ReplyContext:
    """What the case knows beyond the message: who the customer is and what the agent may offer."""

    name: str | None = None
    limit: Money | None = None  # the acting agent's limit for this customer
    tiers: tuple[Tier, ...] = ()  # lowest to highest
    escalation_tier: str | None = None  # the tier a high-risk case goes to
    level: str | None = None  # the case's level, when it is higher than the message's
    seed: str = ""  # stable per case, so the same case gets the same words
    variant: int = 0  # "another version" moves this on
    policy: dict | None = None  # the case's SLA policy; the shipped defaults when None
    now: datetime | None = None  # in the team's zone; with `deadlines`, replies name times from the clocks
    deadlines: dict[str, datetime] = field(default_factory=dict)  # clock kind -> deadline, team's zone
    script: dict[str, str] = field(default_factory=dict)  # an incident's unified reply, by language
    earlier: tuple[str, ...] | None = None  # on a follow-up message: what the customer asked for before (maybe nothing)


@dataclass(frozen=True)
class OfferPlan:
    amount: Money
    within_authority: bool
    approver_tier: str | None

    def as_json(self) -> dict:
        return {"amount": self.amount.minor / 100, "currency": self.amount.currency,
                "within_authority": self.within_authority, "approver_tier": self.approver_tier}


@dataclass(frozen=True)
class Suggestion:
    lang: str
    reply: str
    moves: tuple[tuple[str, str], ...]
    alternatives: tuple[str, ...] = ()
    offer: OfferPlan | None = None
    clarifying_question: str | None = None
    lint: tuple[Finding, ...] = field(default_factory=tuple)
    # What the reply tells the customer has been done: ("escalate", tier name) and ("approval", amount).
    # Marking the reply sent makes each of them true on the case, if it is not already.
    commits: tuple[tuple[str, str], ...] = ()

    def as_json(self, id=None) -> dict:
        return {"id": id, "lang": self.lang, "reply": self.reply,
                "moves": [{"move": m, "text": t} for m, t in self.moves],
                "alternatives": list(self.alternatives), "offer": self.offer.as_json() if self.offer else None,
                "clarifying_question": self.clarifying_question, "lint": [f.as_json() for f in self.lint],
                "commits": [{"action": a, "to": v} for a, v in self.commits]}


@lru_cache(maxsize=4)
@lru_cache(maxsize=None)
def templates(lang: str) -> dict:
    with (TEMPLATES / f"{lang}.toml").open("rb") as fh:
        return tomllib.load(fh)


def commitment_minutes(policy: dict, level: str, clock: str) -> int:
    """The time a reply commits to: the case's SLA window (next update for the next step, resolution for
    the follow-up), so a reply never promises less than the clock the team is held to."""
    return parse_duration(policy["levels"][level][clock]) // 60


def reply_script(text: str, lang: str) -> str:
    """The script a reply is written in: the customer's own."""
    if lang in ("zh-Hans", "zh-Hant", "en"):
        return lang
    han = "".join(re.findall(r"[\u3400-\u9fff]", text))
    return zh_script(han) if han else "en"


def money_text(money: Money, lang: str) -> str:
    major = f"{money.minor // 100:,}" if money.minor % 100 == 0 else f"{money.minor / 100:,.2f}"
    symbol = SYMBOLS.get(money.currency)
    if symbol:
        return f"{symbol}{major}"
    return f"{money.currency} {major}"


def _duration(minutes: int, words: dict) -> str:
    if minutes < 60:
        return words["minutes"].format(n=minutes)
    return words["hours"].format(n=minutes // 60)


def _pick(options: list[str], *, seed: str, move: str, variant: int) -> str:
    digest = int(hashlib.sha1(f"{seed}|{move}".encode()).hexdigest()[:8], 16)
    return options[(digest + variant) % len(options)]


def plan_offer(text: str, a: RiskAssessment, ctx: ReplyContext) -> OfferPlan | None:
    """Money only where the customer asks for compensation: within the agent's limit, else to the tier that may."""
    if "compensation" not in a.demands:
        return None
    level = ctx.level or a.level
    currency = ctx.limit.currency if ctx.limit else "CNY"
    asked = max((m.money for m in money_mentions(text, default_currency=currency)), key=lambda m: m.minor, default=None)
    limit = ctx.limit
    if asked is not None:
        if level != "high_risk" and limit is not None and asked.currency == limit.currency \
                and asked.minor <= limit.minor:
            return OfferPlan(asked, True, None)
        covering = next((t.name for t in ctx.tiers if t.limit is not None and t.limit.currency == asked.currency
                         and t.limit.minor >= asked.minor), ctx.tiers[-1].name if ctx.tiers else None)
        # A high-risk case's money is decided by the tier it is escalated to.
        approver = ctx.escalation_tier or covering if level == "high_risk" else covering
        return OfferPlan(asked, False, approver)
    # A high-risk case goes to its tier, which decides on money; the frontline does not pre-empt it.
    if limit is None or limit.minor <= 0 or level == "high_risk":
        return None
    # Without a figure from the customer, half the limit (whole units) as a goodwill gesture: room is left to settle.
    amount = limit.minor // 200 * 100
    return OfferPlan(Money(amount, limit.currency), True, None) if amount > 0 else None


def suggest(text: str, a: RiskAssessment, ctx: ReplyContext = ReplyContext()) -> Suggestion:
    """A reply the agent can send as it is, in the customer's script, within what the agent may offer."""
    lang = reply_script(text, a.lang)
    level = ctx.level or a.level
    first = _compose(text, a, ctx, lang, ctx.variant)
    other = _compose(text, a, ctx, lang, ctx.variant + 1)
    wanted = read_wants(text, a, ctx, lang)
    return Suggestion(lang=lang, reply=first[0], moves=first[1], alternatives=(other[0],) if other[0] != first[0] else (),
                      offer=first[2], clarifying_question=wanted.question if level != "none" else None,
                      lint=tuple(lint(first[0], lang=lang, limit=ctx.limit, complaint=level != "none")),
                      commits=first[3])


def _compose(text: str, a: RiskAssessment, ctx: ReplyContext, lang: str, variant: int):
    t = templates(lang)
    words = t["words"]
    seed = ctx.seed or text
    level = ctx.level or a.level
    greeting = words["greeting_named"].format(name=ctx.name) if ctx.name else words["greeting"]
    policy = ctx.policy or default_policy()

    def by(clock: str) -> str:
        """When the reply says it comes back: the case's clock when known, else its policy's window."""
        due = ctx.deadlines.get(clock)
        if due is not None and ctx.now is not None:
            return say_by(due, ctx.now, words["when"])
        return _duration(commitment_minutes(policy, level, clock), words["when"])

    def pick(move: str, key: str, **values) -> str:
        options = t[move].get(key) or t[move]["default"]
        return _pick(options, seed=seed, move=f"{move}:{key}", variant=variant).format(**values)

    if level == "none":
        answer = pick("enquiry", "default", greeting=greeting,
                      when=_duration(ENQUIRY_MINUTES, words["when"]))
        return _localise(answer, text, lang, t), (("answer", _localise(answer, text, lang, t)),), None, ()

    if any(tr.signal == "self_harm" for tr in a.triggers):
        return _care(t, lang, greeting, ctx, text)

    harm = next((tr.phrase for tr in a.triggers if tr.signal == "harm"), None)
    order = _ORDER.search(text)
    # Name the experience only when the category is clear: a wrong specific apology is worse than a plain one.
    topic = words["topic"].get(a.category if a.category_clear or harm else "other", words["topic"]["other"])
    wanted = read_wants(text, a, ctx, lang)
    wants = words["or" if wanted.either else "and"].join(words["wants"][d] for d in wanted.demands if d in words["wants"])
    tier_key = ctx.escalation_tier or "lead"
    if "manager" in a.signals:
        # Someone asked for a manager gets a supervisor at least, whatever the grade says.
        grades = {t.name: t.grade for t in ctx.tiers}
        supervisor = next((t.name for t in ctx.tiers if t.grade == "D"), "lead")
        if grades.get(tier_key, "F") in ("F", "E"):
            tier_key = supervisor
    tier = words["tier"].get(tier_key, tier_key)
    values = {
        "topic": topic, "order": words["order"].format(order=order.group(1)) if order else "", "harm": harm or "",
        "wants": wants, "question": wanted.question or "", "tier": tier,
        "when": by("update"),
        "summary": topic + (words["summary_wants"].format(wants=wants) if wants else ""),
    }
    offer = plan_offer(text, a, ctx)

    apology = pick("apology", "harm" if harm else "default", **values)
    empathy = pick("empathy", "harm" if harm else a.style, **values)
    manager = "manager" in a.signals
    if harm and not a.demands:
        confirm = pick("confirm", "harm", **values)
    elif manager and not set(a.demands) - {"explanation", "apology"}:
        confirm = pick("confirm", "manager", **values)
    elif wanted.follow_up and wants:
        confirm = pick("confirm", "follow_up", **values)
    elif wanted.question:
        confirm = pick("confirm", "ask", **values)
    elif len(text) > RAMBLING_CHARS:
        confirm = pick("confirm", "summary", **values)
    else:
        confirm = pick("confirm", "want", **values)

    commits: tuple[tuple[str, str], ...] = ()
    if harm:
        solution = pick("solution", "harm", **values)
        commits = (("escalate", tier_key),)
    elif level == "high_risk" or manager:
        solution = pick("solution", "escalate", **values)
        commits = (("escalate", tier_key),)
    elif offer is not None and not offer.within_authority:
        approver = words["tier"].get(offer.approver_tier or "lead", offer.approver_tier or "lead")
        solution = pick("solution", "approval", **{**values, "tier": approver})
        commits = (("approval", str(offer.amount)),)
    else:
        key = next((d for d in ("refund", "correct", "ship", "replace", "repair", "cancel") if d in wanted.demands
                    and d in t["solution"]), "default")
        solution = pick("solution", key, **values)
    unified = incident_script(ctx.script, lang)
    if unified:
        # One incident, one answer (统一话术): its script is the solution; an escalation or an approval the
        # reply commits to still stands beside it.
        solution = unified + (words["join"] + solution if commits else "")
    if offer is not None and offer.within_authority:
        goodwill = pick("solution", "goodwill", **{**values, "offer": money_text(offer.amount, lang)})
        solution = solution + words["join"] + goodwill
    thanks = pick("thanks", "default", **{**values, "when": by("resolve")})

    moves = tuple((name, _localise(body, text, lang, t))
                  for name, body in zip(MOVES, (apology, empathy, confirm, solution, thanks)))
    joiner = words["join"]
    reply = _localise(greeting, text, lang, t) + joiner + joiner.join(body for _, body in moves)
    return reply, moves, offer, commits


# A remedy that does not fit the problem is read as the one that does: "fix this" on a wrong charge is a
# correction, not a repair; on an order that has not come, sending it. A refund asked for as well covers it.
REMEDY_FOR = {"refund_billing": {"repair": "correct"}, "delivery": {"repair": "ship"}}
# "Either a replacement or my money back": the customer offers a choice, not a list.
_EITHER = re.compile(r"要么|要麼|或者|或是|(?<![还還])或(?![许許者])|[还還]是(?=.{0,3}[退换換修补補赔賠取])"
                     r"|\beither\b|\bwhichever\b|\bor\b", re.IGNORECASE)


@dataclass(frozen=True)
class Wants:
    demands: tuple[str, ...]  # what the customer wants, in remedies that fit the problem
    either: bool  # they offered alternatives: any one of them will do
    question: str | None  # what to ask when they have not said (in their script, fitting the problem)
    follow_up: bool  # a later message of the case: what they asked before is known, not asked again


def read_wants(text: str, a: RiskAssessment, ctx: ReplyContext, lang: str) -> Wants:
    """What the customer wants, read with the problem and the case: remedies that fit the category, alternatives
    as a choice, and on a follow-up what they asked for before."""
    fit = REMEDY_FOR.get(a.category, {})
    asked = (*(ctx.earlier or ()), *a.demands)
    demands = tuple(dict.fromkeys(fit.get(d, d) for d in asked if not (d in fit and "refund" in asked)))
    either = len(a.demands) >= 2 and _EITHER.search(text) is not None
    question = None
    if not demands and a.need_question:
        question = templates(lang)["words"]["ask"].get(a.category, a.need_question)
    return Wants(demands, either, question, follow_up=bool(ctx.earlier))


def incident_script(scripts: dict[str, str], lang: str) -> str:
    """The incident's unified reply in the customer's script: as written for it, else the Chinese one converted
    between Simplified and Traditional, else nothing (a Chinese script is no answer to an English customer)."""
    if scripts.get(lang):
        return scripts[lang]
    for other in ("zh-Hans", "zh-Hant"):
        if lang.startswith("zh") and scripts.get(other):
            return to_script(to_simplified(scripts[other]), lang)
    return ""


@lru_cache(maxsize=1)
def helplines() -> dict:
    with HELPLINES.open("rb") as fh:
        return tomllib.load(fh)


def helpline(lang: str) -> str:
    """The crisis line for the customer's script, from the admins' file."""
    lines = helplines()
    region = lines["scripts"].get(lang, "CN" if lang != "en" else "US")
    return lines["regions"].get(region, {}).get("line", "")


def _care(t: dict, lang: str, greeting: str, ctx: ReplyContext, text: str):
    """Care first for a person in distress: no bargaining and no offer; a lead calls now; the help line."""
    care = t["care"]
    tier = t["words"]["tier"].get("lead", "lead")
    bodies = [care[move][0].format(tier=tier, helpline=helpline(lang)) for move in MOVES]
    moves = tuple((name, _localise(body, text, lang, t)) for name, body in zip(MOVES, bodies))
    joiner = t["words"]["join"]
    reply = _localise(greeting, text, lang, t) + joiner + joiner.join(body for _, body in moves)
    return reply, moves, None, (("escalate", "lead"),)


def _localise(body: str, text: str, lang: str, t: dict) -> str:
    """Hong Kong wording for a customer who writes Cantonese."""
    if lang != "zh-Hant" or not _CANTONESE.search(text):
        return body
    for taiwan, hong_kong in t.get("hk", {}).items():
        body = body.replace(taiwan, hong_kong)
    return body
