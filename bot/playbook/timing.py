"""When a reply says it will come back: a case clock's deadline said the way a person would ("明天中午12点前",
"by 5 pm tomorrow"), never later than the clock itself."""

from __future__ import annotations

from datetime import datetime, timedelta

RELATIVE = timedelta(minutes=90)  # nearer than this, "within 45 minutes" is what people say


def say_by(deadline: datetime, now: datetime, words: dict) -> str:
    """The deadline as a promise in the reply's language; both times in the team's zone."""
    left = deadline - now
    if left <= RELATIVE:
        minutes = max(5, int(left.total_seconds() // 60) // 5 * 5)  # down to five minutes: kept, not missed
        return words["minutes"].format(n=minutes)
    # Down to the half hour: promising a little earlier than the clock keeps the promise inside it.
    at = deadline.replace(minute=0 if deadline.minute < 30 else 30, second=0, microsecond=0)
    time = _clock(at, words)
    # Midnight closes the day before it: "by midnight today", not tomorrow.
    day = (at - timedelta(microseconds=1)).date() if (at.hour, at.minute) == (0, 0) else at.date()
    days = (day - now.date()).days
    if days == 0:
        return words["today"].format(time=time)
    if days == 1:
        return words["tomorrow"].format(time=time)
    if days < 7:
        return words["weekday"].format(time=time, weekday=words["weekdays"][day.weekday()])
    month = words["months"][day.month - 1] if "months" in words else day.month
    return words["date"].format(time=time, day=day.day, month=month)


def _clock(at: datetime, words: dict) -> str:
    if at.minute == 0 and at.hour == 12:
        return words["noon"]
    if at.minute == 0 and at.hour == 0:
        return words["midnight"]
    h = at.hour % 12 or 12
    period = ""
    for start, name in words.get("periods", ()):
        if at.hour >= start:
            period = name
    ampm = words.get("am" if at.hour < 12 else "pm", "")
    form = words["hour"] if at.minute == 0 else words["half"]
    return form.format(h=h, mm=f"{at.minute:02d}", period=period, ampm=ampm)
