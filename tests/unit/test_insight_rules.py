"""Insight's plain rules, without a database: words, surge arithmetic, time to threshold, hot words, periods."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.errors import UserError
from bot.insight.gather import parse_period, parse_request
from bot.insight.handlers import next_digest
from bot.insight.outbreak import Thresholds, WordRate, minutes_to_threshold, slot_of
from bot.cases.filters import Filters
from bot.insight.report import Report, Volume, hot_words, percentile_of_counts, volume_figures
from bot.insight.terms import MAX_TERMS, terms_of
from bot.playbook.compose import incident_script

SH = ZoneInfo("Asia/Shanghai")


def test_words_are_folded_to_simplified_and_stopwords_stay_out():
    assert terms_of("這批洗衣機漏水，我要退錢") == ["洗衣机", "漏水", "退钱"]
    assert terms_of("新买的洗衣机漏水") == ["新买", "洗衣机", "漏水"] or "洗衣机" in terms_of("新买的洗衣机漏水")
    assert "客服" not in terms_of("客服态度很差") and "态度" in terms_of("客服态度很差")
    english = terms_of("My order still hasn't arrived and the refund is missing")
    assert "refund" in english and "hasn't" not in english and "the" not in english
    assert len(terms_of(" ".join(f"word{i}x" for i in range(40)).replace("0", "a"))) <= MAX_TERMS


def test_a_word_surges_only_above_both_the_floor_and_its_normal_rate():
    t = Thresholds(min_count=8, factor=4.0, outbreak=30)
    new = WordRate("漏水", last_hour=8, last_pace=4, week_before=0)
    assert new.surging(t)
    usual = WordRate("退款", last_hour=20, last_pace=7, week_before=167 * 6)  # six an hour, every hour
    assert usual.baseline == pytest.approx(6) and not usual.surging(t)
    assert WordRate("退款", 24, 8, 167 * 6).surging(t)  # four times its hour
    assert not WordRate("漏水", 7, 5, 0).surging(t)  # under the floor
    assert WordRate("漏水", 3, 0, 0).calm(t) and not WordRate("漏水", 5, 2, 0).calm(t)
    assert t.with_values({"min_count": "5", "factor": "2.5", "unknown": 1}) == Thresholds(5, 2.5, 30)


def test_time_to_threshold_follows_the_trend():
    assert minutes_to_threshold(WordRate("x", 31, 10, 0), 30) == 0
    # A steady ten an hour never reaches thirty.
    assert minutes_to_threshold(WordRate("x", 10, 3, 0, pace_minutes=18), 30) is None
    # Forty an hour now, twenty in the hour: the hour's count reaches thirty within about a quarter of an hour.
    soon = minutes_to_threshold(WordRate("x", 20, 12, 0, pace_minutes=18), 30)
    assert 5 <= soon <= 20
    # A steady thirty-six an hour, the hour at twenty-four: about ten minutes more at that pace.
    assert 5 <= minutes_to_threshold(WordRate("x", 24, 6, 0, pace_minutes=10), 30) <= 15
    # Accelerating: eight in the hour, six in the last eighteen minutes.
    rising = minutes_to_threshold(WordRate("x", 8, 6, 0, pace_minutes=18), 30)
    assert 30 <= rising <= 120
    assert minutes_to_threshold(WordRate("x", 8, 9, 0, pace_minutes=18), 30) < rising  # faster, sooner


def test_slots_are_ten_minutes():
    assert slot_of(datetime(2026, 1, 1, 10, 37, 12, tzinfo=UTC)) == datetime(2026, 1, 1, 10, 30, tzinfo=UTC)


def test_hot_words_rise_against_the_period_before():
    now = {"漏水": 40, "退款": 50, "快递": 12, "偶尔": 2}
    before = {"退款": 48, "快递": 3}
    hot = hot_words(now, before)
    assert [w.word for w in hot] == ["漏水", "快递"] and hot[0].new and not hot[1].new  # 退款 did not rise; 偶尔 too few


def test_percentile_is_the_nearest_rank():
    def percentile(values, p):
        return percentile_of_counts(Counter(values), p)
    assert percentile([], 50) is None
    assert percentile([5, 1, 3, 2, 4], 50) == 3 and percentile(list(range(1, 11)), 90) == 9


def test_every_day_of_the_period_has_a_row():
    report = Report(datetime(2026, 11, 1, tzinfo=SH), datetime(2026, 11, 4, tzinfo=SH), Filters())
    volume_figures(report, [Volume(date(2026, 11, 2), "potential", "delivery", 3),
                            Volume(date(2026, 11, 2), "high_risk", "quality", 1)],
                   first=date(2026, 11, 1), last=date(2026, 11, 3))
    assert [d.day for d, _ in report.by_day] == [1, 2, 3]
    assert report.by_day[1][1]["potential"] == 3 and report.total == 4
    assert report.by_level == {"potential": 3, "high_risk": 1} and report.by_category == {"delivery": 3, "quality": 1}


def test_periods_and_filters():
    now = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)
    start, end = parse_period("2026-11-01..2026-11-30", now=now, zone=SH)
    assert start == datetime(2026, 11, 1, tzinfo=SH) and end == datetime(2026, 12, 1, tzinfo=SH)
    start, end = parse_period("24h", now=now, zone=SH)
    assert end - start == timedelta(hours=24, seconds=1)
    for bad in ("7x", "0d", "2026-11-30..2026-11-01", "2026-13-01..2026-13-02"):
        with pytest.raises(ValueError):
            parse_period(bad, now=now, zone=SH)
    _, _, filters = parse_request("30d level=high_risk tier=d channel=slack", now=now, zone=SH)
    assert filters == Filters(channel="slack", tier="D", level="high_risk")
    for bad in ("7d level=angry", "7d owner=me", "fortnight"):
        with pytest.raises(UserError):
            parse_request(bad, now=now, zone=SH)


def test_digests_go_out_at_the_next_local_time_weekly_on_mondays():
    now = datetime(2026, 11, 4, 2, 0, tzinfo=UTC)  # Wednesday 10:00 in Shanghai
    assert next_digest({"every": "daily", "at": "09:00"}, now=now, zone=SH) == datetime(2026, 11, 5, 9, 0, tzinfo=SH)
    assert next_digest({"every": "daily", "at": "18:30"}, now=now, zone=SH) == datetime(2026, 11, 4, 18, 30, tzinfo=SH)
    assert next_digest({"every": "weekly", "at": "09:00"}, now=now, zone=SH) == datetime(2026, 11, 9, 9, 0, tzinfo=SH)


def test_an_incident_script_is_given_in_the_customers_script():
    scripts = {"zh-Hans": "这批洗衣机的进水阀有缺陷，我们会上门更换"}
    assert incident_script(scripts, "zh-Hant") == "這批洗衣機的進水閥有缺陷，我們會上門更換"
    assert incident_script(scripts, "zh-Hans") == scripts["zh-Hans"]
    assert incident_script(scripts, "en") == ""  # a Chinese script is no answer to an English customer
    assert incident_script({"en": "We are replacing the valve."}, "en") == "We are replacing the valve."


def test_time_left_is_said_as_people_say_it():
    from bot.sla.rules import spoken_duration

    assert [spoken_duration(s) for s in (45, 12 * 60 + 30, 3600, 12 * 3600 + 54 * 60, 13794 * 60, 3 * 86400)] == \
        ["45 s", "12 m", "1 h", "12 h 54 m", "9 d 13 h", "3 d"]
