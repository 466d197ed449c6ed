"""Report figures over plain rows: volume, reasons, hot words, resolution and response times, SLA, escalations,
offers, repeat complainers and load; and the same report as text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from bot.cases.filters import Filters
from bot.levels import LEVELS
from bot.i18n.language import N_, _
from bot.sla.rules import spoken_duration
from bot.sla.service import LABEL

RESOLVED_WITHIN_HOURS = 48
TOP_REASONS = 5
HOT_WORDS = 12
MAX_DAYS = 190  # a longer period's chart shows only the days that had cases


@dataclass(frozen=True)
class Volume:
    """Cases opened on a day (team's zone) at a level in a category."""

    day: date
    level: str
    category: str
    n: int


@dataclass(frozen=True)
class ClockTally:
    kind: str
    level: str
    finished: int  # stopped or breached
    met: int  # stopped before the deadline


@dataclass(frozen=True)
class Reason:
    category: str
    n: int
    share: float
    words: tuple[str, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class HotWord:
    word: str
    n: int
    before: int  # in the period of the same length just before

    @property
    def new(self) -> bool:
        return self.before == 0


@dataclass
class Report:
    start: datetime
    end: datetime
    filters: Filters
    total: int = 0
    by_level: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    by_day: list[tuple[date, dict[str, int]]] = field(default_factory=list)  # each day's count per level
    reasons: list[Reason] = field(default_factory=list)
    hot_words: list[HotWord] = field(default_factory=list)
    resolved_in_time: int = 0  # resolved within 48 hours of opening
    resolved_eligible: int = 0  # cases whose 48 hours are over, or resolved
    first_response_median: float | None = None  # seconds, to the minute: until the case was answered or resolved
    first_response_p90: float | None = None
    first_responses: int = 0
    sla: list[ClockTally] = field(default_factory=list)
    breaches: int = 0
    breach_climbs: dict[str, int] = field(default_factory=dict)  # tier reached by breach escalations -> count
    escalations: dict[str, int] = field(default_factory=dict)  # tier -> escalations into it
    offers: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # status -> currency -> [count, minor]
    repeat_customers: int = 0  # customers with three or more contacts in the period
    load: dict[str, dict[str, int]] = field(default_factory=dict)  # owner name -> {"open": n, "resolved": n}

    @property
    def resolved_share(self) -> float | None:
        return self.resolved_in_time / self.resolved_eligible if self.resolved_eligible else None

    def as_json(self) -> dict:
        return {
            "from": self.start.isoformat(), "to": self.end.isoformat(), "filters": self.filters.as_json(),
            "total": self.total, "by_level": self.by_level, "by_category": self.by_category,
            "by_day": [{"day": d.isoformat(), **levels} for d, levels in self.by_day],
            "top_reasons": [asdict(r) for r in self.reasons],
            "hot_words": [{"word": w.word, "n": w.n, "before": w.before, "new": w.new} for w in self.hot_words],
            "resolved_within_48h": {"resolved": self.resolved_in_time, "of": self.resolved_eligible,
                                    "share": self.resolved_share},
            "first_response_seconds": {"median": self.first_response_median, "p90": self.first_response_p90,
                                       "n": self.first_responses},
            "sla": [asdict(t) for t in self.sla], "breaches": self.breaches, "breach_climbs": self.breach_climbs,
            "escalations_by_tier": self.escalations, "offers": self.offers,
            "repeat_customers": self.repeat_customers, "load_per_owner": self.load,
        }


def percentile_of_counts(counts: dict[int, int], p: float) -> int | None:
    """The p-th percentile by the nearest rank (the value a p share of the sample is at or under), over a histogram
    (value -> how many), without expanding it."""
    total = sum(counts.values())
    if not total:
        return None
    rank, seen = max(1, math.ceil(p / 100 * total)), 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    return None


def volume_figures(report: Report, rows: list[Volume], *, first: date | None = None, last: date | None = None) -> None:
    """Totals by level and category, and each day's count per level; with `first` and `last`, every day between
    them has a row (a quiet day shows as nothing, not as a gap the chart closes up), up to MAX_DAYS."""
    levels: Counter = Counter()
    categories: Counter = Counter()
    days: dict[date, Counter] = defaultdict(Counter)
    for r in rows:
        levels[r.level] += r.n
        categories[r.category] += r.n
        days[r.day][r.level] += r.n
    report.total = sum(levels.values())
    report.by_level = {lv: levels[lv] for lv in LEVELS if levels[lv]}
    report.by_category = dict(categories.most_common())
    if first is not None and last is not None and 0 <= (last - first).days < MAX_DAYS:
        for n in range((last - first).days + 1):
            days[first + timedelta(days=n)]  # noqa: B018  (a defaultdict: reading makes the empty day)
    report.by_day = [(d, {lv: days[d][lv] for lv in LEVELS}) for d in sorted(days)]


def top_reasons(by_category: dict[str, int], words: dict[str, list[str]], examples: dict[str, list[str]],
                total: int) -> list[Reason]:
    """The five categories with most cases, each with its own most used words and a few messages."""
    ranked = sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_REASONS]
    return [Reason(c, n, n / total if total else 0.0, tuple(words.get(c, [])[:5]), tuple(examples.get(c, [])[:2]))
            for c, n in ranked]


def hot_words(now: dict[str, int], before: dict[str, int], *, limit: int = HOT_WORDS, min_count: int = 3) -> list[HotWord]:
    """Words that rose against the period before: by how far the count beats what the old rate predicts, with
    the old count smoothed by one so a new word does not win on a single use."""
    scored = []
    for word, n in now.items():
        if n < min_count:
            continue
        old = before.get(word, 0)
        lift = (n + 1) / (old + 1)
        if lift <= 1.5:
            continue
        scored.append((n * math.log(lift), HotWord(word, n, old)))
    return [w for _, w in sorted(scored, key=lambda s: (-s[0], s[1].word))[:limit]]


def duration_text(seconds: float | None) -> str:
    return "—" if seconds is None else spoken_duration(seconds)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def as_text(report: Report, *, zone_name: str) -> str:
    """The report as a chat card's lines."""
    f = report.filters.as_json()
    lines = [f"{report.start:%Y-%m-%d %H:%M} – {report.end:%Y-%m-%d %H:%M} ({zone_name})"
             + (f" · {' '.join(f'{k}={v}' for k, v in f.items())}" if f else "")]
    lines.append(_("Cases opened: {n}", n=report.total)
                 + (" · " + " · ".join(f"{_(lv)} {n}" for lv, n in report.by_level.items()) if report.total else ""))
    if report.reasons:
        lines.append(_("Top reasons:") + " " + "; ".join(
            f"{_(r.category)} {r.n} ({r.share:.0%})" + (f" – {', '.join(r.words[:3])}" if r.words else "")
            for r in report.reasons))
    if report.hot_words:
        lines.append(_("Hot words:") + " " + ", ".join(
            f"{w.word} {w.n} " + (_("(new)") if w.new else _("(was {n})", n=w.before)) for w in report.hot_words[:8]))
    lines.append(_("Resolved within {hours} h: {share} ({resolved} of {of})", hours=RESOLVED_WITHIN_HOURS,
                   share=_share(report.resolved_in_time, report.resolved_eligible), resolved=report.resolved_in_time,
                   of=report.resolved_eligible))
    lines.append(_("First response: median {median}, 90% within {p90} ({n} cases)",
                   median=duration_text(report.first_response_median), p90=duration_text(report.first_response_p90),
                   n=report.first_responses))
    met = [(t.kind, t.level, t.met, t.finished) for t in report.sla if t.finished]
    if met:
        lines.append(_("SLA met:") + " " + ", ".join(f"{_(LABEL.get(k, k))} {_(lv)} {_share(m, n)}"
                                                    for k, lv, m, n in met))
    lines.append(_("Breaches: {n}", n=report.breaches) + (
        " · " + _("climbed to {tiers}", tiers=", ".join(f"{t} {n}" for t, n in report.breach_climbs.items()))
        if report.breach_climbs else ""))
    if report.escalations:
        lines.append(_("Escalations:") + " " + ", ".join(f"{t} {n}" for t, n in report.escalations.items()))
    for status, said in (("granted", N_("Offers granted:")), ("approved", N_("Offers approved:"))):
        per = report.offers.get(status)
        if per:
            lines.append(_(said) + " " + ", ".join(
                f"{n} · {cur} {minor / 100:,.2f}" for cur, (n, minor) in sorted(per.items())))
    lines.append(_("Repeat complainers (3+ contacts): {n}", n=report.repeat_customers))
    if report.load:
        lines.append(_("Load:") + " " + ", ".join(
            _("{name} {open} open / {resolved} resolved", name=name, open=v.get("open", 0),
              resolved=v.get("resolved", 0)) for name, v in list(report.load.items())[:8]))
    return "\n".join(lines)


CSV_COLUMNS = ("case", "opened", "channel", "level", "category", "grade", "tier", "status", "owner", "customer",
               "contacts", "resolved", "hours_to_resolve", "first_response_minutes", "escalations", "incident")


def as_csv(rows: list[dict]) -> str:
    """One row per case, with a header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
