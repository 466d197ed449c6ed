"""Insight in the database: word counts per message, surges found and ended, incidents and the cases they link."""

from __future__ import annotations

import json
import weakref
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import bindparam, case as when, func
from sqlmodel import Session, select

from bot.i18n.language import _
from bot.audit.service import record_audit
from bot.cases.tables import Case, CaseMessage
from bot.errors import NotFound, UserError
from bot.insight.outbreak import BASELINE, HOUR, SLOT, Thresholds, WordRate, slot_of
from bot.insight.tables import Incident, IncidentCase, Surge, TermCount
from bot.insight.terms import terms_of
from bot.members.tables import Member
from bot.store.db import as_utc, insert_for
from bot.store.kept import Kept
from bot.store.setting import hold_setting, read_setting, write_setting
from bot.store.tables import AuditEntry
from bot.text.normalize import to_simplified

OUTBREAK_SETTING = "outbreak"
MIN_COUNT_FLOOR = 2  # the least `min_count` an admin may set: one complaint is never a surge
LINK_AT_OPEN = 5000  # the latest messages an incident looks through for its cases when it opens


_THRESHOLDS, _SURGES, _INCIDENTS = Kept(), Kept(), Kept()


def thresholds(session: Session) -> Thresholds:
    return _THRESHOLDS.get(session, lambda: Thresholds().with_values(read_setting(session, OUTBREAK_SETTING, {})))


def set_thresholds(session: Session, values: dict, *, actor: str, now: datetime) -> Thresholds:
    hold_setting(session, OUTBREAK_SETTING)
    _THRESHOLDS.forget(session)
    new = thresholds(session).with_values(values)
    if new.min_count < MIN_COUNT_FLOOR or new.factor < 1 or new.outbreak < new.min_count:
        raise UserError(_("outbreak set: min_count is 2 or more, factor 1 or more, and outbreak at least min_count."))
    old = write_setting(session, OUTBREAK_SETTING, json.dumps(new.as_json()), actor=actor, now=now)
    _THRESHOLDS.forget(session)
    record_audit(session, actor=actor, action="outbreak.set", target="thresholds", old=old,
                 new=json.dumps(new.as_json()), now=now)
    return new


@lru_cache(maxsize=2)
def _upsert(dialect_name: str):
    """One statement for every word count, compiled once: add one to (word, category, slot)."""
    stmt = insert_for(dialect_name, TermCount).values(term=bindparam("t"), category=bindparam("c"), slot=bindparam("s"), n=1)
    return (stmt.on_conflict_do_update(index_elements=["term", "category", "slot"], set_={"n": TermCount.n + 1})
            .returning(TermCount.term, TermCount.n))


def count_terms(session: Session, terms: list[str], category: str, *, now: datetime) -> dict[str, int]:
    """Add one to each word's count in the current ten-minute slot; each word's count there (in this category),
    with this message."""
    if not terms:
        return {}
    slot = slot_of(now)
    # On the session's connection, as Core: the ORM's bulk-insert path costs more than the statement itself.
    connection = session.connection()
    rows = connection.execute(_upsert(connection.dialect.name), [{"t": t[:60], "c": category, "s": slot}
                                                                  for t in terms]).all()
    return {t: n for t, n in rows}


def recent_counts(session: Session, terms: list[str], *, now: datetime) -> dict[str, tuple[int, int]]:
    """Each word's complaints (every category) in the last hour and in the last ten to twenty minutes: a read of
    the last six slots only. Categories are summed: one problem is often read as two (quality, after-sales)."""
    current = slot_of(now)
    rows = session.connection().execute(select(
        TermCount.term, func.sum(TermCount.n),
        func.sum(when((TermCount.slot >= current - SLOT, TermCount.n), else_=0)),
    ).where(TermCount.term.in_(terms), TermCount.slot >= current - HOUR + SLOT).group_by(TermCount.term)).all()
    return {t: (int(h or 0), int(p or 0)) for t, h, p in rows}


# The week before the last hour changes slowly: each process keeps a word's count (per database) for the slot it
# read it in, so a busy word costs one read of its week every ten minutes, not one a message.
_WEEKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def week_counts(session: Session, terms: list[str], *, now: datetime) -> dict[str, int]:
    hour_from = slot_of(now) - HOUR + SLOT
    weeks = _WEEKS.setdefault(session.get_bind(), {})
    missing = [t for t in terms if (t, hour_from) not in weeks]
    if missing:
        if len(weeks) > 50_000:
            weeks.clear()
        found = dict(session.exec(select(TermCount.term, func.sum(TermCount.n)).where(
            TermCount.term.in_(missing), TermCount.slot >= hour_from - BASELINE + HOUR, TermCount.slot < hour_from)
            .group_by(TermCount.term)).all())
        for t in missing:
            weeks[(t, hour_from)] = int(found.get(t) or 0)
    return {t: weeks[(t, hour_from)] for t in terms}


