"""SLA clocks in the database: start, stop, pause, and what a due warning point says."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, update
from sqlmodel import Session, select

from bot.i18n.language import N_, _
from bot.audit.service import record_audit
from bot.cases.tables import Case, Customer
from bot.levels import COMPLAINT_LEVELS as LEVELS
from bot.sla.rules import WorkingTime, default_policy, parse_duration, schedule, spoken_duration, window
from bot.sla.tables import SlaClock
from bot.store.db import as_utc
from bot.store.kept import read_once
from bot.store.tables import Timer
from bot.store.setting import read_setting, write_setting
from bot.timers.runner import schedule_timer, schedule_timers

POLICY_KEY = "sla"
TIMER_KIND = "sla"
FOLLOW_UP_KIND = "follow_up"
LABEL = {"first": N_("first response"), "update": N_("next update"), "resolve": N_("resolution"),
         "silence": N_("silence check"), "ack": N_("acknowledgement")}


# -- policy ---------------------------------------------------------------------------------------
def current_policy(session: Session) -> dict:
    return read_setting(session, POLICY_KEY, None) or default_policy()


def save_policy(session: Session, policy: dict, *, actor: str, now: datetime, change: str) -> None:
    value = json.dumps(policy, sort_keys=True)
    old = write_setting(session, POLICY_KEY, value, actor=actor, now=now) or json.dumps(default_policy(), sort_keys=True)
    record_audit(session, actor=actor, action="sla.set", target=change, old=old, new=value, now=now)


def describe_policy(policy: dict) -> list[str]:
    lines = [_("{level}: first {first} · update {update} · resolve {resolve} · {mode}", level=_(level),
               first=p["first"], update=p["update"], resolve=p["resolve"], mode=_(p["mode"]))
             for level, p in ((lv, policy["levels"][lv]) for lv in reversed(LEVELS))]
    vip = ", ".join(f"VIP {v}+ ×{f}" for v, f in sorted(policy.get("vip", {}).items(), key=lambda kv: int(kv[0])))
    lines += [_("VIP: {rules}", rules=vip or _("none")),
              _("warnings at {points}", points=", ".join(f"{p}%" for p in policy["warn"])),
              _("business hours {hours} {days}, calendar {calendar}", hours=policy["hours"], days=policy["days"],
                calendar=policy["calendar"]),
              _("quiet period before a silent customer is chased: {quiet}", quiet=policy["quiet"])]
    return lines


def case_policy(session: Session, case: Case) -> dict:
    """The policy the case started with; the first clock fixes it."""
    if case.sla_policy is None:
        case.sla_policy = json.dumps(current_policy(session), sort_keys=True)
    return json.loads(case.sla_policy)


def first_response_windows(session: Session, case: Case, *, vip_level: int) -> dict[str, timedelta]:
    """How long each level may wait for a first response on this case (its policy, or the current one)."""
    policy = json.loads(case.sla_policy) if case.sla_policy else current_policy(session)
    return {level: timedelta(seconds=window(policy, level, "first", vip_level)) for level in LEVELS}


# -- clocks ----------------------------------------------------------------------------------------
def clocks(session: Session, case_id: int, *, running_only: bool = False) -> list[SlaClock]:
    every = read_once(session, ("clocks", case_id), lambda: list(
        session.exec(select(SlaClock).where(SlaClock.case_id == case_id).order_by(SlaClock.id))))
    return [c for c in every if c.status == "running"] if running_only else list(every)


def start_clock(session: Session, case: Case, kind: str, *, now: datetime, zone: ZoneInfo,
                seconds: int | None = None, points: list[int] | None = None) -> SlaClock | None:
    """A new clock on the case with a timer row for each warning point (all sharing the clock's token)."""
    if case.level not in LEVELS:
        return None
    policy = case_policy(session, case)
    customer = session.get(Customer, case.customer_id)
    level_policy = policy["levels"][case.level]
    mode = "24x7" if kind == "silence" else level_policy["mode"]
    if seconds is None:
        seconds = parse_duration(policy["quiet"]) if kind == "silence" else window(policy, case.level, kind,
                                                                                    customer.vip_level)
    warn = points if points is not None else ([100] if kind == "silence" else list(policy["warn"]))
    hours = WorkingTime.from_policy(policy, zone)
    plan = schedule(now, seconds, mode=mode, points=warn, hours=hours)
    clock = SlaClock(case_id=case.id, kind=kind, level=case.level, mode=mode, token=uuid.uuid4().hex,
                     window_seconds=seconds, started_at=now, deadline=plan.deadline)
    session.add(clock)
    session.flush()
    schedule_timers(session, case_id=case.id, kind=TIMER_KIND, token=clock.token,
                    due=[(due, {"clock": clock.id, "point": point}) for point, due in plan.points])
    return clock


def stop_clocks(session: Session, case: Case, kinds: tuple[str, ...], *, now: datetime,
                status: str = "stopped") -> list[SlaClock]:
    """Stop the case's running clocks of these kinds; their pending warnings become stale at once."""
    stopped = []
    for clock in clocks(session, case.id, running_only=True):
        if clock.kind in kinds:
            session.execute(update(Timer).where(Timer.token == clock.token, Timer.status == "pending")
                            .values(status="stale"))
            clock.status, clock.stopped_at, clock.token = status, now, uuid.uuid4().hex
            stopped.append(clock)
    return stopped


def on_customer_message(session: Session, case: Case, *, now: datetime, zone: ZoneInfo) -> None:
    """The first complaint starts first response and resolution; each later message restarts next update."""
    if case.level not in LEVELS:
        return
    if case.waiting_since is not None:
        case.waiting_since = None
        stop_clocks(session, case, ("silence",), now=now)
    kinds = {c.kind for c in clocks(session, case.id)}
    if "first" not in kinds:
        start_clock(session, case, "first", now=now, zone=zone)
        start_clock(session, case, "resolve", now=now, zone=zone)
        return
    stop_clocks(session, case, ("update",), now=now)
    session.execute(update(SlaClock).where(SlaClock.case_id == case.id, SlaClock.kind == "update",
                                           SlaClock.status == "paused").values(status="stopped", stopped_at=now))
    start_clock(session, case, "update", now=now, zone=zone)


def on_replied(session: Session, case: Case, *, now: datetime) -> None:
    stop_clocks(session, case, ("first", "update"), now=now)


def on_waiting(session: Session, case: Case, *, now: datetime, zone: ZoneInfo) -> None:
    """Waiting on the customer: the update clock pauses and a silence clock starts."""
    stop_clocks(session, case, ("update",), now=now, status="paused")
    stop_clocks(session, case, ("silence",), now=now)
    case.waiting_since = now
    start_clock(session, case, "silence", now=now, zone=zone)


def on_resolved(session: Session, case: Case, *, now: datetime, zone: ZoneInfo, follow_up_on=None) -> None:
    stop_clocks(session, case, ("first", "update", "resolve", "silence", "ack"), now=now)
    if follow_up_on is not None:
        due = datetime.combine(follow_up_on, time(9, 0), zone)
        schedule_timer(session, case_id=case.id, kind=FOLLOW_UP_KIND, due_at=max(due, now), token=f"case:{case.id}",
                       payload={"date": follow_up_on.isoformat()})


def on_acknowledged(session: Session, case: Case, *, now: datetime) -> None:
    stop_clocks(session, case, ("ack",), now=now)


def left_text(deadline: datetime, now: datetime) -> str:
    seconds = (as_utc(deadline) - now).total_seconds()
    if seconds <= 0:
        return _("overdue by {span}", span=spoken_duration(-seconds))
    return _("{span} left", span=spoken_duration(seconds))


def clock_lines(session: Session, case: Case, *, now: datetime, zone: ZoneInfo) -> list[str]:
    """Each running or paused clock with its deadline in the team's time zone and the time left."""
    lines = []
    for clock in clocks(session, case.id):
        if clock.status not in ("running", "paused"):
            continue
        due = as_utc(clock.deadline).astimezone(zone)
        state = _("paused") if clock.status == "paused" else left_text(clock.deadline, now)
        lines.append(_("{clock} due {due} ({state}, {mode})", clock=_(LABEL[clock.kind]),
                       due=format(due, "%Y-%m-%d %H:%M %Z"), state=state, mode=_(clock.mode)))
    return lines


def promise_deadlines(session: Session, case: Case, *, now: datetime, zone: ZoneInfo) -> dict[str, datetime]:
    """What a reply may promise, in the team's zone: the next update by the running update clock, or by the one
    a reply sent now would start; the resolution by the running resolution clock."""
    if case.level not in LEVELS:
        return {}
    running = {c.kind: as_utc(c.deadline) for c in clocks(session, case.id, running_only=True)}
    if "update" not in running:
        policy = case_policy(session, case)
        customer = session.get(Customer, case.customer_id)
        seconds = window(policy, case.level, "update", customer.vip_level)
        plan = schedule(now, seconds, mode=policy["levels"][case.level]["mode"], points=[100],
                        hours=WorkingTime.from_policy(policy, zone))
        running["update"] = plan.deadline
    return {kind: running[kind].astimezone(zone) for kind in ("update", "resolve") if kind in running}


def next_deadline(session: Session, case_id: int) -> datetime | None:
    return next_deadlines(session, [case_id]).get(case_id)


def next_deadlines(session: Session, case_ids: list[int]) -> dict[int, datetime]:
    """Each case's nearest running deadline (cases without a running clock are left out), in one query."""
    rows = session.exec(select(SlaClock.case_id, func.min(SlaClock.deadline)).where(
        SlaClock.case_id.in_(case_ids), SlaClock.status == "running").group_by(SlaClock.case_id))
    return {case_id: as_utc(due) for case_id, due in rows}

