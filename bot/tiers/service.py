"""The tier ladder in the database: tiers, their members and places, grading, and escalating a case."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from bot.i18n.language import _
from bot.audit.service import record_audit
from bot.cases.tables import Case, Customer
from bot.errors import NotFound, Refused, UserError
from bot.members.tables import Member
from bot.messages import MessageRef
from bot.tiers.rules import (GRADES, GradingMatrix, default_matrix, escalation_target, grade_case, grade_rank,
                             valid_grade)
from bot.store.kept import read_once
from bot.store.setting import read_setting, write_setting
from bot.tiers.tables import Escalation, Tier

PLATFORMS = ("slack", "telegram", "web")
_TIER_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_PLACE = re.compile(r"^(slack|telegram|web):[A-Za-z0-9_.@-]{1,100}$")
_SLACK_CHANNEL = re.compile(r"^<#([CDG][A-Z0-9]+)(?:\|[^>]*)?>$")
GRADING_KEY = "grading"


def ladder(session: Session) -> list[Tier]:
    """The tiers from F (lowest) to A (highest)."""
    return list(read_once(session, ("ladder",), lambda: sorted(session.exec(select(Tier)),
                                                                key=lambda t: grade_rank(t.grade))))


def find_tier(session: Session, name: str) -> Tier:
    """A tier by name or by grade letter, or a UserError naming the tiers there are."""
    key = name.strip().lower()
    tiers = ladder(session)
    for tier in tiers:
        if tier.name == key or (len(key) == 1 and tier.grade == key.upper()):
            return tier
    raise NotFound(_("No tier “{name}”. Tiers: ", name=name[:40]) + ", ".join(f"{t.name} ({t.grade})" for t in tiers) + ".")


def member_grade(member: Member) -> str:
    """The grade of the tier a member sits in; members in no tier are frontline (F)."""
    return member.tier if member.tier in GRADES else "F"


def tier_members(session: Session, grade: str) -> list[Member]:
    return list(session.exec(select(Member).where(Member.tier == grade).order_by(Member.id)))


def add_member(session: Session, tier: Tier, member: Member, *, actor: str, now: datetime) -> str:
    if member.tier == tier.grade:
        raise UserError(_("{display_name} is already in {name}.", display_name=member.display_name, name=tier.name))
    old = member.tier
    member.tier = tier.grade
    record_audit(session, actor=actor, action="tier.member", target=member.ref, old=old, new=tier.grade, now=now)
    return _("{display_name} is now in {name} ({grade})",
             display_name=member.display_name, name=tier.name, grade=tier.grade) + (
        _(", moved from {old}.", old=old) if old else ".")


def remove_member(session: Session, tier: Tier, member: Member, *, actor: str, now: datetime) -> str:
    if member.tier != tier.grade:
        raise UserError(_("{display_name} is not in {name}.", display_name=member.display_name, name=tier.name))
    member.tier = None
    record_audit(session, actor=actor, action="tier.member", target=member.ref, old=tier.grade, new=None, now=now)
    return _("{display_name} left {name}; they are frontline (F) again.",
             display_name=member.display_name, name=tier.name)


def parse_place(text: str, *, here: str | None) -> str:
    """`slack:C123`, `telegram:-100123`, `web` (the console), a Slack channel mention, or `here`."""
    raw = text.strip()
    if raw.lower() == "here":
        if not here:
            raise UserError(_("“here” needs a channel or group; name the place instead, like slack:C123."))
        return here
    if raw.lower() in ("web", "console", "web:console"):
        return "web:console"
    m = _SLACK_CHANNEL.match(raw)
    if m:
        return f"slack:{m.group(1)}"
    if not _PLACE.match(raw):
        raise UserError(_("A place is slack:<channel id>, telegram:<chat id>, web (the console), or here."))
    return raw


def place_ref(place: str | None) -> MessageRef | None:
    """Where a tier's cards are posted, as a reference an adapter can post into."""
    if not place:
        return None
    platform, _sep, channel = place.partition(":")
    return MessageRef(platform, channel, "")