def word_rates(session: Session, terms: list[str], *, now: datetime, min_count: int = 0) -> list[WordRate]:
    """Each word's counts in the last hour, the last ten to twenty minutes and the week before, for the words with
    at least `min_count` in the last hour (the week is read for those alone)."""
    if not terms:
        return []
    recent = recent_counts(session, terms, now=now)
    busy = [t for t in terms if t in recent and recent[t][0] >= min_count]
    weeks = week_counts(session, busy, now=now) if busy else {}
    pace_minutes = (now - (slot_of(now) - SLOT)).total_seconds() / 60
    return [WordRate(t, *recent[t], weeks[t], pace_minutes) for t in busy]


def active_surge(session: Session, words: list[str]) -> Surge | None:
    """The running surge that shares a word with `words`."""
    running = _SURGES.get(session, lambda: [(i, set(json.loads(w))) for i, w in session.exec(
        select(Surge.id, Surge.words).where(Surge.status == "active").order_by(Surge.id)).all()])
    found = next((i for i, kept in running if kept & set(words)), None)
    return session.get(Surge, found) if found is not None else None


def watch(session: Session, case: Case, terms: list[str], *, now: datetime) -> tuple[Surge, WordRate] | None:
    """Count the message's words; a new surge (no running one shares a word with it) comes back to be announced
    once. A surge already running takes in any other word that rose with it, and says nothing."""
    in_slot = count_terms(session, terms, case.category, now=now)
    # A word is looked at once it is used twice in ten minutes: most messages' words are not, and their check is
    # the one statement that counted them (a surge of eight an hour shows twice in a slot within the hour).
    repeated = [t for t in terms if in_slot.get(t[:60], 0) >= MIN_COUNT_FLOOR]
    if case.level == "none" or not repeated:
        return None
    limits = thresholds(session)
    rising = [r for r in word_rates(session, repeated, now=now, min_count=limits.min_count) if r.surging(limits)]
    if not rising:
        return None
    surge = active_surge(session, [r.term for r in rising])
    if surge is not None:
        words = json.loads(surge.words)
        added = [r.term for r in rising if r.term not in words]
        if added:
            surge.words = json.dumps(words + added, ensure_ascii=False)
            _SURGES.forget(session)
        surge.peak = max(surge.peak, max(r.last_hour for r in rising))
        return None
    top = max(rising, key=lambda r: (r.last_hour, -r.baseline))
    surge = Surge(category=case.category, words=json.dumps([r.term for r in sorted(
        rising, key=lambda r: r is not top)], ensure_ascii=False), started_at=now, last_hour=top.last_hour,
        baseline_milli=round(top.baseline * 1000), peak=top.last_hour)
    session.add(surge)
    session.flush()
    _SURGES.forget(session)
    record_audit(session, actor="outbreak", action="surge.start", target=f"surge:{surge.id}",
                 new=f"{case.category} {top.term} {top.last_hour}/h (normal {top.baseline:.1f}/h)", now=now)
    return surge, top


def surge_rate(session: Session, surge: Surge, *, now: datetime) -> WordRate:
    """The surge's first word, counted now."""
    term = json.loads(surge.words)[0]
    found = word_rates(session, [term], now=now)
    return found[0] if found else WordRate(term, 0, 0, 0)


def end_surge(session: Session, surge: Surge, *, now: datetime) -> None:
    surge.status, surge.ended_at = "ended", now
    _SURGES.forget(session)
    record_audit(session, actor="outbreak", action="surge.end", target=f"surge:{surge.id}",
                 new=f"peak {surge.peak}/h", now=now)


def samples(session: Session, words: list[str], *, since: datetime, limit: int = 3) -> list[str]:
    """The latest messages since `since` that use one of the words."""
    rows = session.exec(select(CaseMessage.text).where(CaseMessage.received_at >= since)
                        .order_by(CaseMessage.id.desc()).limit(300)).all()
    return [t for t in rows if any(w in to_simplified(t).lower() for w in words)][:limit]


# Incidents ------------------------------------------------------------------------------------------------


def get_incident(session: Session, ref: str | int) -> Incident:
    raw = str(ref).strip().lstrip("#")
    incident = session.get(Incident, int(raw)) if raw.isdigit() and len(raw) < 10 else None
    if incident is None:
        raise NotFound(_("There is no incident #{raw}. `incident list` shows the open ones.", raw=raw[:20]))
    return incident


