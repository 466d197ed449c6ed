"""The shipped high-risk model: it lifts to high risk what the rules read lower, never lowers, and keeps out of what
the rules took back, of short messages and of a team's own model."""

import json

import pytest

from bot.risk.analyzer import Analyzer
from bot.risk.model import HIGH_RISK, SHIPPED, LinearModel, function_only

LONG = "I bought the heater in March and it has been making a strange smell every evening since the start of winter."


def engine(lexicon, high_risk: LinearModel | None) -> Analyzer:
    return Analyzer(lexicon, LinearModel.load(SHIPPED), high_risk)


def certain(min_features: int = 20) -> LinearModel:
    """A model that reads every message as high risk, for testing where the engine lets it speak."""
    return LinearModel(weights={}, bias=10.0, threshold=0.8, name="always", min_features=min_features)


def test_the_shipped_model_is_a_file_a_reviewer_can_read():
    data = json.loads(HIGH_RISK.read_text(encoding="utf-8"))
    model = LinearModel.from_json(data)
    assert model.name.startswith("high-risk-") and model.threshold == 0.8 and model.min_features == 20
    assert model.languages is None and 0 < len(model.weights) <= 20_000
    # no English function words carry a weight of their own
    assert not any(function_only(f) for f in model.weights if f.startswith("w:"))


def test_it_lifts_a_lower_level_and_names_a_word_of_the_message_as_the_reason(lexicon):
    rules = engine(lexicon, None).analyze(LONG)
    assert rules.level != "high_risk"
    lifted = engine(lexicon, certain()).analyze(LONG)
    assert lifted.level == "high_risk" and "learned" in lifted.signals
    [reason] = [t for t in lifted.triggers if t.signal == "learned"]
    assert reason.rule == "model" and LONG[reason.start:reason.end] == reason.phrase


def test_short_messages_are_left_to_the_rules(lexicon):
    for text in ("气死我了", "给我个说法", "I'm so angry!!!"):
        assert engine(lexicon, certain()).analyze(text).level != "high_risk"
    assert engine(lexicon, certain(min_features=0)).analyze("气死我了").level == "high_risk"


def test_what_the_rules_took_back_is_not_read_again(lexicon):
    for text in ("我不是要投诉，也不会去打12315，就是想问问我上周买的那台洗衣机什么时候能送到我家里",
                 "My neighbour reported you to the attorney general last year, but I'm only writing to ask for a copy of my bill."):
        assert engine(lexicon, certain()).analyze(text).level != "high_risk"


def test_thanks_the_rules_found_nothing_wrong_in_is_not_read_again(lexicon):
    text = "我家猫咪特别喜欢你们的猫砂，谢谢你们，已经回购第五次了，下次还会再来买"
    assert engine(lexicon, None).analyze(text).level == "none"
    assert engine(lexicon, certain()).analyze(text).level == "none"


def test_it_never_lowers_what_the_rules_found(lexicon):
    never = LinearModel(weights={}, bias=-10.0, threshold=0.8, name="never", min_features=0)
    assert engine(lexicon, never).analyze("再不退款我就去12315投诉你们").level == "high_risk"


def test_a_team_model_decides_instead_and_no_model_means_the_rules_alone(lexicon, team_model):
    # the team model has no level head (its labels say complaint or not): it raises to potential at most
    assert engine(lexicon, certain()).with_model(team_model).analyze(LONG).level != "high_risk"
    assert engine(lexicon, certain()).with_model(None).analyze(LONG).level != "high_risk"


@pytest.mark.parametrize("text", [
    # everyday frustration, said at length: whatever the rules make of it, the shipped model adds no high risk
    "I've been waiting two weeks for a reply about my refund and honestly I'm fed up with the whole thing.",
    "我已经等了一个多星期了，客服每次都说在处理，到现在还是没有任何消息，真的很失望。",
    "等了快兩個禮拜，客服每次都話跟進緊，到而家都未有回覆，真係好失望。",
])
def test_the_shipped_model_leaves_plain_frustration_alone(analyzer, text):
    assert "learned" not in analyzer.analyze(text).signals
