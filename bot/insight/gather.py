"""Reads a period's report out of the database: aggregates in SQL (a report over 100,000 cases is a handful of
grouped queries), figures in `report`."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, and_, case as when, cast, func, or_
from sqlmodel import Session, select

from bot.i18n.language import _
from bot.authority.tables import Offer
from bot.cases.tables import Case, CaseMessage, Customer
from bot.insight import report as figures
from bot.cases.filters import Filters
from bot.insight.report import ClockTally, Report, Volume
from bot.insight.tables import IncidentCase, TermCount
from bot.levels import LEVELS
from bot.errors import UserError
from bot.members.tables import Member
from bot.sla.pings import SYSTEM_MEMBER
from bot.sla.tables import SlaClock
from bot.store.db import as_utc
from bot.tiers.tables import Escalation, Tier

EXAMPLE_CHARS = 120


def _pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _seconds_between(session: Session, start, end):
    """Seconds from `start` to `end` in SQL (SQLite's julianday is good to a few milliseconds: round the result)."""
    if _pg(session):
        return func.extract("epoch", end - start)
    return (func.julianday(end) - func.julianday(start)) * 86400.0


def _local_day(session: Session, column, zone: ZoneInfo, at: datetime):
    """The calendar day of a stored UTC time in the team's zone. SQLite knows no zones: the offset at `at` is used
    for the whole period (a daylight-saving change inside it moves an hour's cases by a day at most)."""
    if _pg(session):
        return func.date(func.timezone(zone.key, column))
    minutes = int(at.astimezone(zone).utcoffset().total_seconds() // 60)
    return func.date(column, f"{minutes:+d} minutes")


def _cases_in(session: Session, start: datetime, end: datetime, filters: Filters) -> list:
    """The conditions that pick the period's cases (opened in it) and the filters."""
    conds = [Case.created_at >= start, Case.created_at < end, *filters.conditions()]
    return conds


def gather_report(session: Session, start: datetime, end: datetime, *, zone: ZoneInfo,
                  filters: Filters = Filters(), now: datetime | None = None) -> Report:
    """The report of the cases opened from `start` to `end`, as of `now` (default: `end`)."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    now = (now or end).astimezone(UTC)
    report = Report(start=start.astimezone(zone), end=end.astimezone(zone), filters=filters)
    conds = _cases_in(session, start, end, filters)

    day = _local_day(session, Case.created_at, zone, start)
    age = _seconds_between(session, Case.created_at, Case.resolved_at)
    in_time = and_(Case.resolved_at.is_not(None), age <= figures.RESOLVED_WITHIN_HOURS * 3600)
    # A case counts toward the 48-hour share once it is resolved or its 48 hours are over.
    eligible = or_(Case.resolved_at.is_not(None),
                   Case.created_at <= now - timedelta(hours=figures.RESOLVED_WITHIN_HOURS))
    rows = session.exec(select(day, Case.level, Case.category, func.count(), func.sum(when((in_time, 1), else_=0)),
                               func.sum(when((eligible, 1), else_=0)))
                        .where(*conds).group_by(day, Case.level, Case.category)).all()
    figures.volume_figures(report, [Volume(d if isinstance(d, date) else date.fromisoformat(d), lv, c, n)
                                    for d, lv, c, n, _, _ in rows],
                           first=start.astimezone(zone).date(), last=(end - timedelta(microseconds=1)).astimezone(zone).date())
    report.resolved_in_time = sum(int(r[4] or 0) for r in rows)
    report.resolved_eligible = sum(int(r[5] or 0) for r in rows)

    by_category, words_before = _term_counts(session, start, end, filters.category), \
        _term_counts(session, start - (end - start), start, filters.category)
    report.hot_words = figures.hot_words(_summed(by_category), _summed(words_before))
    top = sorted(report.by_category, key=lambda c: -report.by_category[c])[:figures.TOP_REASONS]
    report.reasons = figures.top_reasons(report.by_category, _top_words(by_category, top),
                                         _examples(session, conds, top), report.total)

    _clock_figures(session, report, start, end, filters)
    for tier, by, n in session.exec(select(Escalation.tier_name, Escalation.created_by, func.count())
                                    .join(Case, Case.id == Escalation.case_id).where(*conds)
                                    .group_by(Escalation.tier_name, Escalation.created_by)).all():
        report.escalations[tier] = report.escalations.get(tier, 0) + n
        if by == SYSTEM_MEMBER:  # climbed on a breach
            report.breach_climbs[tier] = report.breach_climbs.get(tier, 0) + n

    for status, currency, n, minor in session.exec(select(
            Offer.status, Offer.currency, func.count(), func.sum(Offer.amount_minor))
            .join(Case, Case.id == Offer.case_id).where(*conds, Offer.status.in_(("granted", "approved")))
            .group_by(Offer.status, Offer.currency)).all():
        report.offers.setdefault(status, {})[currency] = [int(n), int(minor or 0)]

    # Contacts are the messages received in the period (a customer may write on an older case).
    received = [CaseMessage.received_at >= start, CaseMessage.received_at < end]
    if filters.as_json():
        received.append(CaseMessage.case_id.in_(select(Case.id).where(*conds)))
    contacts = (select(CaseMessage.customer_id).where(*received).group_by(CaseMessage.customer_id)
                .having(func.count() >= 3).subquery())
    report.repeat_customers = session.exec(select(func.count()).select_from(contacts)).one()

    load: dict[str, dict[str, int]] = defaultdict(dict)
    for name, status, n in session.exec(select(Member.display_name, Case.status, func.count())
                                        .join(Member, Member.id == Case.owner_id).where(*conds)
                                        .group_by(Member.display_name, Case.status)).all():
        key = "resolved" if status == "resolved" else "open"
        load[name][key] = load[name].get(key, 0) + n
    report.load = dict(sorted(load.items(), key=lambda kv: -sum(kv[1].values())))
    return report


def _term_counts(session: Session, start: datetime, end: datetime, category: str | None) -> dict[tuple[str, str], int]:
    """Each (category, word)'s complaints in the period."""
    conds = [TermCount.slot >= start, TermCount.slot < end]
    if category:
        conds.append(TermCount.category == category)
    rows = session.exec(select(TermCount.category, TermCount.term, func.sum(TermCount.n)).where(*conds)
                        .group_by(TermCount.category, TermCount.term)).all()
    return {(c, t): int(n) for c, t, n in rows}


def _summed(counts: dict[tuple[str, str], int]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for (_unused, term), n in counts.items():
        out[term] += n
    return out


def _top_words(counts: dict[tuple[str, str], int], categories: list[str]) -> dict[str, list[str]]:
    ranked: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (category, term), n in counts.items():
        if category in categories:
            ranked[category].append((-n, term))
    return {c: [t for _, t in sorted(v)[:5]] for c, v in ranked.items()}


def _clock_figures(session: Session, report: Report, start: datetime, end: datetime, filters: Filters) -> None:
    """SLA met per clock and level, breaches, and the first-response times (to the minute), over the clocks that
    started in the period, in one grouped read."""
    scope = [SlaClock.started_at >= start, SlaClock.started_at < end, SlaClock.kind != "silence"]
    if filters.as_json():
        scope.append(SlaClock.case_id.in_(select(Case.id).where(*_cases_in(session, start, end, filters))))
    waited = (_seconds_between(session, SlaClock.started_at, SlaClock.stopped_at) + 0.5) / 60  # julianday's error
    minutes = func.floor(waited) if _pg(session) else cast(waited, Integer)
    first = when((and_(SlaClock.kind == "first", SlaClock.status == "stopped"), minutes), else_=None)
    on_time = and_(SlaClock.status == "stopped", SlaClock.stopped_at <= SlaClock.deadline)
    rows = session.exec(select(SlaClock.kind, SlaClock.level, SlaClock.status, on_time, first, func.count())
                        .where(*scope).group_by(SlaClock.kind, SlaClock.level, SlaClock.status, on_time, first)).all()
    tallies: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    first_minutes: dict[int, int] = defaultdict(int)
    for kind, level, status, ok, minute, n in rows:
        if status in ("stopped", "breached"):
            tallies[(kind, level)][0] += n
            tallies[(kind, level)][1] += n if ok else 0
        report.breaches += n if status == "breached" else 0
        if minute is not None:
            first_minutes[int(minute)] += n
    order = ("first", "update", "resolve", "ack")
    report.sla = [ClockTally(k, lv, f, m) for (k, lv), (f, m) in
                  sorted(tallies.items(), key=lambda kv: (order.index(kv[0][0]) if kv[0][0] in order else 9, kv[0][1]))]
    report.first_responses = sum(first_minutes.values())
    for p, name in ((50, "first_response_median"), (90, "first_response_p90")):
        minute = figures.percentile_of_counts(first_minutes, p)
        setattr(report, name, minute * 60 if minute is not None else None)


def _examples(session: Session, conds: list, categories: list[str]) -> dict[str, list[str]]:
    """The latest two first messages of each category's cases (cut short; customers' text stays in the report's
    own audience, never in logs)."""
    out: dict[str, list[str]] = {}
    for category in categories:
        texts = session.exec(select(CaseMessage.text).join(Case, Case.id == CaseMessage.case_id)
                             .where(*conds, Case.category == category).order_by(CaseMessage.id.desc()).limit(2)).all()
        out[category] = [t if len(t) <= EXAMPLE_CHARS else t[:EXAMPLE_CHARS - 1] + "…" for t in texts]
    return out


def gather_rows(session: Session, start: datetime, end: datetime, *, zone: ZoneInfo,
                filters: Filters = Filters()) -> list[dict]:
    """One row per case opened in the period, for the CSV export."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    conds = _cases_in(session, start, end, filters)
    firsts = dict(session.exec(select(SlaClock.case_id, _seconds_between(session, SlaClock.started_at,
                                                                         SlaClock.stopped_at))
                               .join(Case, Case.id == SlaClock.case_id)
                               .where(*conds, SlaClock.kind == "first", SlaClock.status == "stopped")).all())
    escalations = dict(session.exec(select(Escalation.case_id, func.count()).join(Case, Case.id == Escalation.case_id)
                                    .where(*conds).group_by(Escalation.case_id)).all())
    channel = dict(session.exec(select(CaseMessage.case_id, func.min(CaseMessage.platform))
                                .join(Case, Case.id == CaseMessage.case_id).where(*conds)
                                .group_by(CaseMessage.case_id)).all())
    contacts = dict(session.exec(select(CaseMessage.customer_id, func.count()).join(Case, Case.id == CaseMessage.case_id)
                                 .where(*conds).group_by(CaseMessage.customer_id)).all())
    incidents = dict(session.exec(select(IncidentCase.case_id, IncidentCase.incident_id)
                                  .join(Case, Case.id == IncidentCase.case_id).where(*conds)).all())
    tiers = dict(session.exec(select(Tier.grade, Tier.name)).all())
    names = dict(session.exec(select(Member.id, Member.display_name)).all())
    rows = []
    for case, ref in session.exec(select(Case, Customer.ref).join(Customer, Customer.id == Case.customer_id)
                                  .where(*conds).order_by(Case.id)).all():
        opened, resolved = as_utc(case.created_at), as_utc(case.resolved_at)
        first = firsts.get(case.id)
        rows.append({
            "case": case.id, "opened": opened.astimezone(zone).isoformat(timespec="minutes"),
            "channel": channel.get(case.id, ""), "level": case.level, "category": case.category,
            "grade": case.grade, "tier": tiers.get(case.tier_grade, case.tier_grade), "status": case.status,
            "owner": names.get(case.owner_id, ""), "customer": ref, "contacts": contacts.get(case.customer_id, 0),
            "resolved": resolved.astimezone(zone).isoformat(timespec="minutes") if resolved else "",
            "hours_to_resolve": format((resolved - opened).total_seconds() / 3600, ".1f") if resolved else "",
            "first_response_minutes": format(float(first) / 60, ".1f") if first is not None else "",
            "escalations": escalations.get(case.id, 0), "incident": incidents.get(case.id, ""),
        })
    return rows


def parse_period(text: str, *, now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """`7d`, `30d`, `24h`, `2026-11-01..2026-11-30` (days in the team's zone, the last one included)."""
    raw = (text or "7d").strip().lower()
    if ".." in raw:
        a, _sep, b = raw.partition("..")
        try:
            first, last = date.fromisoformat(a.strip()), date.fromisoformat(b.strip())
        except ValueError:
            raise ValueError(_("a period is 7d, 30d, 24h or YYYY-MM-DD..YYYY-MM-DD")) from None
        if last < first:
            raise ValueError(_("the period ends before it starts"))
        start = datetime.combine(first, datetime.min.time(), zone)
        return start, datetime.combine(last + timedelta(days=1), datetime.min.time(), zone)
    unit = raw[-1:]
    number = raw[:-1]
    if unit not in ("d", "h") or not number.isdigit() or not 0 < int(number) <= 3660:
        raise ValueError(_("a period is 7d, 30d, 24h or YYYY-MM-DD..YYYY-MM-DD"))
    span = timedelta(days=int(number)) if unit == "d" else timedelta(hours=int(number))
    return now - span, now + timedelta(seconds=1)  # through now: a case opened this second counts


def parse_request(args: str, *, now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime, Filters]:
    """`[7d|30d|24h|YYYY-MM-DD..YYYY-MM-DD] [channel= tier= category= level=]` as a period and filters; a UserError
    that says the form otherwise."""
    period, filters = "7d", {}
    for word in args.split():
        key, sep, value = word.partition("=")
        if sep:
            if key not in ("channel", "tier", "category", "level"):
                raise UserError(_("report: “{key}” is not a filter; filters are channel, tier, category, level.",
                                  key=key[:20]))
            if key == "level" and value not in LEVELS:
                raise UserError(_("report: a level is one of {value}.", value=', '.join(LEVELS)))
            filters[key] = value.upper() if key == "tier" and len(value) == 1 else value
        else:
            period = word
    try:
        start, end = parse_period(period, now=now, zone=zone)
    except ValueError as exc:
        raise UserError(_("report [7d|30d|24h|YYYY-MM-DD..YYYY-MM-DD] [channel= tier= category= level=]: {exc}.",
                          exc=exc)) from None
    return start, end, Filters(**filters)