def open_incident(session: Session, *, title: str, category: str, words: list[str], member: Member,
                  now: datetime, surge: Surge | None = None) -> Incident:
    """A new incident owned by the member who opened it; the open cases of the surge (or of the last day, when it
    is opened by hand) that use one of its words join it at once."""
    incident = Incident(title=title[:200], category=category, words=json.dumps(words, ensure_ascii=False),
                        owner_id=member.id, opened_by=member.ref, opened_at=now)
    session.add(incident)
    session.flush()
    _INCIDENTS.forget(session)
    since = as_utc(surge.started_at) - HOUR if surge is not None else now - timedelta(days=1)
    if surge is not None:
        surge.incident_id = incident.id
    recent = session.exec(select(CaseMessage.case_id, CaseMessage.text).join(Case, Case.id == CaseMessage.case_id)
                          .where(Case.status != "resolved", Case.created_at >= since)
                          .order_by(CaseMessage.id.desc()).limit(LINK_AT_OPEN)).all()
    for case_id in dict.fromkeys(c for c, text in recent if set(terms_of(text)) & set(words)):
        link_case(session, incident, session.get(Case, case_id), now=now)
    record_audit(session, actor=member.ref, action="incident.open", target=f"incident:{incident.id}",
                 new=f"{category} {' '.join(words)[:200]}", now=now)
    return incident


def link_case(session: Session, incident: Incident, case: Case, *, now: datetime) -> bool:
    """Put the case in the incident; False when it already belongs to one."""
    if session.get(IncidentCase, case.id) is not None:
        return False
    session.add(IncidentCase(case_id=case.id, incident_id=incident.id, joined_at=now))
    session.flush()
    return True


def join_matching(session: Session, case: Case, terms: list[str], *, now: datetime) -> Incident | None:
    """The open incident a new complaint belongs to (it uses one of the incident's words), linked; None otherwise."""
    if case.level == "none":
        return None
    matching = [i for i, words in open_incident_words(session) if words & set(terms)]
    if not matching or session.get(IncidentCase, case.id) is not None:
        return None
    incident = session.get(Incident, matching[0])
    link_case(session, incident, case, now=now)
    return incident


def open_incident_words(session: Session) -> list[tuple[int, set[str]]]:
    return _INCIDENTS.get(session, lambda: [(i, set(json.loads(w))) for i, w in session.exec(
        select(Incident.id, Incident.words).where(Incident.status == "open").order_by(Incident.id)).all()])


def resolve_incident(session: Session, incident: Incident, *, now: datetime) -> None:
    incident.status, incident.resolved_at = "resolved", now
    _INCIDENTS.forget(session)


def incident_of(session: Session, case_id: int) -> Incident | None:
    link = session.get(IncidentCase, case_id)
    return session.get(Incident, link.incident_id) if link else None


def incident_line(incident: Incident) -> str:
    """The card's line for a case in an incident."""
    scripts = json.loads(incident.scripts)
    said = (_("the suggested reply uses its unified script") if scripts and incident.status == "open"
            else _("no unified script yet (`incident script`)") if incident.status == "open" else _("resolved"))
    return _("Incident #{id} · {title} ({status}): {said}.", id=incident.id, title=incident.title,
             status=_(incident.status), said=said)


def incident_cases(session: Session, incident_id: int) -> list[tuple[Case, datetime]]:
    rows = session.exec(select(Case, IncidentCase.joined_at).join(IncidentCase, IncidentCase.case_id == Case.id)
                        .where(IncidentCase.incident_id == incident_id).order_by(IncidentCase.joined_at)).all()
    return [(c, as_utc(at)) for c, at in rows]


def incident_timeline(session: Session, incident: Incident, *, now: datetime) -> dict:
    """The incident as one page: who and what, its cases joined every half hour, its cases, scripts and every
    action taken on it (times in UTC; the caller shows them in the reader's zone)."""
    linked = incident_cases(session, incident.id)
    opened = as_utc(incident.opened_at)
    start = min([opened] + [j for _, j in linked])
    start = start.replace(minute=start.minute - start.minute % 30, second=0, microsecond=0)
    end = as_utc(incident.resolved_at) if incident.resolved_at else now
    owner = session.get(Member, incident.owner_id) if incident.owner_id else None
    entries = session.exec(select(AuditEntry).where(AuditEntry.target == f"incident:{incident.id}")
                           .order_by(AuditEntry.id)).all()
    return {
        "id": incident.id, "title": incident.title, "category": incident.category, "status": incident.status,
        "words": json.loads(incident.words), "owner": owner.display_name if owner else None,
        "opened_at": opened, "resolved_at": as_utc(incident.resolved_at), "scripts": json.loads(incident.scripts),
        "half_hours": half_hour_counts([j for _, j in linked], start=start, end=max(end, start + timedelta(minutes=30))),
        "cases": [{"case": c.id, "joined": j, "level": c.level, "status": c.status} for c, j in linked],
        "actions": [{"at": as_utc(e.at), "action": e.action.removeprefix("incident."), "by": e.actor,
                     "detail": (e.new_value or "")[:300]} for e in entries],
    }


def half_hour_counts(joined: list[datetime], *, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """Cases that joined in each half hour from `start` to `end` (plain data; the incident's timeline)."""
    step, out, t = timedelta(minutes=30), [], start
    while t < end:
        out.append((t, sum(1 for j in joined if t <= j < t + step)))
        t += step
    return out
