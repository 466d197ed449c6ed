"""The first analyzer: levels, explained triggers, folding and scope rules, in all three scripts."""

import pytest

from bot.risk.analyzer import MAX_ANALYSED_CHARS


def signals_of(result):
    return {t.signal for t in result.triggers}


@pytest.mark.parametrize("text,level,signal", [
    ("再不给我退款我就去12315投诉你们", "high_risk", "regulator"),
    ("再不處理我就去找消保官", "high_risk", "regulator"),
    ("Sort out my warranty repair or I'm going to the BBB.", "high_risk", "regulator"),
    ("我已经联系记者了，明天见报", "high_risk", "media"),
    ("宝宝喝了你们的奶粉住院了", "high_risk", "harm"),
    ("I'll see you in small claims court.", "high_risk", "legal"),
    ("我要投诉！马上给我退款", "explicit", "demand"),
    ("叫你们主管来", "explicit", "manager"),
    ("都一个星期了怎么还没发货", "potential", "dissatisfaction"),
])
def test_levels_and_the_signal_that_explains_them(analyzer, text, level, signal):
    result = analyzer.analyze(text)
    assert result.level == level
    assert signal in signals_of(result)


@pytest.mark.parametrize("text", ["请问发票怎么开", "Thanks, got it.", "請問發票可以改成公司統編嗎？", "👍👍", ""])
def test_enquiries_and_thanks_are_none(analyzer, text):
    result = analyzer.analyze(text)
    assert (result.level, result.category, result.triggers) == ("none", "other", ())


def test_trigger_names_the_phrase_as_written_with_its_span(analyzer):
    text = "退款拖了二十天了，一二三一五的电话我已经存好了"
    result = analyzer.analyze(text)
    regulator = next(t for t in result.triggers if t.signal == "regulator")
    assert regulator.phrase == "一二三一五"
    assert text[regulator.start:regulator.end] == "一二三一五"
    assert regulator.weight > 0


@pytest.mark.parametrize("text", ["东西坏了再不处理我就打１２３１５", "我去 1 2 3 1 5 投诉", "找 消 保 官 申訴", "#315曝光台# 这家店卖翻新机"])
def test_loose_forms_of_regulators_are_folded(analyzer, text):
    assert analyzer.analyze(text).level == "high_risk"


def test_traditional_text_matches_simplified_entries_and_keeps_its_script(analyzer):
    result = analyzer.analyze("我已經報警了，你們等著")
    assert result.level == "high_risk"
    assert result.lang == "zh-Hant"
    assert any(t.phrase == "報警" for t in result.triggers)


def test_negated_and_third_party_escalation_does_not_raise_the_level(analyzer):
    assert analyzer.analyze("我不会去打什么12315，我就想要个说法").level == "explicit"
    assert analyzer.analyze("My friend said she reported you guys to the BBB years ago, do you sell gift cards?").level == "none"


def test_english_keywords_match_whole_words_only(analyzer):
    # "ico" (the UK regulator) must not fire inside another word
    assert analyzer.analyze("The medico said the portico was fine").level == "none"


def test_repeat_contact_counts_contacts_not_days(analyzer):
    assert analyzer.analyze("这是我第三次打电话说热水器不出热水了").level == "high_risk"
    assert analyzer.analyze("今天是我们出来玩的第三天，想问下回程机票能不能改").level == "none"


def test_language_detection(analyzer):
    assert analyzer.analyze("我要投诉").lang == "zh-Hans"
    assert analyzer.analyze("我要客訴").lang == "zh-Hant"
    assert analyzer.analyze("I want a refund").lang == "en"


def test_huge_input_is_truncated_visibly(analyzer):
    result = analyzer.analyze("正常的话" * (MAX_ANALYSED_CHARS // 2))
    assert result.truncated is True
    assert analyzer.analyze("短").truncated is False


def test_contract_fields_are_present(analyzer):
    data = analyzer.analyze("我要投诉").as_json("x1")
    assert set(data) >= {"id", "lang", "level", "score", "category", "categories", "signals", "triggers"}
    assert data["id"] == "x1" and 0 <= data["score"] <= 100
    assert all(set(t) >= {"phrase", "signal", "weight"} for t in data["triggers"])
