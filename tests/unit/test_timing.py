"""Reply times said the way a person would, never later than the clock they come from."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.playbook.compose import templates
from bot.playbook.timing import say_by

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=SHANGHAI)  # a Wednesday morning


def say(lang: str, **delta) -> str:
    return say_by(NOW + timedelta(**delta), NOW, templates(lang)["words"]["when"])


@pytest.mark.parametrize("lang,delta,expected", [
    ("zh-Hans", {"minutes": 30}, "30 分钟内"),
    ("en", {"minutes": 47}, "within 45 minutes"),
    ("en", {"minutes": 88}, "within 85 minutes"),
    ("zh-Hans", {"hours": 4}, "今天下午2点前"),
    ("zh-Hans", {"hours": 1, "minutes": 50}, "今天中午12点前"),
    ("zh-Hant", {"hours": 5, "minutes": 20}, "今天下午3點半前"),
    ("en", {"hours": 6, "minutes": 50}, "by 5 pm today"),
    ("zh-Hans", {"days": 1, "hours": 1, "minutes": 50}, "明天中午12点前"),
    ("en", {"days": 1, "hours": 7, "minutes": 15}, "by 5:30 pm tomorrow"),
    ("zh-Hant", {"days": 2}, "週五上午10點前"),
    ("en", {"days": 2, "hours": 8}, "by 6 pm on Friday"),
    ("zh-Hans", {"days": 9}, "12月11日上午10点前"),
    ("en", {"days": 9}, "by 10 am on 11 December"),
    ("zh-Hans", {"hours": 13, "minutes": 45}, "今天晚上12点前"),
    ("en", {"hours": 13, "minutes": 50}, "by midnight today"),
])
def test_a_deadline_is_said_as_a_person_would(lang, delta, expected):
    assert say(lang, **delta) == expected


@pytest.mark.parametrize("minutes", [125, 131, 600, 61 * 24, 60 * 24 * 9 + 7])
def test_the_promise_is_never_later_than_the_deadline(minutes):
    words = templates("en")["words"]["when"]
    deadline = NOW + timedelta(minutes=minutes)
    floor = deadline.replace(minute=deadline.minute // 30 * 30)
    # What is said is the deadline rounded down to the half hour: at most 30 minutes early, never late.
    assert say_by(deadline, NOW, words) == say_by(floor, NOW, words)
    assert deadline - timedelta(minutes=30) < floor <= deadline