def set_place(session: Session, tier: Tier, place: str, *, actor: str, now: datetime) -> str:
    old, tier.place = tier.place, place
    record_audit(session, actor=actor, action="tier.notify", target=tier.name, old=old, new=place, now=now)
    return _("{name} ({grade}) is notified in {place}.", name=tier.name, grade=tier.grade, place=place)


def rename(session: Session, grade: str, name: str, *, actor: str, now: datetime) -> str:
    letter = valid_grade(grade)
    if letter is None:
        raise UserError(_("“{grade}” is not a grade; grades are {value}.", grade=grade[:10], value=', '.join(GRADES)))
    name = name.strip().lower()
    if not _TIER_NAME.match(name) or valid_grade(name):
        raise UserError(_("A tier name is lower-case letters, digits, - or _, starting with a letter (not a grade letter)."))
    tier = next(t for t in ladder(session) if t.grade == letter)
    if any(t.name == name and t.id != tier.id for t in ladder(session)):
        raise UserError(_("Another tier is already called {name}.", name=name))
    old, tier.name = tier.name, name
    record_audit(session, actor=actor, action="tier.rename", target=letter, old=old, new=name, now=now)
    return _("Grade {letter} is now called {name} (was {old}).", letter=letter, name=name, old=old)


def describe_ladder(session: Session) -> list[str]:
    lines = []
    for tier in reversed(ladder(session)):
        members = ", ".join(m.display_name for m in tier_members(session, tier.grade)) or _("no members")
        lines.append(f"{tier.grade} · {tier.name} · {members} · " + _("notify {place}", place=tier.place or "—"))
    return lines


# -- grading ------------------------------------------------------------------------------------
def grading_matrix(session: Session) -> GradingMatrix:
    data = read_setting(session, GRADING_KEY, None)
    return GradingMatrix.from_data(data) if data is not None else default_matrix()


def save_grading(session: Session, matrix: GradingMatrix, *, actor: str, now: datetime, change: str) -> None:
    value = json.dumps(matrix.to_data(), sort_keys=True)
    old = write_setting(session, GRADING_KEY, value, actor=actor, now=now) or json.dumps(default_matrix().to_data())
    record_audit(session, actor=actor, action="grading.set", target=change, old=old, new=value, now=now)


def regrade(session: Session, case: Case, customer: Customer, *, contacts: int) -> None:
    """Grade the case from its level and impact; a grade never falls while the case is open."""
    grade, reason = grade_case(grading_matrix(session), level=case.level, vip_level=customer.vip_level,
                               annual_value_minor=customer.annual_value_minor, currency=customer.currency,
                               contacts=contacts)
    if grade_rank(grade) >= grade_rank(case.grade):
        case.grade, case.grade_reason = grade, reason[:300]


# -- escalation ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Escalated:
    """What an escalation did: the tier it reached, its new owner (if any), and where to tell."""

    escalation: Escalation
    tier_name: str
    grade: str
    owner: Member | None
    place: str | None
    skipped: tuple[str, ...]  # tiers passed over because nobody was in them


def _snapshot(session: Session) -> dict:
    return {"frozen": True, "tiers": [
        {"grade": t.grade, "name": t.name, "place": t.place, "members": [m.id for m in tier_members(session, t.grade)]}
        for t in ladder(session)]}


def frozen_ladder(session: Session, case: Case) -> dict:
    """The ladder the case's first escalation froze, or the ladder as it is now when there is none yet."""
    first = session.exec(select(Escalation).where(Escalation.case_id == case.id).order_by(Escalation.id)).first()
    return json.loads(first.ladder) if first else _snapshot(session)


