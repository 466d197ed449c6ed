"""Outbreak rules over plain counts: when a word's complaints run above their normal rate, and when the hour's
count would cross the admins' outbreak threshold at the current pace."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime, timedelta

SLOT = timedelta(minutes=10)
HOUR = timedelta(hours=1)
BASELINE = timedelta(days=7)  # the normal rate is the average hour of the week before the last hour


@dataclass(frozen=True)
class Thresholds:
    """When a subject surges: at least `min_count` complaints in the last hour, `factor` times its normal hour.
    `outbreak` is the hourly count the admins call an outbreak (the alert says when it will be crossed)."""

    min_count: int = 8
    factor: float = 4.0
    outbreak: int = 30

    def with_values(self, values: dict) -> Thresholds:
        known = {f.name: type(getattr(self, f.name)) for f in fields(self)}
        return replace(self, **{k: known[k](v) for k, v in values.items() if k in known})

    def as_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class WordRate:
    """One word's complaints in a category: in the last hour, in the last twenty minutes, and in the week before."""

    term: str
    last_hour: int
    last_pace: int
    week_before: int
    pace_minutes: float = 20.0  # how long `last_pace` was counted over (the slot before this one and this one so far)

    @property
    def baseline(self) -> float:
        """The normal hourly count: the week before the last hour, spread over its hours."""
        return self.week_before / ((BASELINE - HOUR) / HOUR)

    def surging(self, t: Thresholds) -> bool:
        return self.last_hour >= t.min_count and self.last_hour >= t.factor * max(self.baseline, 0.25)

    def calm(self, t: Thresholds) -> bool:
        """Back near normal: under half of what it took to surge."""
        return self.last_hour < max(t.min_count, t.factor * max(self.baseline, 0.25)) / 2


def slot_of(when: datetime) -> datetime:
    """The start of the ten-minute slot `when` falls in."""
    return when.replace(minute=when.minute - when.minute % 10, second=0, microsecond=0)


def minutes_to_threshold(rate: WordRate, threshold: int) -> int | None:
    """Minutes until the hour's count reaches `threshold`: 0 when it has, None when at this trend it will not
    within a day. The arrival rate is taken as a straight line through two readings: the last hour's average
    (its value half an hour ago) and the last ten to twenty minutes' (its value at their middle). The hour's count
    at a future time is then sixty times the rate half an hour before it."""
    if rate.last_hour >= threshold:
        return 0
    pace_minutes = max(rate.pace_minutes, 1.0)
    now_rate = rate.last_pace / pace_minutes  # per minute, at -pace_minutes/2
    hour_rate = rate.last_hour / 60  # per minute, at -30
    slope = (now_rate - hour_rate) / max(30 - pace_minutes / 2, 1.0)
    needed = threshold / 60  # the rate, half an hour before the crossing, that makes the hour's count reach it
    if slope <= 0:
        if now_rate < needed:
            return None
        # A steady pace: the hour's count moves from where it is to sixty times the pace within the hour.
        return max(1, math.ceil(60 * (threshold - rate.last_hour) / (now_rate * 60 - rate.last_hour)))
    minutes = (needed - now_rate) / slope + 30 - pace_minutes / 2
    return max(1, math.ceil(minutes)) if minutes <= 24 * 60 else None
