"""Correcting a case's level: who may, what it changes, and the labelled example it leaves behind."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.i18n.language import N_, _
from bot.audit.service import record_audit
from bot.cases import service as cases
from bot.cases.tables import Case
from bot.errors import Refused, UserError
from bot.levels import LEVELS, level_rank
from bot.members.service import role_rank
from bot.members.tables import Member
from bot.risk import versions
from bot.store.setting import read_setting, write_setting

USAGE = N_("Usage: correct <case> <none|potential|explicit|high_risk> [category], e.g. correct 12 explicit delivery")
CATEGORIES = ("quality", "safety", "after_sales", "contract", "refund_billing", "delivery", "false_advertising",
              "service_attitude", "privacy", "other")
LOWERING_KEY = "correct.lowering"
LOWERING_DEFAULT = "lead"  # who may lower a high-risk case


@dataclass(frozen=True)
class Corrected:
    old: str
    new: str
    verb: str  # raised | lowered | confirmed
    retrain_due: bool


def lowering_role(session: Session) -> str:
    return read_setting(session, LOWERING_KEY, LOWERING_DEFAULT)


def set_lowering_role(session: Session, role: str, *, actor: str, now: datetime) -> None:
    previous = write_setting(session, LOWERING_KEY, json.dumps(role), actor=actor, now=now)
    old = json.loads(previous) if previous else LOWERING_DEFAULT
    record_audit(session, actor=actor, action="correct.lowering", target=LOWERING_KEY, old=old, new=role, now=now)


def correct_level(session: Session, case: Case, member: Member, *, level: str, category: str | None,
                  now: datetime) -> Corrected:
    level = level.strip().lower()
    if level not in LEVELS:
        raise UserError(_("“{level}” is not a level. {usage}", level=level[:20], usage=_(USAGE)))
    if category is not None:
        category = category.strip().lower()
        if category not in CATEGORIES:
            raise UserError(_("“{category}” is not a category; categories are {value}.",
                              category=category[:20], value=', '.join(CATEGORIES)))
    if case.status == "resolved":
        raise UserError(_("Case #{id} is resolved.", id=case.id))
    latest = cases.latest_message(session, case.id)
    if latest is None:
        raise UserError(_("Case #{id} has no customer message to correct.", id=case.id))
    old = case.level
    needed = lowering_role(session)
    if old == "high_risk" and level != "high_risk" and role_rank(member.role) < role_rank(needed):
        raise Refused(_("Lowering a high-risk case needs the {needed} role; you are {role}. Ask a lead, or "
                        "escalate the case.",
                        needed=needed, role=member.role), attempted="case.level", tried=f"case:{case.id} {level}")
    verb = "raised" if level_rank(level) > level_rank(old) else "lowered" if level_rank(level) < level_rank(old) else "confirmed"
    case.level, case.updated_at = level, now
    case.level_reason = f"{verb} by {member.display_name}"[:300]
    if category is not None and level != "none":
        case.category = category
    versions.add_examples(session, [{"text": latest.text, "lang": latest.lang, "level": level,
                                     "complaint": level != "none", "category": category,
                                     "engine_level": latest.level, "ref": f"case:{case.id}"}],
                          source="correction", actor=member.ref, now=now)
    record_audit(session, actor=member.ref, action="case.level", target=f"case:{case.id}", old=old,
                 new=level + (f" ({category})" if category else ""), now=now)
    session.flush()
    return Corrected(old, level, verb, versions.schedule_retrain_if_due(session, now=now))