def escalate_case(session: Session, case: Case, actor: str, reason: str, *, now: datetime) -> Escalated:
    """Move the case up to its next tier on the frozen ladder and give it one owner from that tier, in turn."""
    if case.status == "resolved":
        raise UserError(_("Case #{id} is resolved; reopen it by forwarding the customer's new message.", id=case.id))
    if case.tier_grade == GRADES[-1]:
        raise UserError(_("Case #{id} is already at the top tier ({grades}).", id=case.id, grades=GRADES[-1]))
    frozen = frozen_ladder(session, case)
    tiers = {t["grade"]: t for t in frozen["tiers"]}
    target = escalation_target(tier_grade=case.tier_grade, case_grade=case.grade)
    skipped = []
    grade = target
    # A tier with nobody in it cannot own a case; the case goes on up to the first tier that can.
    while not tiers[grade]["members"] and grade != GRADES[-1]:
        skipped.append(tiers[grade]["name"])
        grade = GRADES[grade_rank(grade) + 1]
    entry = tiers[grade]
    owner = None
    if entry["members"]:
        # Round-robin: claim the next position atomically, so two escalations at once pick different people.
        session.execute(update(Tier).where(Tier.grade == grade).values(rr_next=Tier.rr_next + 1))
        position = session.exec(select(Tier.rr_next).where(Tier.grade == grade)).one() - 1
        owner = session.get(Member, entry["members"][position % len(entry["members"])])
    old_status, old_owner = case.status, case.owner_id
    escalation = Escalation(case_id=case.id, from_grade=case.tier_grade, to_grade=grade, tier_name=entry["name"],
                            owner_id=owner.id if owner else old_owner, ladder=json.dumps(frozen),
                            reason=reason[:500], created_by=actor, created_at=now)
    session.add(escalation)
    case.status, case.tier_grade, case.updated_at = "escalated", grade, now
    record_audit(session, actor=actor, action="case.escalate", target=f"case:{case.id}",
                 old=f"{old_status} at {escalation.from_grade}",
                 new=f"{grade} ({entry['name']})" + (f": {reason}" if reason else ""), now=now)
    if owner is not None and owner.id != old_owner:
        case.owner_id = owner.id
        previous = session.get(Member, old_owner) if old_owner else None
        record_audit(session, actor=actor, action="case.owner", target=f"case:{case.id}",
                     old=previous.ref if previous else None, new=owner.ref, now=now)
    session.flush()
    return Escalated(escalation, entry["name"], grade, owner, entry["place"], tuple(skipped))


def check_holds(session: Session, case: Case, member: Member, doing: str) -> None:
    """Refuse someone below the tier that holds the case, unless they own it: taking or resolving an escalated
    case needs that tier (or its owner handing it over)."""
    if case.owner_id == member.id or grade_rank(member_grade(member)) >= grade_rank(case.tier_grade):
        return
    tier = next((t.name for t in ladder(session) if t.grade == case.tier_grade), case.tier_grade)
    raise Refused(_("Case #{id} is held by {tier} ({tier_grade}); {doing} it needs that tier or above, or "
                    "its owner handing it over.",
                    id=case.id, tier=tier, tier_grade=case.tier_grade, doing=doing), attempted=f"case.{doing.split()[0]}", tried=f"case:{case.id}")


def latest_escalation(session: Session, case_id: int) -> Escalation | None:
    return session.exec(select(Escalation).where(Escalation.case_id == case_id)
                        .order_by(Escalation.id.desc())).first()


def acknowledge(session: Session, case: Case, member: Member, *, now: datetime) -> Escalation:
    """The tier acknowledges the escalation it received; once is enough."""
    escalation = latest_escalation(session, case.id)
    if escalation is None:
        raise UserError(_("Case #{id} has not been escalated; there is nothing to acknowledge.", id=case.id))
    if escalation.acknowledged_at is not None:
        raise UserError(_("The escalation of case #{id} was already acknowledged by {acknowledged_by}.",
                          id=case.id, acknowledged_by=escalation.acknowledged_by))
    escalation.acknowledged_by, escalation.acknowledged_at = member.ref, now
    record_audit(session, actor=member.ref, action="case.acknowledge", target=f"case:{case.id}",
                 old=None, new=f"{escalation.to_grade} ({escalation.tier_name})", now=now)
    return escalation
