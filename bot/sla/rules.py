"""SLA arithmetic as plain functions: durations, working hours, calendars, deadlines and warning times."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.errors import UserError
from bot.i18n.language import _

POLICY_FILE = Path(__file__).with_name("policy.toml")
CLOCKS = ("first", "update", "resolve")
MODES = ("24x7", "business")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_DURATION = timedelta(days=365)
_DURATION = re.compile(r"^(\d{1,6})\s*([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


def parse_duration(text: str) -> int:
    """Seconds in `45s`, `15m`, `4h`, `2d`; a UserError for zero, negative or unreadable durations."""
    m = _DURATION.match(text.strip().lower())
    if not m:
        raise UserError(_("“{text}” is not a duration; write 45s, 15m, 4h or 2d.", text=text[:20]))
    seconds = int(m.group(1)) * _UNITS[m.group(2)]
    if seconds <= 0:
        raise UserError(_("A duration must be above zero."))
    if seconds > MAX_DURATION.total_seconds():
        raise UserError(_("A duration is at most a year."))
    return seconds


def format_duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds % 86400 == 0:
        return f"{seconds // 86400}d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    if seconds % 60 == 0:
        return f"{seconds // 60}m"
    return f"{seconds}s"


def spoken_duration(seconds: float) -> str:
    """A span as people say it: "45 s", "12 m", "12 h 54 m", "3 d 4 h" (never "13794m")."""
    seconds = int(seconds)
    if seconds < 60:
        return _("{s} s", s=seconds)
    minutes = seconds // 60
    if minutes < 60:
        return _("{m} m", m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return _("{h} h {m} m", h=hours, m=minutes) if minutes else _("{h} h", h=hours)
    days, hours = divmod(hours, 24)
    return _("{d} d {h} h", d=days, h=hours) if hours else _("{d} d", d=days)


def parse_hours(text: str) -> tuple[str, str]:
    """`09:00-18:00 mon-fri` (days optional) as ("09:00-18:00", "mon-fri")."""
    parts = text.strip().lower().split()
    if not parts or len(parts) > 2:
        raise UserError(_("Usage: sla hours 09:00-18:00 mon-fri"))
    m = _HOURS.match(parts[0])
    if not m:
        raise UserError(_("“{value}” is not a span of hours; write 09:00-18:00.", value=parts[0][:20]))
    start, end = (int(m.group(1)), int(m.group(2))), (int(m.group(3)), int(m.group(4)))
    if end <= start or end > (24, 0):
        raise UserError(_("The working day must end after it starts (09:00-18:00)."))
    days = parts[1] if len(parts) == 2 else "mon-fri"
    weekdays(days)
    return parts[0], days


def weekdays(text: str) -> frozenset[int]:
    """`mon-fri`, `mon-sat`, `mon,wed,fri` as weekday numbers (Monday 0)."""
    out: set[int] = set()
    for part in text.lower().split(","):
        a, _sep, b = part.strip().partition("-")
        if a not in DAYS or (b and b not in DAYS):
            raise UserError(_("“{text}” are not days; write mon-fri or mon,wed,fri.", text=text[:20]))
        i, j = DAYS.index(a), DAYS.index(b or a)
        if j < i:
            raise UserError(_("Days run forwards: mon-fri, not fri-mon."))
        out.update(range(i, j + 1))
    return frozenset(out)


@lru_cache(maxsize=64)
def _country_holidays(code: str, year: int):
    import holidays

    return holidays.country_holidays(code, years=year)


@lru_cache(maxsize=8192)
def _cn_workday(day: date) -> bool | None:
    """China's calendar for one day (holidays off, 调休 Saturdays on); None for a year it does not cover yet.
    Kept: the library scans its whole table on every call, and a month-long clock asks about every day."""
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def check_calendar(code: str) -> str:
    """A calendar the libraries know: CN (chinesecalendar, with 调休) or a country code of `holidays`."""
    code = code.strip().upper()
    if code == "CN":
        return code
    import holidays

    if code not in holidays.list_supported_countries():
        raise UserError(_("No holiday calendar “{code}”; use a country code such as CN, TW, HK, US, GB.",
                          code=code[:10]))
    return code


@dataclass(frozen=True)
class WorkingTime:
    """Working hours on working days in a time zone, with a country's public holidays and make-up days."""

    start: time
    end: time
    days: frozenset[int]
    calendar: str
    zone: ZoneInfo

    @classmethod
    def from_policy(cls, policy: dict, zone: ZoneInfo) -> WorkingTime:
        a, b = policy["hours"].split("-")
        end = time(23, 59, 59, 999999) if b == "24:00" else time.fromisoformat(b)
        return cls(time.fromisoformat(a), end, weekdays(policy["days"]), policy["calendar"], zone)

    def working_day(self, day: date) -> bool:
        if self.calendar == "CN":
            workday = _cn_workday(day)
            if workday is None:  # a year the library does not cover yet: weekdays only
                return day.weekday() in self.days
            # Holidays off, and the Saturdays or Sundays China works instead (调休) on.
            return workday and (day.weekday() in self.days or day.weekday() >= 5)
        return day.weekday() in self.days and day not in _country_holidays(self.calendar, day.year)

    def add(self, moment: datetime, seconds: float) -> datetime:
        """The moment `seconds` of working time after `moment`."""
        local = moment.astimezone(self.zone)
        left = timedelta(seconds=seconds)
        for _unused in range(3700):  # ten years of days: a calendar with no working day at all stops here
            day = local.date()
            if self.working_day(day):
                open_at = datetime.combine(day, self.start, self.zone)
                close_at = datetime.combine(day, self.end, self.zone)
                begin = max(local, open_at)
                if begin < close_at:
                    if begin + left <= close_at:
                        return (begin + left).astimezone(moment.tzinfo)
                    left -= close_at - begin
            local = datetime.combine(day + timedelta(days=1), time(0), self.zone)
        raise UserError(_("The working calendar has no working time ahead; check `sla hours` and `sla calendar`."))

    def between(self, a: datetime, b: datetime) -> float:
        """Working seconds from a to b (0 when b is not after a)."""
        if b <= a:
            return 0.0
        total = 0.0
        local, end = a.astimezone(self.zone), b.astimezone(self.zone)
        while local < end:
            day = local.date()
            if self.working_day(day):
                open_at = datetime.combine(day, self.start, self.zone)
                close_at = datetime.combine(day, self.end, self.zone)
                lo, hi = max(local, open_at), min(end, close_at)
                if hi > lo:
                    total += (hi - lo).total_seconds()
            local = datetime.combine(day + timedelta(days=1), time(0), self.zone)
        return total


@lru_cache(maxsize=1)
def default_policy() -> dict:
    with POLICY_FILE.open("rb") as fh:
        return tomllib.load(fh)


def window(policy: dict, level: str, clock: str, vip_level: int) -> int:
    """A clock's window in seconds for this level, tightened by the customer's VIP factor."""
    seconds = parse_duration(policy["levels"][level][clock])
    factors = [float(f) for v, f in policy.get("vip", {}).items() if vip_level >= int(v)]
    return max(1, int(seconds * min(factors))) if factors else seconds


@dataclass(frozen=True)
class Schedule:
    deadline: datetime
    points: tuple[tuple[int, datetime], ...]  # (share of the window, when)


def schedule(start: datetime, seconds: int, *, mode: str, points: list[int], hours: WorkingTime) -> Schedule:
    """The deadline and each warning point's moment, in wall time (24x7) or working time (business)."""
    def at(share: float) -> datetime:
        delta = seconds * share / 100
        return start + timedelta(seconds=delta) if mode == "24x7" else hours.add(start, delta)

    return Schedule(at(100), tuple((p, at(p)) for p in sorted(set(points))))
