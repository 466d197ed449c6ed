"""Grading, limits and resolutions as plain functions: no database."""

from datetime import date

import pytest

from bot.authority.rules import LimitRule, effective_limit, parse_limit_rule, rule_for
from bot.cases.resolution import parse_resolution
from bot.errors import UserError
from bot.tiers.rules import default_matrix, escalation_target, grade_case


def test_grade_comes_from_level_and_impact():
    m = default_matrix()
    assert grade_case(m, level="potential", vip_level=0, annual_value_minor=None, currency="CNY", contacts=1)[0] == "F"
    assert grade_case(m, level="high_risk", vip_level=0, annual_value_minor=None, currency="CNY", contacts=1)[0] == "D"
    grade, reason = grade_case(m, level="high_risk", vip_level=4, annual_value_minor=None, currency="CNY", contacts=1)
    assert grade == "C" and "VIP 4 +1" in reason
    grade, reason = grade_case(m, level="explicit", vip_level=5, annual_value_minor=600_000_00, currency="CNY",
                               contacts=3)
    assert grade == "A" and "annual value 600,000 CNY +2" in reason and "3 contacts +1" in reason
    # value thresholds are per currency: 60,000 TWD is not 60,000 CNY
    assert grade_case(m, level="explicit", vip_level=0, annual_value_minor=60_000_00, currency="TWD",
                      contacts=1)[0] == "E"


def test_escalation_goes_up_one_or_straight_to_the_case_grade():
    assert escalation_target(tier_grade="F", case_grade="F") == "E"
    assert escalation_target(tier_grade="F", case_grade="C") == "C"
    assert escalation_target(tier_grade="C", case_grade="D") == "B"
    assert escalation_target(tier_grade="A", case_grade="A") == "A"


@pytest.mark.parametrize("text,pct,bp,cap", [
    ("x2", 200, None, None), ("×1.5", 150, None, None), ("3x", 300, None, None),
    ("5%", None, 500, None), ("5% cap ¥2000", None, 500, 200_000), ("2.5% of annual value cap 800", None, 250, 80_000),
])
def test_vip_rules_are_read(text, pct, bp, cap):
    rule = parse_limit_rule(3, text, default_currency="CNY")
    assert (rule.multiplier_pct, rule.share_bp, rule.cap_minor) == (pct, bp, cap)


@pytest.mark.parametrize("text", ["double", "x0.5", "x1000", "0%", "150%", "5% cap -3", "5% cap lots"])
def test_bad_vip_rules_are_refused(text):
    with pytest.raises(UserError):
        parse_limit_rule(3, text, default_currency="CNY")


def test_effective_limit_scales_with_the_customer():
    double = LimitRule(3, multiplier_pct=200)
    share = LimitRule(3, share_bp=500, cap_minor=2_000_00)
    assert effective_limit(100_00, "CNY", None, None, None) == 100_00
    assert effective_limit(100_00, "CNY", double, None, None) == 200_00
    assert effective_limit(100_00, "CNY", share, 10_000_00, "CNY") == 500_00  # 5 % of 10,000
    assert effective_limit(100_00, "CNY", share, 1_000_000_00, "CNY") == 2_000_00  # capped
    assert effective_limit(100_00, "CNY", share, 1_000_00, "CNY") == 100_00  # never below the limit
    assert effective_limit(100_00, "CNY", share, 10_000_00, "USD") == 100_00  # another currency: no share
    assert effective_limit(None, "CNY", double, None, None) is None
    assert rule_for([LimitRule(3, 200), LimitRule(5, 300)], 4).vip_level == 3
    assert rule_for([LimitRule(3, 200), LimitRule(5, 300)], 2) is None


def test_resolution_fields_are_read():
    r = parse_resolution("agreed a refund of the deposit type=refund amount=¥50 evidence=REC-7 follow=7d",
                         today=date(2026, 3, 2), default_currency="CNY")
    assert (r.kind, r.amount.minor, r.evidence, r.follow_up_on) == ("refund", 5000, "REC-7", date(2026, 3, 9))
    assert r.outcome == "agreed a refund of the deposit"
    assert parse_resolution("type=补偿", today=date(2026, 3, 2), default_currency="CNY").kind == "goodwill"
    assert parse_resolution("type=赔偿 legal=yes", today=date(2026, 3, 2), default_currency="CNY").kind == "damages"


@pytest.mark.parametrize("text", ["type=damages", "type=赔偿", "type=bribe", "amount=0", "amount=-5",
                                  "follow=2020-01-01", "follow=tomorrow", "legal=maybe", "amount=5XYZ"])
def test_bad_resolutions_are_refused(text):
    with pytest.raises(UserError):
        parse_resolution(text, today=date(2026, 3, 2), default_currency="CNY")
