"""The shipped complaint model: it lifts to potential what the rules and the dissatisfaction model left at none (in
English only where the plain-report weighing found some evidence), and lets a lone potential go when it is sure there
is no complaint; it keeps out of higher levels, what the rules took back, thanks, short messages and a team's own
model."""

import json

import pytest

from bot.risk.analyzer import Analyzer
from bot.risk.model import COMPLAINT, SHIPPED, LinearModel, function_only

# No rule fires and the dissatisfaction model reads it below its threshold: only the complaint model can lift it.
PLAIN = "我上个月在你们店里买了一台咖啡机，今天早上用它煮了第一杯咖啡，准备周末请朋友来家里尝尝"


def engine(lexicon, complaint: LinearModel | None) -> Analyzer:
    return Analyzer(lexicon, LinearModel.load(SHIPPED), None, complaint)


def reading(probability_logit: float, *, min_features: int = 20, floor: float = 0.05) -> LinearModel:
    """A model that reads every message the same (bias 10: certain; -10: certainly not)."""
    return LinearModel(weights={}, bias=probability_logit, threshold=0.85, name="fixed", min_features=min_features,
                       floor=floor)


def test_the_shipped_model_is_a_file_a_reviewer_can_read():
    model = LinearModel.from_json(json.loads(COMPLAINT.read_text(encoding="utf-8")))
    assert model.name.startswith("complaint-") and model.threshold == 0.85 and model.floor == 0.05
    assert model.min_features == 20 and model.languages is None
    assert 0 < len(model.weights) <= 20_000
    assert not any(function_only(f) for f in model.weights if f.startswith("w:"))


def test_it_lifts_what_was_left_at_none_and_names_a_word_of_the_message(lexicon):
    assert engine(lexicon, None).analyze(PLAIN).level == "none"
    lifted = engine(lexicon, reading(10.0)).analyze(PLAIN)
    assert lifted.level == "potential" and lifted.signals == ("dissatisfaction",)
    [reason] = lifted.triggers
    assert reason.rule == "model" and PLAIN[reason.start:reason.end] == reason.phrase


def test_a_polite_question_must_read_surer(lexicon):
    question = "请问你们门店周末几点开门，停车的地方好找吗，我想下午带孩子过去看看新到的那批自行车"
    between = reading(2.2)  # 0.90: above the threshold, below halfway from it to certainty (0.925)
    assert engine(lexicon, between).analyze(PLAIN).level == "potential"
    assert engine(lexicon, between).analyze(question).level == "none"
    assert engine(lexicon, reading(10.0)).analyze(question).level == "potential"


def test_a_lone_potential_it_is_sure_of_goes_and_nothing_higher_does(lexicon):
    # the dissatisfaction model reads this one as unhappy (0.75)
    flagged = "我上个月在你们店里买了一台咖啡机，今天早上用它煮了第一杯咖啡，味道和店里喝的差不多"
    assert engine(lexicon, None).analyze(flagged).level == "potential"
    assert engine(lexicon, reading(-10.0)).analyze(flagged).level == "none"
    assert engine(lexicon, reading(-10.0, floor=0.0)).analyze(flagged).level == "potential"
    for text in ("你们必须今天之内把多扣的两百块退回我的银行卡，不然我明天就去营业厅找你们经理",
                 "再不处理我就打12315投诉你们，这已经是我第三次打电话来说这件事了"):
        before = engine(lexicon, None).analyze(text).level
        assert before in ("explicit", "high_risk") and engine(lexicon, reading(-10.0)).analyze(text).level == before


def test_in_english_it_lifts_only_what_was_told_with_some_evidence(lexicon):
    certain = engine(lexicon, reading(10.0))
    some = "My order from your website has been in the same depot since Tuesday afternoon according to tracking."
    assert engine(lexicon, None).analyze(some).level == "none"  # "since": one point, short of enough
    assert certain.analyze(some).level == "potential"
    for text in ("I bought a coffee machine from your shop last month and made my first cup with it this morning.",
                 "Shoutout to my driver Marco who came through in the snow, you have good people working for you."):
        assert certain.analyze(text).level == "none", text


def test_short_messages_thanks_and_what_was_taken_back_are_left_alone(lexicon):
    certain = engine(lexicon, reading(10.0))
    for text in ("好慢啊",  # fewer than 20 n-grams
                 "我家猫咪特别喜欢你们的猫砂，谢谢你们，已经回购第五次了，下次还会再来买",
                 "我不是要投诉，也不会去打12315，就是想问问我上周买的那台洗衣机什么时候能送到我家里"):
        assert certain.analyze(text).level == engine(lexicon, None).analyze(text).level, text
    assert engine(lexicon, reading(10.0, min_features=0)).analyze("好慢啊").level == "potential"


def test_a_team_model_decides_instead_and_no_model_means_the_rules_alone(lexicon, team_model):
    for model in (team_model, None):
        assert engine(lexicon, reading(10.0)).with_model(model).analyze(PLAIN).level == \
            engine(lexicon, None).with_model(model).analyze(PLAIN).level


@pytest.mark.parametrize("text", [
    # plain questions and news the shipped engine leaves alone, whatever single words they share with complaints
    "请问你们的发票是电子的还是纸质的？公司报销需要纸质的，能不能寄一份给我",
    "想問一下你們的會員積分可以轉給家人用嗎？我媽媽也有在你們店裡買東西",
    "我想問下你哋星期日有冇開，我想帶阿媽嚟睇下新出嗰款按摩椅",
])
def test_the_shipped_engine_leaves_plain_questions_alone(analyzer, text):
    assert analyzer.analyze(text).level == "none"


def test_it_judges_whether_an_outsider_named_in_a_friendly_question_comes_with_a_complaint(lexicon):
    text = "律師事務所團購咖啡豆可以開公司抬頭的發票嗎？"
    # the dissatisfaction model reads this invoice question as unhappy (0.8), so the lawyer would stand
    assert engine(lexicon, None).analyze(text).level == "high_risk"
    assert engine(lexicon, reading(-10.0)).analyze(text).level == "none"
    assert engine(lexicon, reading(10.0)).analyze(text).level == "high_risk"
