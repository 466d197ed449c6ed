"""The learned dissatisfaction model beside the rules, and the phrase families for how customers really write."""

import json
import time

import pytest

from bot.risk.analyzer import Analyzer
from bot.risk.learn import TrainingSet, fit, half_of
from bot.risk.model import SHIPPED, LinearModel, features
from bot.risk.repeat import contact_count
from bot.text.normalize import fold


@pytest.fixture(scope="module")
def analyzer():
    """The lexicon and the shipped dissatisfaction model, which the phrase families here are written for; the models
    learned from hand-labelled messages beside them are tested in test_high_risk_model and test_complaint_model."""
    return Analyzer.from_directory(high_risk_path=None, complaint_path=None)


def test_features_are_han_one_and_two_grams_words_and_marks():
    assert features(fold("客服态度很差!!! Still NOT fixed 3次").text) == {
        "客", "服", "态", "度", "很", "差", "客服", "服态", "态度", "度很", "很差", "p:!+", "w:still", "w:not",
        "w:still not", "w:fixed", "w:not fixed", "<n>", "次"}
    # Traditional and Simplified read alike
    assert features(fold("態度很差").text) == features(fold("态度很差").text)
    # words of address say who is spoken to, not how they feel
    assert features(fold("你们的网点").text) == {"的", "网", "点", "们的", "的网", "网点"}
    assert "w:you" not in features(fold("you charged me").text)


def test_the_shipped_model_loads_fast_and_says_who_read_the_message():
    started = time.perf_counter()
    model = LinearModel.load()
    assert time.perf_counter() - started < 0.5
    assert model.name.startswith("shipped-") and 0 < model.threshold < 1 and len(model.weights) <= 20_000
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert set(data) >= {"name", "bias", "threshold", "weights"}


def test_the_shipped_model_reads_the_languages_it_was_shown_to_read(analyzer):
    assert LinearModel.load().languages == ("zh-Hans", "zh-Hant", "mixed")
    assert analyzer.analyze("the delivery guy left it at the wrong house").dissatisfaction is None  # rules only
    assert analyzer.analyze("送货的把东西放到别人家门口了").dissatisfaction is not None


def test_a_message_with_no_trigger_is_read_by_the_model_and_the_card_names_its_words(analyzer):
    text = "联通柜台办理业务的速度真是神级慢,半个小时过去了没见着一个柜台的业务办理完"
    result = analyzer.analyze(text)
    assert result.dissatisfaction is not None and result.model.startswith("shipped-")
    model_triggers = [t for t in result.triggers if t.rule == "model"]
    if result.level == "potential" and model_triggers:
        [t] = model_triggers
        assert len(t.phrase) >= 2 and text[t.start:t.end] == t.phrase
    out = result.as_json()
    assert out["model"] == result.model and "dissatisfaction" in out


def test_a_trained_model_moves_the_level_and_explains_itself():
    data = TrainingSet()
    for i in range(30):
        data.add(f"等了{i}天还是没人处理，太慢了", 1)
        data.add(f"请问第{i}号门店几点开门", 0)
    model = fit(data, name="team-1", threshold=0.5)
    analyzer = Analyzer.from_directory(model_path=None).with_model(model)
    result = analyzer.analyze("等了好几天还是没人管")
    assert result.model == "team-1"
    assert result.level != "none"
    assert analyzer.analyze("请问门店几点开门").level == "none"
    # without a model the engine is the rules alone
    assert Analyzer.from_directory(model_path=None).analyze("请问门店几点开门").dissatisfaction is None


def test_public_sets_split_in_fixed_halves():
    assert half_of("  同一句话 ") == half_of("同一句话")
    halves = {half_of(f"问题 {i}") for i in range(50)}
    assert halves == {"train", "held"}


@pytest.mark.parametrize("text, count", [
    ("打了10个10000号客服电话,都说会上报", 10),
    ("打过很多电话反映了,什么时候能给解决", 3),
    ("已打电话催促多次，还是没人理", 3),
    ("这个问题我已经多次反映", 3),
    ("再次投诉你们的安装师傅", 2),
    ("我打咗三次電話都冇人理", 3),
    ("I called three times and nobody helped", 3),
    ("this is my 4th email about the same charge", 4),
    ("I have emailed you guys several times", 3),
    ("contacting you again about my order", 2),
])
def test_repeat_contact_told_as_a_story_is_counted(text, count):
    assert contact_count(fold(text).text)[0] == count


@pytest.mark.parametrize("text", [
    "今天是第三天了，风景很好", "tried three times at checkout", "I bought three times from you and loved it",
    "又坏了", "the app keeps logging me out every time I open it",
])
def test_numbers_that_count_something_else_are_not_contacts(text):
    assert contact_count(fold(text).text)[0] == 0


@pytest.mark.parametrize("text, level", [
    ("你们必须赔我500元", "explicit"),
    ("多扣的钱还回来！", "explicit"),
    ("给我个说法", "explicit"),
    ("just give me a refund already", "explicit"),
    ("你们再不解决这个事 我就携号转网", "explicit"),
    ("@12321举报中心 这种垃圾短信你们管吗", "high_risk"),
    ("我打咗三次電話都冇人理，好嬲", "high_risk"),
    ("客服态度很差", "potential"),
    ("等了一整天都没人来", "potential"),
    ("@brand my order still hasn't arrived", "potential"),
    ("why is my bill double this month", "potential"),
    ("great job as always, third delay this month", "potential"),
    ("hey @Bank I can't log into my account for the third day now", "potential"),
    ("@Gym cancelled my membership months ago and you're still charging me", "potential"),
    ("@FoodApp you forgot my drink again", "potential"),
])
def test_families_of_everyday_complaint_language(analyzer, text, level):
    assert analyzer.analyze(text).level == level


@pytest.mark.parametrize("text", [
    "请问发票怎么开？", "Thanks, got it.", "@Netflix when does season 3 come out?", "請問你們幾點開門？",
    # speaking to the brand is not a complaint (the model once learned 你们 as one)
    "你们的网点在哪里", "医院附近有你们的网点吗", "我想咨询一下你们的套餐", "I forgot my password, how do I reset it?",
    "third day of our trip, can I add a bag to the return flight?", "你们的客服电话是多少",
])
def test_plain_enquiries_stay_none(analyzer, text):
    assert analyzer.analyze(text).level == "none"


def test_a_model_reason_is_its_short_clause_or_the_whole_words_around_it():
    from bot.risk.analyzer import _reason_span

    def shown(text: str, gram: str) -> str:
        at = text.index(gram)
        return text[slice(*_reason_span(text, at, at + len(gram)))]

    assert shown("昨天买的牛奶今天打开就结块了。", "买的") == "昨天买的牛奶今天打开就结块了"
    assert shown("谢谢，昨天买的牛奶今天打开就结块了！", "买的") == "昨天买的牛奶今天打开就结块了"
    long = "你们家那个每天早上七点准时来我们小区送货的快递员总是把包裹直接放在门口就走了"
    assert shown(long, "递员") == "快递员"
    assert shown("the bread went hard by lunchtime", "went hard") == "went hard"
