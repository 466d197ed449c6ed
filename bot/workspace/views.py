"""The inbox's views: mine, unassigned, breaching soon, waiting for my approval, all open, resolved; with filters
and a count for each view."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, func
from sqlmodel import Session, select

from bot.authority.tables import Offer
from bot.cases.filters import Filters
from bot.cases.service import OPEN_STATUSES, list_facts
from bot.cases.tables import Case
from bot.i18n.language import _
from bot.members.tables import Member
from bot.sla.service import left_text, next_deadlines
from bot.sla.tables import SlaClock
from bot.store.db import as_utc
from bot.tiers.rules import GRADES, grade_rank
from bot.tiers.service import member_grade

VIEWS = ("mine", "unassigned", "breaching", "approval", "open", "resolved")
BREACHING_WITHIN = timedelta(hours=1)  # "breaching soon": a running deadline within the hour, or passed
LIMIT = 200


def _conditions(view: str, member: Member, now: datetime) -> list:
    is_open = Case.status.in_(OPEN_STATUSES)
    if view == "mine":
        return [is_open, Case.owner_id == member.id]
    if view == "unassigned":
        return [is_open, Case.owner_id.is_(None)]
    if view == "breaching":
        return [is_open, exists().where(SlaClock.case_id == Case.id, SlaClock.status == "running",
                                        SlaClock.deadline <= now + BREACHING_WITHIN)]
    if view == "approval":
        # Offers this member may decide: their tier's grade or lower; an admin decides any.
        grades = GRADES if member.role == "admin" else [g for g in GRADES
                                                        if grade_rank(g) <= grade_rank(member_grade(member))]
        return [exists().where(Offer.case_id == Case.id, Offer.status == "pending", Offer.needed_grade.in_(grades))]
    if view == "resolved":
        return [Case.status == "resolved"]
    return [is_open]


def list_view(session: Session, view: str, member: Member, *, now: datetime,
              filters: Filters = Filters()) -> list[Case]:
    """The view's cases: breaching soon by time left, resolved by when, the others by time left and then level."""
    conds = _conditions(view, member, now) + filters.conditions()
    if view == "resolved":
        return list(session.exec(select(Case).where(*conds).order_by(Case.resolved_at.desc()).limit(LIMIT)))
    due = (select(SlaClock.case_id, func.min(SlaClock.deadline).label("due"))
           .where(SlaClock.status == "running").group_by(SlaClock.case_id).subquery())
    rows = session.exec(select(Case).outerjoin(due, due.c.case_id == Case.id).where(*conds)
                        .order_by(due.c.due.is_(None), due.c.due, Case.updated_at.desc()).limit(LIMIT))
    return list(rows)


def view_counts(session: Session, member: Member, *, now: datetime, filters: Filters = Filters()) -> dict[str, int]:
    """How many cases each view holds, with the same filters."""
    extra = filters.conditions()
    return {view: session.exec(select(func.count()).select_from(Case).where(
        *_conditions(view, member, now), *extra)).one() for view in VIEWS}


def case_rows(session: Session, cases: list[Case], *, now: datetime) -> list[dict]:
    """Each case as a list shows it: level, customer, owner, contacts and the nearest deadline, in four queries."""
    facts = list_facts(session, cases)
    dues = next_deadlines(session, [case.id for case in cases])
    return [{"id": case.id, "level": case.level, "score": case.score, "category": case.category,
             "status": case.status, **facts[case.id], "updated_at": as_utc(case.updated_at).isoformat(),
             "due": dues[case.id].isoformat() if case.id in dues else None,
             "left": left_text(dues[case.id], now) if case.id in dues else None}
            for case in cases]


def case_line(row: dict) -> str:
    """A row as one line of a chat answer."""
    left = f" · ⏰ {row['left']}" if row["left"] else ""
    return (f"#{row['id']} · {_(row['level'])} · {_(row['status'])}{left} · {row['customer']} · "
            f"{row['owner'] or _('unassigned')} · {_(row['category'])}")
