"""The deeper engine: normalisation, typos, needs, the customer's cards, style, the JSON contract, bad input."""

import json
import re
import subprocess
import sys

import pytest

from bot.risk.analyzer import MAX_ANALYSED_CHARS, Analyzer
from bot.risk.lexicon import expand
from bot.text.normalize import TypoFixer, fold


@pytest.fixture(scope="module")
def analyzer():
    """The lexicon and the shipped dissatisfaction model, which the phrase families here are written for; the models
    learned from hand-labelled messages beside them are tested in test_high_risk_model and test_complaint_model."""
    return Analyzer.from_directory(high_risk_path=None, complaint_path=None)


def signals(result):
    return {t.signal for t in result.triggers}


@pytest.mark.parametrize("text", [
    "我要去 #315曝光台# 说说你们这事",
    "已经 @12315消费者维权 了，等着吧",
    "退款一直不到，我已经打了３．１５热线",
    "再不退钱我就打 一 二 三 一 五",
])
def test_hashtags_mentions_and_loose_numbers_count(analyzer, text):
    result = analyzer.analyze(text)
    assert result.level == "high_risk" and "regulator" in signals(result)


def test_mentioning_the_company_only_addresses_it(analyzer):
    # the handle contains a demand word, but it is the company's service account being addressed
    assert analyzer.analyze("@京东退款客服 你好，请问发票怎么开").level == "none"
    assert analyzer.analyze("@京东客服 请马上给我退款").level == "explicit"


def test_links_are_addresses_not_words(analyzer):
    assert analyzer.analyze("看看这个 https://www.douyin.com/lawsuit-news/123 挺好的").level == "none"


def test_spans_survive_folding_and_point_into_the_original(analyzer):
    text = "ＡＢＣ 我要找 消 保 官，I want to file a complant!!"
    result = analyzer.analyze(text)
    for t in result.triggers:
        assert text[t.start:t.end] == t.phrase
    assert any(t.phrase == "消 保 官" for t in result.triggers)


@pytest.mark.parametrize("text", ["I want to file a complant", "how do I make a copmlaint?",
                                  "need help lodging a ccomplaint", "I'm calling my attorny"])
def test_common_english_typos_are_read(analyzer, text):
    assert analyzer.analyze(text).level != "none"


def test_typo_fixer_keeps_real_words_and_needs_the_first_letter():
    fixer = TypoFixer(["complaint", "lawyer"], keep=["compliant"])
    assert fixer.correct("complant") == "complaint"
    assert fixer.correct("copmlaint") == "complaint"
    assert fixer.correct("compliant") is None  # a real word one swap away
    assert fixer.correct("xomplaint") is None
    assert fixer.correct("layer") is None  # too short to guess at
    folded = fold("file a complant now", fixer)
    assert folded.text == "file a complaint now"
    start = folded.text.index("complaint")
    assert folded.original_span(start, start + len("complaint")) == (7, 15)


@pytest.mark.parametrize("text,wants", [
    ("我要投诉！马上给我退款", ["refund"]),
    ("東西壞了，請派人來修好", ["repair"]),
    ("This is the second broken kettle. Send a replacement and I want an apology.", ["replace", "apology"]),
    ("我不想退款，只想换一个新的", ["replace"]),
])
def test_the_demand_itself_is_named(analyzer, text, wants):
    assert list(analyzer.analyze(text).demands) == wants


def test_venting_without_a_need_gets_the_question_in_the_customers_script(analyzer):
    simp = analyzer.analyze("你们这什么破服务，气死我了！！")
    assert simp.level != "none" and simp.demands == () and "退款" in simp.need_question
    trad = analyzer.analyze("你們這什麼爛服務，氣死我了！！")
    assert trad.lang == "zh-Hant" and "換貨" in trad.need_question
    en = analyzer.analyze("Honestly the worst service I have ever had!!")
    assert "refund" in en.need_question
    assert analyzer.analyze("请问发票怎么开").need_question is None


@pytest.mark.parametrize("text", ["孩子吃了你们的饼干以后一直吐，现在在医院", "孩子吃了你們的餅乾以後一直吐，現在在醫院",
                                  "My son got an electric shock from the toy's battery compartment"])
def test_when_someone_was_hurt_the_question_asks_how_they_are_not_which_remedy(analyzer, text):
    question = analyzer.analyze(text).need_question
    assert re.search(r"现在情况怎么样|現在狀況怎麼樣|how is everyone now", question), question
    assert not re.search(r"退款|換貨|refund", question), question


def test_the_customers_cards_and_style(analyzer):
    result = analyzer.analyze("我有聊天记录和截图，我妈八十岁了还要跑来跑去，再不处理我就找记者曝光！")
    cards = {c.card for c in result.cards}
    assert {"justice", "sympathy", "threat"} <= cards
    assert result.style == "strong"
    polite = analyzer.analyze("您好，麻烦帮我看一下，订单一直没发货，谢谢")
    assert polite.style == "cooperative" and "threat" not in {c.card for c in polite.cards}
    assert analyzer.analyze("订单还没发货").style == "weak"


def test_analyze_json_adds_fields_and_keeps_the_old_ones(analyzer):
    data = analyzer.analyze("我已经报警了，你们等着").as_json("x")
    assert {"id", "lang", "level", "score", "category", "categories", "signals", "triggers", "truncated"} <= set(data)
    assert {"demands", "need", "cards", "style", "anger", "contacts_stated"} <= set(data)
    assert set(data["need"]) == {"wants", "missing", "question"}
    json.dumps(data, ensure_ascii=False)


def test_the_same_phrase_twice_is_one_reason(analyzer):
    once = analyzer.analyze("我要打12315")
    twice = analyzer.analyze("我要打12315，真的，12315")
    assert [t.signal for t in twice.triggers].count("regulator") == 1
    assert once.score == twice.score


@pytest.mark.parametrize("text", ["", "   \n\t ", "😡😡😡😡", "\x00\x01\x02投诉\x7f", "\ufffd" * 50, "!!!???"])
def test_odd_input_gets_a_valid_result(analyzer, text):
    result = analyzer.analyze(text)
    assert result.level in ("none", "potential", "explicit", "high_risk")
    json.dumps(result.as_json(), ensure_ascii=False)


def test_a_megabyte_is_analysed_up_to_the_limit_and_says_so(analyzer):
    text = ("顾客说：东西坏了，我要退款，再不处理就打12315。" * 40_000)[:1_000_000]
    result = analyzer.analyze(text)
    assert result.truncated and result.level == "high_risk"
    assert all(t.end <= MAX_ANALYSED_CHARS for t in result.triggers)


def test_cli_reads_invalid_utf8_lines_without_crashing(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": 1, "text": "\xff\xfe\xe6\x8a\x95\xe8\xaf\x89 refund me"}\n'
                     b'not json\n'
                     b'{"id": 3, "text": "\xe6\x88\x91\xe8\xa6\x81\xe6\x8a\x95\xe8\xaf\x89"}\n')
    with path.open("rb") as fh:
        out = subprocess.run([sys.executable, "-m", "bot", "analyze", "--jsonl"], stdin=fh, capture_output=True,
                             check=True, timeout=60)
    lines = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [line.get("id") for line in lines] == [1, None, 3]
    assert lines[0]["level"] == "explicit" and "error" in lines[1] and lines[2]["level"] == "explicit"
    assert b"Traceback" not in out.stderr


@pytest.mark.parametrize("text,stated", [
    ("一个月内第二次出问题了！", 0),  # a fault that came back, not a contact
    ("这是我第二次来问这个问题了", 2),
    ("I've sent 4 emails now and nobody answers", 4),
    ("这是第三次坏了，我要投诉", 0),  # the third fault, the first complaint
    ("我反映了两次了，这次第三次了，还是没人管", 3),  # the ordinal alone, in a sentence about contacts
    ("期间三次前往营业厅，还是没办好", 3),  # a visit is a contact
    ("連打客服幾十次都是系統忙", 20),
    ("打了10086三次电话", 3),  # the hotline's number is not the count
    ("投诉几年都没人处理", 3),  # contact kept up for months or years is many contacts
    ("一个问题反映了大半年", 3),
    ("用了一年就坏了", 0),  # a year of use is no contact
    ("天天催，一点用都没有", 3),
    ("快递员天天打电话", 0),  # someone calling the customer
    ("机房那边跟我联系了三四次", 0),
    ("前前后后联系了五六次", 5),
    ("打了不下十次客服电话", 10),
    ("已经是第四次给你们发私信了", 4),
    ("办个过户跑三趟，还没办成", 3),  # trips to the company's counter
    ("理赔材料我跑了三趟医院才开齐", 0),  # trips elsewhere
    ("我不止一次跟你们确认过到期日", 0),  # said as a phrase (repeat_many), not a count
    ("这个月我光客服电话就打了不下二十个", 20),  # the calls named first; 二十 is twenty
    ("我已經連續三個禮拜打電話來問了", 3),  # the span first
    ("连续两周都在催", 3),
    ("我们三个月打一次电话给老家", 0),
])
def test_repeat_contact_is_a_contact_not_a_recurring_fault(analyzer, text, stated):
    assert analyzer.analyze(text).contacts_stated == stated


@pytest.mark.parametrize("text,level", [
    ("@AmericanAir lost my bag AGAIN. #neveragain", "potential"),
    ("@Verizon y'all charged me twice this month. fix it or I'm switching to T-Mobile", "explicit"),
    ("I lost my password and would like to reset it", "none"),
    ("客服態度超差，講兩句就掛電話", "potential"),
    ("你們再拖我就去找議員陳情", "high_risk"),
    ("最近在追陈情令，好看", "none"),
])
def test_social_media_and_regional_wording(analyzer, text, level):
    assert analyzer.analyze(text).level == level


@pytest.mark.parametrize("text,level", [
    ('你们客服自己跟我说"不满意可以去12315投诉"，这是什么意思？', "potential"),
    # the lawyer is the agent's word, not the customer's threat; the rhetorical question is dissatisfaction
    ('The agent told me "go ahead and call your lawyer", is that how you treat people?', "potential"),
    ("客服说没办法，那我只能去12315了", "high_risk"),  # the threat is the customer's own, after the reported clause
    ('我跟他们说了"再不退款我就去12315"', "high_risk"),  # the customer quoting themselves
])
def test_someone_elses_words_are_not_the_customers_threat(analyzer, text, level):
    assert analyzer.analyze(text).level == level


@pytest.mark.parametrize("text", [
    # an injury word about food, a bill, a budget or a choice
    "my pizza arrived burnt on one side, can you check with the kitchen?",
    "I burned through my data in a week, is there a bigger plan?",
    "I made a rash decision and bought two, can I return one unopened?",
    "is this a non-smoking room?",
    "you cut my internet even though I paid yesterday",
    # an enquiry about what could happen
    "does the charger overheat if I leave it plugged in overnight?",
    "這款會不會過敏？我皮膚比較敏感",
    "请问过敏体质可以用这款面霜吗",
    # a legal or media word naming a thing, a place, a trade, a day, or a shop on a platform
    "请问报警器这款有现货吗",
    "你们法院附近那家门店几点关门",
    "我老公是警察，有没有军警优惠",
    "记者节有什么活动吗",
    "我在抖音下的单什么时候发货",
    "这个价格太炸了，还有货吗",
])
def test_risky_words_in_harmless_context_raise_no_flag(analyzer, text):
    assert analyzer.analyze(text).level != "high_risk"


@pytest.mark.parametrize("text", [
    "my son burned his hand on your kettle",
    "the blade snapped and cut my finger",
    "I broke out in a rash after using your cream",
    "the hair dye burned my scalp and now I have blisters",
    "the charger started smoking last night",
    "the plug sparked and shocked me when I touched it",
    "你们的充电宝炸了，把我手烫伤了",
    "我是过敏体质，用了你们的面霜脸肿了",
    "已经发货了但是我要发小红书吐槽你们",
])
def test_injuries_and_exposure_are_still_high_risk(analyzer, text):
    assert analyzer.analyze(text).level == "high_risk"


@pytest.mark.parametrize("text", [
    "我上次投诉的事情已经解决了，谢谢你们", "the issue I complained about last time is fixed now, thanks",
])
def test_a_past_complaint_now_resolved_is_not_a_new_one(analyzer, text):
    assert analyzer.analyze(text).level == "none"


@pytest.mark.parametrize("text, level", [
    # thanks before a demand word is for something done
    ("感謝你們昨天幫我換貨，速度很快", "none"),
    ("麻烦帮我换货，谢谢", "explicit"),
    # a problem asked about in advance is an enquiry
    ("万一收到的是坏的，怎么处理比较快？", "none"),
    ("if the package is damaged, do I refuse it or accept it?", "none"),
    ("the package is damaged and the lid is cracked", "potential"),
    # a risky word taken back by its scope is not read again by the model
    ("听说有人去12315投诉你们，我就想确认一下我的订单没受影响吧？", "none"),
    # a contact counted further from its ordinal, and English ordinals past the fourth
    ("这已经是我第二次因为同一个问题联系你们了", "explicit"),
    ("I'm on my fifth call about this and still no fix", "high_risk"),
    # a fault that recurs is not a contact that recurs
    ("the coupon code fails at checkout every single time", "potential"),
    # the customer says it is no complaint: the model does not read 投诉 again, a real threat still counts
    ("不是投诉哈，就是想问问发票怎么开", "none"),
    ("不是投诉，但再不退款我就去12315", "high_risk"),
    ("Not a complaint at all - just wanted to know if the blue one comes in a size 10.", "none"),
    # Cantonese 搵 is a contact
    ("呢個問題我第二次搵你哋啦，今次一定要搞掂", "explicit"),
    # telling the company counts; an agent's telling does not
    ("呢個問題我已經同你哋講咗四次，次次都係叫我等", "high_risk"),
    ("客服说了三遍让我等", "potential"),
    # a platform is a threat when the customer complains, writes it up or makes it all public there
    ("我已经在黑猫上投诉你们了，编号都有", "high_risk"),
    ("我是做自媒体的，粉丝十几万，这件事我会原原本本写出来", "high_risk"),
    ("我會喺連登同FB將成件事公開，等大家知道", "high_risk"),
    ("请你们在微博公开回答我的问题", "none"),  # asked to answer in public, no threat to expose
    # a cut hand and its stitches are harm; news as where the customer heard of a shop is no exposure
    ("小朋友玩你們的玩具割到手，縫了三針", "high_risk"),
    ("新聞話你哋有新店開張，想問下地址係邊", "none"),
    ("我在律師事務所上班，想幫公司訂二十份下午茶", "none"),
    # 请 inside 请问 and 申请 asks for nothing; 唔该 and a compensation at the price do
    ("请问要怎么申请换货？尺寸买小了一号", "none"),
    ("快递丢件，按价赔偿吧", "explicit"),
    ("唔該直接換過部新機俾我", "explicit"),
    # English: a cracked tooth, an infection and a near miss are harm; reporting a charge to the bank is a dispute
    ("My son bit into one of your cereal bars and cracked a tooth on something hard inside it.", "high_risk"),
    ("My husband ended up on antibiotics after the infection from your cream.", "high_risk"),
    ("The pram wheel snapped off and my daughter nearly fell into traffic.", "high_risk"),
    ("I've reported the unauthorised charges to Action Fraud and my bank.", "high_risk"),
    ("I flagged the payment to my bank this morning.", "high_risk"),
    ("I saw you on the local news last night, do you deliver to Leeds?", "none"),
    # asked to have something put right, in so many words
    ("Dear support, I'd like the late fee removed from my account; I paid on time.", "explicit"),
    ("Your technician missed the appointment again. I need someone out here tomorrow morning.", "explicit"),
    # ordinals past the sixth; a replacement that came is thanks; telling every parent about it is exposure
    ("Seventh time contacting you. Seventh. I'm done.", "high_risk"),
    ("the seventh time i ordered, love it", "none"),
    ("Got the replacement today, works perfectly, thank you!", "none"),
    ("If this isn't sorted I'll make sure every parent in the school group knows about it.", "high_risk"),
    ("make sure all the staff know my order is gluten free", "none"),
    ("let all my friends know how good you are", "none"),
    ("新买的空调一开就有怪味", "potential"),
    # ways helpdesk posts ask, escalate and count that the lists lacked
    ("小区这几天一到晚上就没信号，请尽快排查一下", "explicit"),
    ("我要直接跟你们总经理反映这件事", "explicit"),
    ("耽误了我一整天，难道不该给点补偿吗", "explicit"),
    ("这个问题我打了客服数次都没解决", "high_risk"),
    ("每日一问：我的订单到底什么时候发？", "high_risk"),
    ("反映这个问题已经不是一次了", "explicit"),
    ("这事我跟你们死磕到底", "explicit"),
    ("补办手续要先去派出所开证明，请问要带什么材料", "none"),  # the police issuing a paper is no threat
    ("我是你们总经理的老同学，想订个包间", "none"),
    # calling for a week; a protest at head office; sparks, burns through, bruises and being trapped are harm
    ("客服热线我打了整整两个礼拜都没人接", "high_risk"),
    ("再不给说法我就去你们总部门口坐着", "high_risk"),
    ("取暖器冒火花，把地毯烧了个洞", "high_risk"),
    ("送货的三轮车把我奶奶撞倒了", "high_risk"),
    ("电梯又坏了，我爸被困电梯里四十分钟", "high_risk"),
    # English: a fracture, the gas emergency line, a dispute raised with the card company, the sixth email
    ("My dad slipped on your wet floor and fractured his wrist.", "high_risk"),
    ("We had to call the gas emergency line after your engineer left.", "high_risk"),
    ("I'm raising a formal dispute with my card company for the full amount.", "high_risk"),
    ("This is now the sixth email I've sent about the leak.", "high_risk"),
    ("The blanket scorched the sheet while my mother was asleep on it.", "high_risk"),
    ("I had a fall at home last week, so please leave the parcel at the door", "none"),
    ("My solicitor is handling the house purchase and needs a copy of the invoice.", "none"),
    # English: a chipped tooth the dentist traced, an arm grabbed, a toddler who tumbled, legal cover, a fire hazard,
    # a newsletter to subscribers, five separate engineers
    ("The dentist confirmed the chip in my tooth came from a stone in your rice.", "high_risk"),
    ("Your staff member grabbed my arm when I asked for a receipt.", "high_risk"),
    ("The stair gate came loose and my toddler tumbled down four steps.", "high_risk"),
    ("Legal cover on my home insurance is now handling this.", "high_risk"),
    ("The installer left exposed wires behind the cooker, it's a fire hazard.", "high_risk"),
    ("This saga is going in my newsletter to 12,000 subscribers unless it's fixed.", "high_risk"),
    ("That's five separate engineers now and the boiler still isn't fixed.", "high_risk"),
    ("Two engineers came and fixed it in an hour, great service", "none"),
    ("could I cancel my newsletter subscription?", "none"),
    ("Do you offer a discount for emergency services staff?", "none"),
    ("Just left you a 5-star review on Trustpilot, the install team were brilliant.", "none"),
    ("My lawyer recommended your storage units, do you have climate control?", "none"),
    # an outsider named in a friendly question or thanks, with no threat around it, is where they heard of us
    ("请问你们的产品有没有通过市场监管局的检测认证？", "none"),
    ("新聞報導你們的咖啡得獎了，恭喜！", "none"),
    ("请问12315的电话是多少", "high_risk"),  # asking how to reach the regulator is the threat
    ("Is there a phone number for the ombudsman?", "high_risk"),
    ("您好，退款如果周五前还是没有结果，我只能打12378反映了，希望理解，谢谢", "high_risk"),  # polite, still a threat
    ("上次小朋友過敏，你們店員馬上幫忙叫救護車，真的很感謝", "high_risk"),  # harm is never only named
    # Cantonese: in hospital, stomach ache; a supervisor asked to call; broke within a year; dearer than others
    ("食完你哋啲壽司成家人肚痛，我老公仲入咗院", "high_risk"),
    ("麻煩請主管跟我聯絡，專員講不清楚", "explicit"),
    ("熱水器用不到一年就開始忽冷忽熱", "potential"),
    ("收費貴過人哋，服務又唔見得好啲", "potential"),
    # a grievance that tells of earlier contacts is at least the one after them
    ("上个月多扣了30块，打客服才知道是套餐的问题，太坑了", "explicit"),  # they called before: this is the second
    ("客服说三天内到账，一个星期了还没到", "explicit"),  # what customer service told them
    ("客服说话很敷衍，问什么都说不知道", "potential"),  # how it talks, not an earlier contact
    # earlier contacts named in a plain question are counted as before, not as a grievance's
    ("我问过客服，客服说可以改地址，请问怎么改", "explicit"),
    ("之前打过电话，话务员告诉我可以线上办，请问在哪里办", "explicit"),
    ("上个月多扣了30块，我打了客服说会退，到现在也没退", "explicit"),
    ("1号就电话反映过流量异常，中间还催过，到现在还是没消息", "high_risk"),
    ("I called last week about the leak and it's still dripping", "explicit"),
    ("Been waiting 45 minutes for the technician and no one has called.", "potential"),
    ("the so-called premium seats had no legroom at all", "potential"),
    # visits counted after the place, complaints counted with whom between, 315 online, asking to leave the network
    ("3天跑了2个营业厅5趟，就为了换个卡", "high_risk"),
    ("已经多次向10000投诉却一直不给解决", "high_risk"),
    ("能不能让我退网？", "explicit"),
    # risky words in harmless context: an allergen test, a complaint-letter template, a reporter's job, a police
    # holiday, a career wish, an allergy the customer blames on themselves, a charity run for the fire brigade
    ("你们的奶粉有没有做过过敏原检测？宝宝对牛奶蛋白有点敏感", "none"),
    ("请问起诉书的模板你们平台有卖吗？我是法学院学生", "none"),
    ("警察節有冇優惠？我老公係警察", "none"),
    ("我阿仔話想做記者，你哋有冇參觀活動？", "none"),
    ("上次食物過敏係我自己唔小心，唔關你哋事，今次想再訂", "none"),
    ("We're organising a charity fun run for the local fire brigade, would you sponsor us?", "none"),
    ("The local fire brigade had to come out when your heater caught fire", "high_risk"),
    # rescheduling and a refund's progress are logistics; compensation asked about in advance is an enquiry
    ("我想取消明天的预约，改到下周三可以吗", "none"),
    ("我想查詢一下我的退款進度，大概什麼時候會入帳？", "none"),
    ("如果快递丢了，你们是怎么赔付的？先了解一下", "none"),
    # a gas leak, a liver count after a supplement; a recording put online; the branch manager asked for
    ("家里的燃气热水器漏气，我闻到味道才发现，太吓人了", "high_risk"),
    ("你們的保健品害我肝指數飆高，醫生說要停藥觀察", "high_risk"),
    ("医生说孩子吃了你们的辅食之后起了一身红点", "high_risk"),  # a doctor, with the product named as the cause
    ("我是医生，想买一台空气净化器放诊所", "none"),
    ("我會把你們的客服錄音放上網，讓大家評理", "high_risk"),
    ("我要見你哋分店經理", "explicit"),
    ("你们的技术员把我的墙打了个洞就走了，必须回来补好", "explicit"),
    ("Please arrange a collection for the faulty dishwasher this week.", "explicit"),
    # Cantonese waiting, a payment that never went through, two answers that differ
    ("排咗成個鐘先買到，你哋真係要加人手", "potential"),
    ("網站一直跳錯誤，付款付了三次都沒成功", "potential"),
    ("客服講嘅同門市講嘅完全唔同，搞到我好亂", "potential"),
    # responsibility and stopping asked for; plays on a platform; Cantonese 'put it all on LIHKG'
    ("快递把我的包裹放在楼下被人拿走了，你们得负责找回来或者赔", "explicit"),
    ("请立即停止给我打推销电话，并把我的号码从名单里删掉", "explicit"),
    ("请问花呗怎么停止使用", "none"),
    ("請安排技術人員這週來修", "explicit"),
    ("我在抖音上已经有两万播放了，你们自己看着办", "high_risk"),
    ("你哋再係咁，我就放晒啲對話上連登", "high_risk"),
    ("你们app的会员价比门店还贵，这合理吗", "potential"),
    ("啲生果送到已經爛咗幾個", "potential"),
    # repairs reported, told in the owners' group, a rash all over, an evacuation, the fifth explanation
    ("同一个故障报修了四次，每次师傅来看一眼就走", "high_risk"),
    ("我会在小区业主群里把你们的所作所为都说清楚", "high_risk"),
    ("食咗你哋啲海鮮之後全身出晒紅疹，要打針", "high_risk"),
    ("Your engineer left the gas on and we had to evacuate the house.", "high_risk"),
    ("Fifth time I've explained this to someone new. Fifth.", "high_risk"),
    ("为什么我的淘宝里面登陆花呗提示支付宝有安全隐患", "none"),  # an account's safety, no one's body
    # an unopened item, a promised visit that never came, a part stuck in a child's throat, a coupon thanked for
    ("想换个颜色，还没拆封，可以换吗？", "none"),
    ("说好今天上门，等到晚上也没见人", "potential"),
    ("孩子玩你们的积木，小零件卡在喉咙里，送去医院才取出来", "high_risk"),
    ("我妈住院了，想给她订一束花送到医院", "none"),
    ("上次说的优惠券已经收到了，谢谢提醒", "none"),
    ("你哋個app又更新，又要重新登入，好煩", "potential"),
    ("上次買的耳機左耳已經沒聲音了", "potential"),
    # English injuries in everyday words, with a person or a body part named; a wish to avoid one, or one got
    # somewhere else, is no report of harm
    ("My son trapped his fingers in the folding chair and they're black and blue.", "high_risk"),
    ("Your treadmill belt jammed and threw me off, I've sprained my ankle.", "high_risk"),
    ("My mum ended up with concussion after your automatic door closed on her.", "high_risk"),
    ("The bath mat slid and I cracked my head on the tiles.", "high_risk"),
    ("The dog ate one of your chew toys and needed surgery to remove the pieces.", "high_risk"),
    ("Do your knives come with blade guards? Don't want the kids getting cut.", "none"),
    ("My son hurt his knee at football, can I change the delivery to the weekend?", "none"),
    ("My wife had surgery last week so please leave the parcel with the neighbour.", "none"),
    ("the price hike really hurts", "potential"),
    # Chinese injuries in everyday words: how it happened, with a body or a person named; what it did to them,
    # with the product named as the cause; not a fall the customer is claiming insurance for
    ("孩子的手指被折叠椅夹得又青又紫", "high_risk"),
    ("快递员把箱子砸在我脚上，脚指甲都掉了", "high_risk"),
    ("个衣柜门跌落嚟，砸中我个仔个头", "high_risk"),
    ("老人踩到你们没铺好的地毯摔了一跤，髋骨疼得走不了路", "high_risk"),
    ("狗狗吃了你们的玩具，做了手术才取出来", "high_risk"),
    ("我妈上个月摔了一跤骨折了，理赔材料交上来半个月了还没动静", "potential"),
    ("孩子踢球把膝盖磕破了，快递能不能改到周末送？", "none"),
    ("我老婆上周做了手术，包裹麻烦放门卫", "none"),
    ("请问跑步机适合脚踝扭伤刚恢复的人用吗？", "none"),
    # glass, metal or vermin found in the food; a charger that melted; a pram whose brake failed
    ("面包里吃出了一块玻璃", "high_risk"),
    ("外卖里有只蟑螂", "high_risk"),
    ("请问有没有防蟑螂的收纳盒", "none"),
    ("The salad had a screw in it", "high_risk"),
    ("The charger got so hot it melted the case", "high_risk"),
    ("The pram brake failed and it rolled towards the road", "high_risk"),
    ("Milk was off and my kid already drank some", "potential"),
    # asked to step in, to be called, to be taken off a list; how to cancel is a how-to question
    ("希望官方能出面解决一下这个问题，已经拖了一个月了", "explicit"),
    ("请让你们的技术人员直接联系我", "explicit"),
    ("请把我的号码从黑名单里移出来", "explicit"),
    ("怎么取消自动续费？", "none"),
    ("新手机用了三天就开始发烫", "potential"),
    ("请问有可能再恢复能设置铃声么", "none"),  # a feature asked back, politely: no demand
    # English: a statement that names the next stop is no question; a barrister, a group claim, hearing about it,
    # a payment clawed back, a video on TikTok, a house nearly alight, no point in anything
    ("Next stop is the state attorney general's consumer division.", "high_risk"),
    ("My barrister friend is drafting the letter now.", "high_risk"),
    ("We're taking a group claim forward with the other residents.", "high_risk"),
    ("The Advertising Standards Authority will be hearing about this free trial.", "high_risk"),
    ("I've asked Visa to claw back the payment.", "high_risk"),
    ("I'm putting this on TikTok tonight, my videos usually get a few hundred thousand views.", "high_risk"),
    ("Your product burnt a hole in my kitchen worktop and nearly set the house alight.", "high_risk"),
    ("Honestly I don't see the point in anything anymore, this was the last straw.", "high_risk"),
    ("Do you have a complaints procedure I can read before I buy?", "none"),
    ("My lawyer friend recommended your firm, do you take new clients in March?", "none"),
    # 'is the' opens statements as often as questions: a problem told with it is no plain question
    ("The replacement part you sent is the wrong size as well.", "potential"),
    # medicine the company sent, and a parent in hospital
    ("The pills you sent were the wrong strength and my mum was hospitalised.", "high_risk"),
    ("Thanks a lot for ruining my birthday dinner", "potential"),  # thanks said bitterly
    ("客服電話一直轉來轉去，轉了三個人都沒人能回答", "potential"),  # passed around, not leaving for a rival (轉去)
    # what harm did and who came count only with the product or the company named as the cause
    ("My back hurts from sitting all day, do you sell standing desks?", "none"),
    ("My dog has a vet appointment Tuesday, can I move the delivery to Wednesday?", "none"),
    ("My husband just had knee surgery, do you have shower chairs?", "none"),
    ("Loved the documentary you sponsored about the fire service!", "none"),
    ("Does buyer protection apply if I pay with PayPal on your site?", "none"),
    ("Is the kettle's handle heat-proof? I've burned myself on cheap ones before.", "none"),
    ("The shelf you installed came down and hit my wife, she needed an x-ray.", "high_risk"),
    ("孩子出疹子刚好，想买点保湿霜，有没有推荐的？", "none"),  # a rash with no product named as its cause
    ("请问你们的热水器有漏电保护吗？家里有老人", "none"),
    ("叫你哋負責人打電話俾我", "explicit"),
    ("把你们售后经理的电话给我", "explicit"),
    ("啲雞翼凍晒，一啲都唔好食", "potential"),
    ("APP登入一直失敗，已經試了很多次", "potential"),
    ("Send an engineer out this week, the boiler is still not working.", "explicit"),
    ("打了两遍电话才接通，等得我都快睡着了", "potential"),  # tries to get through one call are no contacts
    ("我打了三次电话了还是没人处理", "high_risk"),
    # English: a TV piece, over the handlebars, a flare-up after the product, the bank investigating, a group for
    # everyone affected, falling apart
    ("Local TV news is doing a piece on companies like yours and I've given them my story.", "high_risk"),
    ("The bike frame cracked while I was riding and I went over the handlebars.", "high_risk"),
    ("My daughter's eczema flared up badly after your gentle shampoo, she's on steroid cream now.", "high_risk"),
    ("I'm not paying another penny and my bank is investigating the direct debits.", "high_risk"),
    ("We've started a Facebook group for everyone affected by your outage, already 300 members.", "high_risk"),
    ("I genuinely can't cope with this anymore, everything is falling apart.", "high_risk"),
    ("Do you have shampoo that's safe for eczema-prone skin?", "none"),
    ("Is there a Facebook group for owners of this bike?", "none"),
    # Which? (with its question mark), a council meeting, a pet run over, a near miss, a video with views, no more
    ("I've forwarded the whole email chain to Which? and they're looking into it.", "high_risk"),
    ("If I don't get a response I'll be raising it at the next council meeting.", "high_risk"),
    ("Your engineer's van reversed over my cat.", "high_risk"),
    ("The ceiling light your electrician fitted fell and nearly hit my baby.", "high_risk"),
    ("Posted a video of your staff's behaviour and it's got 50k views overnight.", "high_risk"),
    ("I've been in tears all week over this and I honestly can't take much more.", "high_risk"),
    ("Which? is better, the blue or the red one?", "none"),
    # Cantonese quiet dissatisfaction: a noise after a month, less for more, nobody by night
    ("部機用咗一個月就開始有雜音", "potential"),
    ("價錢加咗，份量細咗，真係冇誠意", "potential"),
    ("張單寫住今日送，等到夜晚都未見人", "potential"),
    # customer service's boilerplate quoted asks nothing; a rhetorical 'is it for show?'; short weight; too late
    ("客服回复永远是“已反馈，请耐心等待”", "potential"),
    ("我就想问问，你们的质检是摆设吗", "potential"),
    ("包装上写的是500克，称了一下只有450", "potential"),
    ("积分快过期了才提醒，早干嘛去了", "potential"),
    # a consumer protection committee, a bank asked to reverse, owners going together, a person at the end of a rope
    ("我已经把情况反映给了当地的消费者权益保护委员会", "high_risk"),
    ("再拖下去我就向银行申请退单，让你们一分钱都拿不到", "high_risk"),
    ("我们几十个业主准备一起去你们售楼处讨说法", "high_risk"),
    ("我真的撑不下去了，什么都不想管了", "high_risk"),
    ("我们业主一起团购你们的净化器有优惠吗", "none"),
    # Weibo usage, the news app, the operator line and a virus are no exposure, violence or harm
    ("升级以后网易新闻的图标变丑了，能改回来吗", "none"),
    ("现在打人工服务要么挂机要么排队半小时", "potential"),
    ("你们的查询系统是中毒了吗？什么都查不了", "potential"),
    ("随便刷个微博手机都烫手，耗电也很快", "potential"),
    ("营业员跑去里屋问了半天，出来说明天再来", "potential"),  # the clerk, not the customer, went somewhere
    # the person in charge's number, a reissued invoice, money back to a card; a fix done and praised asks nothing
    ("把你们负责售后的领导电话给我", "explicit"),
    ("请在今天下班前把发票重新开给我", "explicit"),
    ("麻煩把多扣的兩百元退到我的信用卡", "explicit"),
    ("昨天那个客服小哥特别耐心，帮我把问题都解决了，给他点个赞", "none"),
    ("刚才买的那个杯子好看吗", "none"),  # 才买的 inside 刚才买的 is no complaint
    # a fire caught in time; a phone that restarts, bought two weeks ago
    ("你们卖的电暖器把我家窗帘点着了，幸亏发现得早", "high_risk"),
    ("新手機一直自動重開，才買兩個禮拜而已", "potential"),
    # a demand asked as a question
    ("耽误了一个订单，这个损失谁来赔？", "explicit"),
    ("宽带断了两天了，你们打算怎么解决？", "explicit"),
    ("说好昨天上门，到底什么时候能修好？", "explicit"),
    # English: sarcasm about a price rise; sent round in circles
    ("Wow, another price increase. Love that for me.", "potential"),
    ("Your chatbot sent me in circles for half an hour", "potential"),
    # one problem phrase in a plain question is unhappy only if the model reads it so; a pointed question is
    ("请问手机突然没信号了是怎么回事？", "none"),
    # the model must be as sure of it as of any question (real posts: a fault asked about without feeling)
    ("家里宽带突然拨不上号了是怎么回事...", "none"),
    ("在楼里一点网络都没有,出办公区就能连上,什么情况？", "none"),
    ("等了快一个月还没发货，到底是什么情况", "potential"),
    ("第三天了快递还没到，什么情况？", "potential"),
    # harm told without injury words, Cantonese managers, a count opening the sentence
    ("我老公用了你们的剃须刀，脸上划了好几道口子", "high_risk"),
    ("我家小朋友吃了你們的果凍噎到，差點沒命", "high_risk"),
    ("唔該搵個話事人同我傾", "explicit"),
    ("Fourth call this month about the same fault.", "high_risk"),
    ("你们的椅子腿断了，我爸摔下来腰都动不了了", "high_risk"),  # a fall that hurts a person
    ("手机摔下来屏幕碎了", "none"),  # a fall that breaks a thing (手 in 手机 is no hand)
    ("I found a piece of metal in my cereal and nearly swallowed it", "high_risk"),
    ("I don't know how I could set up another shipping address", "none"),
    ('The "fast charging" takes four hours to get to 80%.', "potential"),  # scare quotes and a wait
    ("Paid extra for next-day and it turned up on day three.", "potential"),
    ("用了你們的電熱毯，半夜聞到焦味，床單都燒黑了", "high_risk"),
    ("看到有博主说你们的新品会过敏，我皮肤比较敏感，适合用吗", "none"),  # hearsay and an enquiry
    ("要不就补发，要不就退款，你们选一个", "explicit"),  # an either-or is a demand
    ("这事不解决，我就天天去你们门店门口坐着", "high_risk"),
    ("My mate works for a newspaper and loves your coffee, do you sell beans online?", "none"),
    ("Cancel my membership and stop taking money from my account.", "explicit"),
    ("Tried calling three times and emailed twice. Still nothing.", "high_risk"),
    ("Can I speak to someone above you, please?", "explicit"),
    ("The food was fine but the delivery took almost two hours.", "potential"),  # hours that something took
    ("Four engineers, four visits, and the boiler still doesn't work.", "high_risk"),  # visits are contacts
    ("I've already asked my bank to reverse the payment.", "high_risk"),
    ("@Nike ran my first marathon in the pegasus, not a single blister", "none"),
    # English high risk said in everyday ways
    ("I've been on the phone with you four times this week about the same thing.", "high_risk"),
    ("I've spoken to four different agents and every one promised a fix.", "high_risk"),
    ("My MP's office will be hearing about this.", "high_risk"),
    ("I'm filing a dispute with PayPal.", "high_risk"),
    ("I'll be outside your head office with a sign on Monday.", "high_risk"),
    ("I bought it in March and contacted you in June when it broke.", "potential"),  # a month is no contact
    ("我會將件事放上連登", "high_risk"),
    ("你哋嘅電飯煲爆咗，燒到我隻手", "high_risk"),
    ("你们的外卖里有苍蝇，我吃了半碗才发现，现在肚子疼", "high_risk"),
    ("我把照片放到相册里了", "none"),
    # risky words in harmless context
    ("你们家的辣条辣到爆炸，太好吃了", "none"),
    ("我想在小红书上写一篇好评，可以用你们的图片吗", "none"),
    ("Police officers get 10% off? My husband's a cop.", "none"),
    ("@BestBuy if I buy a TV today and it goes on sale next week, do you refund the difference?", "none"),
    ("@Target the dollar spot never fails to get me, spent $40 on nothing again lol", "none"),
    ("@Nike still haven't decided between the pegasus and the vomero, thoughts?", "none"),
    ("@SouthwestAir lost my car seat and the baggage office is closed", "potential"),
    ("老人吃了你们的保健品血压升高，住了三天院", "high_risk"),
    ("我會去你們總公司門口拉布條", "high_risk"),
    ("This is the fourth engineer visit and the fault is still there.", "high_risk"),
    ("If I'm not happy with the colour, can I swap it in store?", "none"),
    ("Reverse the late fee, the payment went out on time.", "explicit"),
    ("我妹妹之前说你们售后很难打通，不过我今天一下就打通了，想确认下换货地址。", "none"),
    ("Dear Sir/Madam, this is my fourth letter regarding the same billing error.", "high_risk"),
    ("The sofa you delivered has a different fabric from the one I chose in the showroom.", "potential"),
    ("套餐内剩余流量算得乱七八糟，这数学是体育老师教的？", "potential"),  # a sarcasm meme
    # an English phrase that carries its own negation is not negated again by the "I'm not" it starts with
    ("I'm not renewing my contract.", "explicit"),
    ("I'm not paying this month until it's sorted.", "explicit"),
    ("Take the charge off my bill.", "explicit"),
    ("Give me back the deposit you took.", "explicit"),
    ("这已经是我打的第五个电话了，你们到底有没有人管", "high_risk"),
    ("I've now been chasing this for three months with calls and emails.", "high_risk"),
    ("The toy's battery cover came off and my toddler swallowed a button battery.", "high_risk"),
    ("My mum is in hospital, can I send flowers to the ward?", "none"),
    ("我想写一篇测评发到小红书，可以寄个样品吗", "none"),
    ("We've started a petition and already have two hundred signatures.", "high_risk"),
    ("My elderly father slipped on the wet floor in your store and broke his wrist.", "high_risk"),
    ("I've now raised this five times across phone, email and chat.", "high_risk"),
    ("This is the sixth week I've been chasing the same refund.", "high_risk"),
    ("Is the hospital car park near your pharmacy free?", "none"),
    ("I've contacted you on four separate occasions about this.", "high_risk"),
    ("This is beyond a joke, I've rung you every day this week.", "high_risk"),
    ("Since March I've called, emailed, written to you and visited the branch. Nothing.", "high_risk"),
    ("Our solicitor needs a copy of the invoice for the house sale, can you email it?", "none"),
    ("Is there a fire escape plan for the store?", "none"),
    # an authority named or not: the regulator rule's pattern
    ("I have reported you to the Gas and Electricity Markets Authority.", "high_risk"),
    ("I have lodged a complaint with the Telecommunications Industry Ombudsman.", "high_risk"),
    ("My neighbour reported you to the housing authority.", "none"),  # someone else's report
    ("I went to the passport agency yesterday, do you ship there?", "none"),
    ("This has been going on since January and I've chased it weekly.", "high_risk"),
    ("You've left an 80-year-old woman without heating for a week in winter.", "high_risk"),
    ("man, my pizza arrived burnt", "potential"),  # "man" is no person hurt
    ("Seven calls, two emails, one visit. Still broken.", "high_risk"),
    ("I've spent the last month on the phone to you, on and off, every other day.", "high_risk"),
    ("We loved the video you posted on YouTube about the new range.", "none"),
    # the media and hospital patterns
    ("Posting the whole chat online tonight.", "high_risk"),
    ("Can I share my wishlist online?", "none"),
    ("My son had to go to hospital after eating your nuggets.", "high_risk"),
    ("I went to the hospital gift shop, do you deliver there?", "none"),
    ("You have ignored my three previous emails.", "high_risk"),
    ("The doctor recommended your brand of vitamins, do you ship to Ireland?", "none"),
    ("I called once last month and it was fixed quickly, now I'm after a second unit.", "none"),
    ("The jeans I ordered are a completely different shade to the website.", "potential"),
    ("If the engineer doesn't come tomorrow I'm cancelling the contract.", "explicit"),
    ("Just wanted to say the new app update fixed the login issue, thanks team!", "none"),
    ("The instructions are missing from the box, so I've no idea how to assemble it.", "potential"),
    ("My lawyer friend recommended your notary service, are you taking new clients?", "none"),
    # praise before a "but" sets up what went wrong
    ("The jacket looked great online but the zip broke the first time I used it.", "potential"),
    # a judge, legal as the next step, a news story asked for rhetorically, customers by the hundred
    ("I'll happily explain all this in front of a judge.", "high_risk"),
    ("Next step is legal, I'm afraid.", "high_risk"),
    ("Is it going to take a news story for you to sort this?", "high_risk"),
    ("There are over 150 of us in the same position.", "high_risk"),
    # the umpteenth call; "for the fourth time:" said as an aside counts the telling
    ("This is my umpteenth call about the meter.", "high_risk"),
    ("For the fourth time: the parcel is not at my address.", "high_risk"),
    ("Ordering for the third time, the fit is perfect every time.", "none"),
    # a part that keeps people safe failed in use
    ("The child seat harness came loose on the motorway.", "high_risk"),
    ("What if the brakes fail on a steep hill?", "none"),
    # a sports court, how often something may be done, a credit report
    ("Is there a food court near your Leeds store?", "none"),
    ("How many times can I reschedule a delivery?", "none"),
    ("Will a missed payment show on my credit report?", "none"),
    # a consumer forum, the courts, a councillor; "rung" four times; bare wires; faint praise turned down
    ("I've sent the whole email chain to the consumer forum.", "high_risk"),
    ("We will settle this through the courts.", "high_risk"),
    ("I've rung you lot four times about the boiler.", "high_risk"),
    ("The heater sparked and there are bare wires showing.", "high_risk"),
    ("Not thrilled with the delivery slot change.", "potential"),
    ("Our councillor opened your new branch, lovely event, thanks!", "none"),
    # rights pursued (a data request, arbitration, a claims firm); a journalist writing; resus; a dog hit
    ("This is a subject access request under GDPR for all my call recordings.", "high_risk"),
    ("We're going to arbitration over the unpaid invoice.", "high_risk"),
    ("I'm a reporter and I'm doing a story on your refund delays.", "high_risk"),
    ("I'm a reporter, do you deliver to the newsroom on Saturdays?", "none"),
    ("My wife was in intensive care after the gas leak your engineer missed.", "high_risk"),
    ("Your courier ran over our dog in the lane.", "high_risk"),
    # a chargeback asked about before buying is a question; one opened is a threat
    ("Does section 75 cover me if I book the holiday on my credit card?", "none"),
    ("I've opened a dispute with PayPal, is there anything you need from me?", "high_risk"),
    # promised callbacks and numbered appointments counted; a charity, a union, a tribunal, the ASA; a short, a
    # drunk driver; a post drafted
    ("Third missed callback and two no-shows, this is appointment number five.", "high_risk"),
    ("I've written to the disability rights charity about your lifts.", "high_risk"),
    ("Happy to let a tribunal decide.", "high_risk"),
    ("The toaster shorted and blackened the socket.", "high_risk"),
    ("You shorted me two nuggets again.", "potential"),
    ("My son's new bike arrived scratched.", "potential"),
    ("Got my ears pierced at your store, love them!", "none"),
    ("Asa from your team was brilliant.", "none"),
    ("Our cab driver was clearly drunk and swerving.", "high_risk"),
    ("Review is drafted, just need to hit publish.", "high_risk"),
    ("Is there a discount for union members?", "none"),
    # going outside in general words
    ("I will be taking this further.", "high_risk"),
    ("Expect this to go to the relevant authorities.", "high_risk"),
    # read in English renderings of real posts: a wish to kill, damn you, a reasonable explanation, being cheated
    ("Damn you, I want to kill you, how many versions has this bug survived?", "high_risk"),
    ("I got milk tea instead of black tea, can you give me a reasonable explanation?", "explicit"),
    ("I paid 800 for this broadband and I feel cheated.", "potential"),
    ("It is so difficult to get through to your hotline.", "potential"),
    ("I have complained about the signal for over a year and nothing has changed.", "high_risk"),
    ("I complained hundreds of times and you always ask me to wait 48 hours.", "high_risk"),
    ("This is not the first time you've overcharged me.", "explicit"),
    # a smell of gas or burning (not of smoke in a hotel room); skin broken; lawyers involved as an ultimatum; a
    # regulator contacted; a platform one takes it to; a fee one needs removed
    ("Since your visit the hallway smells strongly of gas.", "high_risk"),
    ("The room smelled of smoke even though we booked non-smoking.", "potential"),
    ("A loose staple in the seat grazed my daughter's leg.", "high_risk"),
    ("I'd rather not have to involve lawyers, but you leave me little choice.", "high_risk"),
    ("I have contacted the Civil Aviation Authority about my refused claim.", "high_risk"),
    ("No answer again, so I'm taking this to Facebook.", "high_risk"),
    ("I need you to waive the fee, your system double-charged me.", "explicit"),
    ("My MP toured your factory and was very impressed, just passing it on!", "none"),
    # look-alikes: a court as a place, a regulator's own staff, a lawyer in a plain request, a photo shared with
    # thanks, calls made to compliment, an ombudsman asked about "just curious"
    ("Is your Leeds store near the county court?", "none"),
    ("I work in trading standards and your labels are the clearest I've seen.", "none"),
    ("My lawyer and I are opening an office, can we get a broadband quote?", "none"),
    ("Posted a photo of my new kitchen on Instagram, thanks for the quick fitting!", "none"),
    ("I posted this on Instagram because your service was appalling.", "high_risk"),
    ("I called three times to compliment the driver, please pass it on!", "none"),
    ("What does the ombudsman do if I ever have a dispute? Just curious.", "none"),
    # contacts on dated days; flames, a needle, a torn ligament, a live socket; a column; 'see what happens on'
    ("I rang you on 2 June, 10 June and the 14th and nothing has changed.", "high_risk"),
    ("The e-bike battery burst into flames on the balcony.", "high_risk"),
    ("There was a needle in my son's burger.", "high_risk"),
    ("The rowing machine seat snapped and I've torn a ligament.", "high_risk"),
    ("I'll be naming your company in my column this weekend.", "high_risk"),
    ("Carry on like this and see what happens on Google reviews.", "high_risk"),
    # written or taken to any association, charity or newsroom, named or not; not a bike to a repair station
    ("I've written to the Tenants' Association about the damp.", "high_risk"),
    ("I'm taking this to the local paper.", "high_risk"),
    ("I'll take the bike to the repair station tomorrow.", "none"),
    ("Please send the invoice to the accounts department.", "none"),
    # quiet dissatisfaction in English: hopes let down, several goes, a hassle, smaller than advertised, used to
    ("I was hoping the new model would be quieter, but it's the same.", "potential"),
    ("It took four goes to get the discount code to work.", "potential"),
    ("Smaller than advertised and the balcony was a fire escape.", "potential"),
    ("Used to love your sandwiches, the new bread is bland.", "potential"),
    ("How many goes do I get at the quiz?", "none"),
    # read where English renderings of real posts disagreed with the Chinese: a complaint made, who is
    # responsible, hard to reach, what is the point of, please explain
    ("I just complained about the hotline and was told to go to a shop instead.", "explicit"),
    ("There was a live beetle in the chocolate. Who takes the responsibility for that?", "explicit"),
    ("It's incredibly hard to reach you by phone.", "potential"),
    ("What is the point of your unsubscribe button?", "potential"),
    ("I complained last year but that's sorted, just want to upgrade my plan.", "none"),
    ("Why did you say you never got my payment? @Consumers Association please look at this", "high_risk"),
    # an agent's advice to complain is not the customer's complaint; "written in" is a contact; a melted plug
    ("The rep told me to complain in writing if I wasn't happy.", "none"),
    ("Fourth time I've written in about the same leak.", "high_risk"),
    ("The adaptor melted the plug, thankfully no fire.", "high_risk"),
    ("Thankfully no one was hurt, the box just arrived crushed.", "potential"),
    ("客服让我打12315试试,你们自己的问题为什么要我去找别人?给我个说法。", "explicit"),
    ("不是我想投诉,但你们这个配送真的太慢了。", "potential"),
    # sarcasm asked; a healed rash thanked for; an allergy asked about; a parcel at customs; 这都第三回了
    ("Would it kill you to reply to an email?", "potential"),
    ("My daughter's rash has cleared up since we switched to your cream, thank you!", "none"),
    ("請問這款餅乾有沒有含堅果?女兒對堅果過敏。", "none"),
    ("等了三個禮拜,包裹還在海關。", "potential"),
    ("上次投诉解决了,可是同样的问题又出现了,这都第三回了。", "high_risk"),
    # hearsay told before the customer's own experience does not frame it
    ("网速不稳定是以前就听说的,现在体验了恶劣的服务态度,希望给个说法", "explicit"),
    ("信号很不稳定!打客服总是那么几句话!", "potential"),
    # 投诉 said at all is a complaint; named as a channel, denied or resolved it is not
    ("投诉上海某通信公司歧视新用户,活动只给老用户参加", "explicit"),
    ("请问你们的投诉电话是多少?我想表扬一下昨天的师傅", "none"),
    ("我冇投訴呀,只係想問下幾時有貨。", "none"),
    ("之前投诉的问题很快就解决了,支持", "none"),
    ("宽带断了三天,太差了,客服说处理好了", "explicit"),  # a resolution claimed is no retraction
    # earlier contacts in real posts: 打电话去客服, 反应过 (for 反映过), after a repair; the third agent
    ("网速一直只有200k,好夸张,打电话去客服,都是统一的回复", "explicit"),
    ("微信语音一直有杂音,之前向客服反应过,也在微博反应过", "high_risk"),
    ("昨天收到维修后的手机,今天又不行了", "explicit"),
    ("打了10000号,第一个人说派人修,第二个说不管,第三个工号说原因不方便透露", "high_risk"),
    ("每次打客服都要排队二十分钟,真的很消磨耐心", "potential"),
    # Weibo chosen as the channel; an oath of violence; how to remove a setting is a question
    ("客服电话太难打通了,选择微博,麻烦制止你们的广告短信", "explicit"),
    ("热线一直占线,只好来微博求助,宽带断了三天", "explicit"),  # Weibo as the last resort: not the first contact
    ("分分钟想砍死你,这个问题多少个版本了", "high_risk"),
    ("我就问问如何能取消掉顶部的图标", "none"),
    # from a second blind sample: 吐 inside 吐槽 is no vomiting; a gas valve leaking; what 10000号 told; 一次次;
    # 打假; leaving for a rival said as a last resort; a heart that will explode is a figure of speech
    ("真要吐槽下,人工全忙就只能挂机", "potential"),
    ("燃气灶两个开关漏气,师傅上门开价240", "high_risk"),
    ("10000号告知说可以先扣话费,结果又从银行卡扣了150,随便扣我的钱?", "explicit"),
    ("你们一次次的承诺都做不到,我不得不再次投诉", "high_risk"),
    ("这算不算打假?上传只有4M", "high_risk"),
    ("逼不得已只能用中国移动的4G了,唉", "explicit"),
    ("心里不平衡,小心脏都要爆炸了", "potential"),
    # from a third blind sample: calls made with the phone are use, not contacts; agents who each said something
    # else; "fix it properly"; 却 as the turn of a grievance
    ("升级完系统耗电厉害,白天就打几个电话,请问正常吗?", "none"),
    ("账单打印有的客服说只能打3个月,有的说能打6个月,有的客服说还没出结果,你们就这样推脱?", "high_risk"),
    ("控制箱也没有人维护,还是好好修修吧", "explicit"),
    # an ordinal past counting; a pinned post; owners banding together; a neighbour suing over our leak;
    # "nothing to do with you" takes a regulator back
    ("这都第n次问了,还是没人处理", "high_risk"),
    ("帖子我已经置顶了,看的人越来越多", "high_risk"),
    ("业主们已经联合起来,明天一起去讨说法", "high_risk"),
    ("空调漏水到楼下,楼下说要告我们,你们要负全责", "high_risk"),
    ("请问12315的电话是多少?帮我妈问的,跟你们无关", "none"),
    # a feast-day greeting with a media word; a company's own lawyer asking for papers; a pram's brakes; 公開晒
    ("记者节快乐!你们的公众号文章写得真好。", "none"),
    ("我哋公司律師要份發票副本,唔該寄一份,多謝", "none"),
    ("嬰兒車的剎車壞了,差點溜下斜坡。", "high_risk"),
    # read where the English rendering of a real post read a complaint and the Chinese did not
    ("奥运期间中央五无缘无故消失了,要你何用!", "potential"),
    ("去你的网络电视,每天报修!收费还这么贵", "high_risk"),
    ("对此我表示:不接受,不承认,不执行。这是哪门子的公平使用原则?", "potential"),
    ("上个月被捆绑开通一个号码,天天往陌生号码发短信", "potential"),
    ("妈蛋!电脑突然掉线,晚上竟然没有人工服务", "potential"),
    ("说你网速快?说你流量费便宜?真心不知说什么好", "potential"),
    ("我的云相册变成了其他人的,能好好解释下不?", "explicit"),
    # hard cases: contacts listed by number, a button battery in a child's mouth (not a habit asked about),
    # a past threat set aside, the council told
    ("三个电话,两封邮件,跑了一趟门店,还是坏的。", "high_risk"),
    ("请问三个电话号码可以办一个家庭套餐吗?", "none"),
    ("玩具嘅電池蓋甩咗,我個仔將粒鈕扣電池放入口。", "high_risk"),
    ("玩具嘅鈕扣電池有冇螺絲固定?我個仔乜都放入口。", "none"),
    ("Are the button batteries secured? My son puts everything in his mouth.", "none"),
    ("上次说要找媒体,这次算了,就是累了。", "potential"),
    ("If anyone from the council asks, yes, I've told them about your bins.", "high_risk"),
    # chat register: u, 5x, 'lol not joking'; 已发 and 上热门; 又没到
    ("see u in court lol not joking", "high_risk"),
    ("called 5x this week. FIVE. nobody helps", "high_risk"),
    ("抖音已发,等着上热门吧", "high_risk"),
    ("又没到…", "potential"),
    ("加咗價但係冇好到,唔抵。", "potential"),
    ("物业再不修电梯,我们业主就去住建委反映。", "high_risk"),
    ("外卖吃出了一颗钉子,牙都崩了一块。", "high_risk"),
    ("柜子装好之后发现少了几颗钉子,请问能补发吗?", "none"),  # a nail missing is no nail eaten
    ("热水器一直有怪味,全家头晕,已经去医院了。", "high_risk"),
    ("教练让我做超负荷训练,现在住院了。", "high_risk"),
    ("你哋送錯藥,我阿媽食咗之後暈低咗。", "high_risk"),
    ("我會喺網上將你哋嘅所作所為公開。", "high_risk"),
    ("這是第二次發生同樣的問題,請派技術人員來看。", "explicit"),
    ("個客服講嘢好冇禮貌。", "potential"),
    ("这个月的账单怎么比上个月多了五十块?", "potential"),
    ("The hold music is ice cold jazz, love it", "none"),
    # a fire door chained shut (not a fire exit asked about); every site; back to the store four times
    ("The hotel's fire door was chained shut during our stay.", "high_risk"),
    ("Where is the fire exit on the second floor?", "none"),
    ("This review is going up on every site I can find.", "high_risk"),
    ("I've been back to the store four times with the same faulty hoover.", "high_risk"),
    # a child left unattended (not a bag); weeks of calls; the sixth engineer (not praise for the sixth agent)
    ("The babysitting service left my daughter unattended for an hour.", "high_risk"),
    ("Can I leave my bag unattended in the lobby?", "none"),
    ("Nine weeks of calls and nobody has fixed my line.", "high_risk"),
    ("Sixth engineer, same fault.", "high_risk"),
    ("The sixth agent I spoke to was great, thanks!", "none"),
    # a child trampled, abuse shouted, the board emailed (an internal escalation), a consumer champion on the radio
    ("The soft play frame collapsed with kids inside and one was trampled.", "high_risk"),
    ("Your security guy followed me to my car shouting abuse.", "high_risk"),
    ("I've emailed your CEO and every director I could find.", "explicit"),
    ("Who is the CEO of your company?", "none"),
    ("The kids pushed me on the swing, fun day!", "none"),
    ("The consumer champion on local radio wants to hear my story.", "high_risk"),
    ("你哋再唔處理,我就喺Facebook同連登公開晒啲對話。", "high_risk"),
    ("号码又又又收不到验证码了", "potential"),
    ("The rep told me to complain to the ombudsman if I wasn't happy, odd thing to say.", "none"),
    # a wasted trip or wasted money; how to unsubscribe is a question
    ("跑了两个门店都说没货,白跑了", "potential"),
    ("买了个会员结果全是广告,真冤", "potential"),
    ("请问怎样退订彩铃?", "none"),
    # the press tagged on a grievance; not a reporter's own handle, a question to a paper, a TV brand, a date
    ("@某银行客服 @都市快报 卡被多扣了两次年费,到现在没人处理", "high_risk"),
    ("@某银行客服 卡被多扣了两次年费,到现在没人处理[抓狂] @新京報", "high_risk"),
    ("@十堰晚报 请问哪里能买到冬枣树苗?", "none"),
    ("@Ryanair lost my bag, 5 days and no reply @BBCNews", "high_risk"),
    ("@AppleNews is the app down today?", "none"),
    ("@中国联通客服 @沈阳联通 整个小区每周四开始断网到周末", "potential"),  # 周末 ends no handle here
    ("@海信客服 @海信电视 屏幕一直闪,烦死了", "potential"),
    ("3.12充值200, 3.15又扣了我50,什么情况", "potential"),
    # Weibo as an app, a handle or a search; the police station for papers
    ("微信微博都打不开,只能用2G上网,慢死了", "potential"),
    ("派出所开的户籍证明要带原件去营业厅吗?", "none"),
    # a complaint already made; the telecom regulator's line; the consumer law cited; leaving said as goodbye
    ("上周就通过10086投诉了,到现在没人回电话", "explicit"),
    ("半个月处理不了一个问题,明天我就打12300", "high_risk"),
    ("根据消费者权益保护法,你们应当按约定时间发货", "high_risk"),
    ("更新以后一直闪退,下次还这样咱们就再见吧", "explicit"),
    ("隻鞋著咗兩次,鞋底甩晒膠。", "potential"),
    # an elevator that slid, a gas smell, intensive care; visits qualified by 不下; asking them again counted;
    # buyers banding together; a finished video; every platform's comments
    ("小区电梯今早突然溜梯,我妈吓得腿都软了", "high_risk"),
    ("厨房里一股瓦斯味,是你们师傅装的管子", "high_risk"),
    ("为了这个问题我跑了门店不下五趟", "high_risk"),
    ("这已经是第三次请你们来修热水器了", "high_risk"),
    ("我们十几个买家准备集体维权", "high_risk"),
    ("我会在各大平台的评论区发出来", "high_risk"),
    ("电梯保养一年要做几次?", "none"),
    # a lawyer named in a yes-no question (吗?) is named in passing; not when the question is the threat
    ("律师事务所可以开增值税专用发票吗?", "none"),
    ("是我操作有误吗?望解答,谢谢", "none"),  # 我操 is an oath, not inside 我操作
    ("你们这样做不怕我找律师吗?", "high_risk"),
    # a heater or a plug scorching what is round it; a lawyer a relative lends is the customer's threat; someone
    # able to approve, in any words; "if I'm honest" is no hypothetical; praise that sarcasm also uses, said with thanks
    ("The fan heater has scorched the carpet underneath it", "high_risk"),
    ("There are burn marks all round the socket where your charger was plugged in", "high_risk"),
    ("My cousin is a solicitor and she's going to write to you on my behalf", "high_risk"),
    ("The chocolates arrived melted", "potential"),
    ("Could you transfer me to somebody who can sign this off? The agent says it's above his pay grade.", "explicit"),
    ("Can I talk to someone who can help me update my card details?", "none"),
    ("Quite disappointed if I'm being honest, the colour is nothing like the photo", "potential"),
    ("售后很快帮我换好了,谢谢师傅,给你们点赞", "none"),
    ("谢谢你们让我白跑了一趟", "potential"),
    ("搵個有權話到事嘅人覆我", "explicit"),
    # contacts told by dates with chasing; the nth said ahead; sharp things into a body, someone pinned, bruises,
    # a CO alarm, someone frail stranded; no point in anything; staff screamed at; a court claim; a solicitor asking
    # for papers; an injury the customer says is not the company's doing
    ("Raised it on 3 March, followed up on the 10th and again on the 20th, still broken", "high_risk"),
    ("That makes this the sixth message about one missing refund", "high_risk"),
    ("A staple in the packaging went straight into my thumb and it bled everywhere", "high_risk"),
    ("The shelf unit toppled onto my son while he was playing", "high_risk"),
    ("She was left badly bruised after the chair gave out", "high_risk"),
    ("Since your fitter came our carbon monoxide detector has gone off twice", "high_risk"),
    ("Your driver left my disabled mother outside in the rain for an hour", "high_risk"),
    ("Honestly I can't see any point in getting up any more", "high_risk"),
    ("A customer was yelling at the cashier and swearing", "high_risk"),
    ("I've started a money claim online against you", "high_risk"),
    ("My solicitor asked for the original receipt, could you email it over?", "none"),
    ("Broke my wrist skiing (unrelated to you, ha) - can I pause my gym membership?", "none"),
    ("The peaches are all bruised, not happy", "potential"),
    ("Can you recommend a CO alarm for a small flat?", "none"),
    # a baby unwell, medicine a life depends on lost, a car failing at speed, a fist through a window, an eyelid
    # swollen, a safety order, contacts rung on named days, an MSP stepping in, action against the company; a protest
    # or a lawyer named in a request, an illness "not from you"
    ("Since switching formula my 3 month old has been vomiting after every feed", "high_risk"),
    ("The hotel lost my inhaler when they cleaned the room and I'm asthmatic", "high_risk"),
    ("The engine cut out on the dual carriageway with my wife driving", "high_risk"),
    ("Say that again and I'll put my fist through your counter", "high_risk"),
    ("That face mask made my eyelids puffed up and sore", "high_risk"),
    ("I have a restraining order and your agent read my new address out to a caller", "high_risk"),
    ("I have rung on Tuesday, Thursday and Saturday and still nobody has come", "high_risk"),
    ("I've asked my MLA to intervene", "high_risk"),
    ("We will be taking action against you for this", "high_risk"),
    ("Our group is running a petition about the park, would you put a poster in your window?", "none"),
    ("I caught a stomach bug last week (not from you, to be clear!) - could I move my booking?", "none"),
    ("Been on the phone to you once already about this, please ring me back", "explicit"),
    # a fall told without injury words, an audience in thousands, wanting it all to stop, others with the same fault,
    # someone higher up asked for; thanks for how a complaint was handled, and someone's else's words, are neither
    ("My dad, who's 82, went down hard on the step you left wet and now he's on crutches", "high_risk"),
    ("My group has 12k followers and they're going to hear exactly how you treat people", "high_risk"),
    ("I can't see a way out of this debt and I just want everything to stop", "high_risk"),
    ("Dozens of residents on our estate have had the same fault, we're joining forces", "high_risk"),
    ("Can you pass this to someone higher up please, the chat isn't getting anywhere", "explicit"),
    ("Thank you for handling my complaint so well, all sorted", "none"),
    ("Someone on Reddit said they'd sued you, is that true?", "none"),
    ("Someone from your team gave my number to a cold caller and now I'm getting threats", "high_risk"),
    # contacts told by dates (3月2号报了修, 8号又催); an ordinal said alone after calls counted; a person run into;
    # the whole family dizzy and sick; banners in Cantonese; neighbours banding together; 我要退
    ("3月2号报了修,3月8号又打电话催,今天20号了师傅还没来", "high_risk"),
    ("上星期打咗两次电话,今日已经系第三次了", "high_risk"),
    ("快递车倒车撞到我儿子,腿都肿了", "high_risk"),
    ("新装的地板味道很大,一家人都头痛恶心", "high_risk"),
    ("再唔退款我哋就去你哋铺头门口拉横额", "high_risk"),
    ("楼里十几家准备一起来找你们", "high_risk"),
    ("这双鞋我要退,穿一天就开胶", "explicit"),
    ("门店在8号楼一楼吗?", "none"),
    # a gas alarm sounding (and one asked about); a heart attack after a shove; a battery nearly swallowed; calls
    # past counting in Cantonese; a lift stopped with someone on it; the nth bill in a row; a lip split; how long a
    # replacement takes is a question
    ("厨房的煤气报警器半夜突然响个不停", "high_risk"),
    ("燃气报警器一般多久换一次?", "none"),
    ("催收员推搡我奶奶,她当场心脏病发作", "high_risk"),
    ("个仔差啲吞咗玩具入面跌出嚟嘅电池", "high_risk"),
    ("条数拖咗三个月,打咗唔知几多次电话", "high_risk"),
    ("The lift jammed between floors with my dad in it", "high_risk"),
    ("Fourth bill in a row that's wrong and I've had to call about every one of them", "high_risk"),
    ("My son slipped on your wet floor and split his head open", "high_risk"),
    ("How long does a replacement take if the item is faulty?", "none"),
    # a complaint lodged with a regulator abroad; the wrong medicine handed over; bites in a bed; a shock that threw
    # someone; weeks of asking; chat counted as a contact; a step down; a story about the company, not any article;
    # a complaint handled well is praise
    ("We lodged a complaint with ACMA last week about the outages", "high_risk"),
    ("The chemist handed my mum the wrong heart tablets", "high_risk"),
    ("Our kids got bitten all over at your holiday park", "high_risk"),
    ("I got a belt off the toaster when I unplugged it", "high_risk"),
    ("Month three of chasing this same repair", "high_risk"),
    ("I phoned, I emailed, and I used the live chat, and the fault is still there", "high_risk"),
    ("The new recipe is a step down from the old one", "potential"),
    ("I'm putting together a piece on how you treat your drivers", "high_risk"),
    ("I'm writing a feature on local bakeries for the school magazine, can I visit?", "none"),
    ("My last complaint was dealt with so quickly that I've recommended you to friends", "none"),
    # injury and illness words that only mean someone was hurt; figurative ones need a person beside them
    ("Had your chicken wrap on Friday and tested positive for salmonella on Monday", "high_risk"),
    ("The trampoline net gave way and my son dislocated his shoulder", "high_risk"),
    ("用了你们的暖宝宝,腰上起了一片灼伤", "high_risk"),
    ("吃了你们家的退烧药反而发高烧", "high_risk"),
    ("宝宝发高烧,请问明天的课可以改期吗?", "none"),
    ("宽带又开始抽搐了,一会儿有一会儿没", "potential"),
    # escalation said abstractly, an outsider who would relish it, the card scheme, solicitors in the plural; an estate's
    # solicitor and a late father are no threat or complaint
    ("We'll have no choice but to escalate it externally", "high_risk"),
    ("The consumer show on Channel 4 would have a field day with this", "high_risk"),
    ("I'm taking this up with Mastercard tomorrow", "high_risk"),
    ("Do you take Mastercard?", "none"),
    ("Our solicitors have been instructed", "high_risk"),
    ("The executor of my late mum's will needs her final bill, who should they contact?", "none"),
    # a plug melted or a socket blackened (a hot phone is no fire); asking again; worse than last time; a story sent
    # to a paper; counts qualified (唔少于); hearsay in Cantonese; a third visit told with praise; not thrilled
    ("拖线板的插头熔化了,墙上还有一股焦味", "high_risk"),
    ("手机充电的时候烫手,正常吗?", "none"),
    ("我最后问一次,我的退款去哪了?", "explicit"),
    ("这批茶叶比上次少了好多", "potential"),
    ("整件事我已经写成文章投稿到报社了", "high_risk"),
    ("电话打咗唔少于六次,都冇人跟", "high_risk"),
    ("听讲有人告过你哋,系咪真㗎?", "none"),
    ("第四次来这家店吃饭了,每次都很满意", "none"),
    ("Not exactly thrilled with how long this is taking", "potential"),
    # gas left on or smelt where gas is named; a lift that traps people again; a fall from a bed; a protest at the
    # shop door; the same as ever and good is praise; "死磕到底" is no knock to the head
    ("师傅修完热水器没关煤气阀就走了", "high_risk"),
    ("煤气灶没点着火,整个厨房都是味道", "high_risk"),
    ("燃气公司的客服回复一直很慢", "potential"),
    ("小区电梯又困人了,里面还有个孕妇", "high_risk"),
    ("护栏坏了,我儿子半夜掉下床摔到了手", "high_risk"),
    ("第三次买了,还是一样新鲜", "none"),
    ("不给个说法我就每天去你们门店门口站着", "high_risk"),
    ("这事我跟你们死磕到底", "explicit"),
    # someone close in the media, said as a warning (and said with love); a seat's buckle popping open; barging in;
    # counts of advisers and reference numbers; a negation does not reach across "when"; "go to the media" is a
    # threat even said happily; a past threat settled, a past job, a warranty asked about
    ("Bear in mind my brother is a reporter at the Evening Standard", "high_risk"),
    ("My cousin works at the BBC and loves your shop, do you have gift cards?", "none"),
    ("The harness on the high chair came undone and she nearly fell out", "high_risk"),
    ("Your salesman barged into my dad's flat and wouldn't leave", "high_risk"),
    ("This is my third separate reference number for one fault", "high_risk"),
    ("The carbon monoxide alarm you sold us stayed silent when the boiler leaked fumes", "high_risk"),
    ("Quite happy to go to the papers about this, they'd find it interesting", "high_risk"),
    ("Went to the ombudsman with you years back, all settled now, we got it sorted. Can I add a line?", "none"),
    ("I used to be a journalist, funnily enough, but I'm just after a new charger", "none"),
    ("Would it be covered by the warranty if the screen cracks?", "none"),
    ("You'd think they could get one delivery right", "potential"),
    # a complaint imagined, a refund disowned, an injury firm's order, the news as where a recall was seen; a booster
    # seat snapped, a headlock, a pet on a drip after licking something, whoever manages the drivers, not what I expected
    ("If I ever had an issue with my order, who would I complain to?", "none"),
    ("I don't want a refund, I only wondered whether the sizes run small?", "none"),
    ("We're a personal injury law firm and need 200 notebooks, can you quote?", "none"),
    ("I heard the news about the battery recall, does it affect my model?", "none"),
    ("The stroller's frame snapped in half going down a kerb", "high_risk"),
    ("Your bouncer put my son in a chokehold", "high_risk"),
    ("Our dog licked the floor cleaner your team left out and is now on a drip", "high_risk"),
    ("Could I talk to whoever runs your returns team?", "explicit"),
    ("Not what I expected from a brand like yours", "potential"),
    # harm the company did is reported whoever it happened to; someone else's mishap elsewhere is not
    ("My brother cut his hand open on the broken jar you delivered", "high_risk"),
    ("我同事吃了你们家的外卖上吐下泻", "high_risk"),
    ("My friend broke her wrist skiing, can she pause her membership?", "none"),
    ("我朋友打球扭伤了脚,你们的课可以请假吗?", "none"),
    # a lawyer in the family who swears by the product; Cantonese hearsay; 得唔得 asks
    ("My aunt is a judge and swears by your coffee", "none"),
    ("我个朋友话佢投诉过你哋,不过我用咗都冇问题", "none"),
    ("听日送货改去公司,得唔得?", "none"),
    # a worker who smelt of drink; a pensioner without heating (who they are is no role); contacts by month; a strained
    # back, a cracked pelvis and a fall (Cantonese); a media price asked for
    ("The fitter reeked of alcohol while he was connecting our gas hob", "high_risk"),
    ("I'm a wheelchair user and I've been left with no hot water or heating since Friday", "high_risk"),
    ("上个月同今个月都打过嚟,八月都打过,仲未搞掂", "high_risk"),
    ("师傅不帮忙抬,我妈自己搬柜子闪到腰了", "high_risk"),
    ("请问有没有媒体价?我们杂志想采购十台", "none"),
    # a limb caught in a gap; something alive in food already eaten; "I'm a bit" is a degree, not who someone is;
    # "I have to say" is no question; "thank you so much for" is no "so much for"; a faulty item asked about politely
    ("The toddler's arm got wedged between the bed and your guard rail", "high_risk"),
    ("There were bugs in it and the kids had already eaten half the box", "high_risk"),
    ("I'm a bit let down by the quality, I must say", "potential"),
    ("Thanks so much for sorting my order so fast!", "none"),
    ("Would you mind letting me know where to send the faulty charger?", "none"),
    # calls made to buy something are no contacts; 尽快帮我处理 asks for action
    ("刷了好几次页面打了三次电话才约到师傅,开心", "none"),
    ("请尽快帮我处理一下退款", "explicit"),
    ("Such a shame the voucher wouldn't work online", "potential"),
    ("Ordered my usual size and it's way too small", "potential"),
    # essentials cut off from someone who depends on them; a gambler's self-exclusion ignored; a safeguarding concern; a
    # child by an open window; a double dose; a child left outside; someone who cannot go on
    ("With the account frozen I can't feed my kids this week", "high_risk"),
    ("Since the switchover my mum's phone can't call 999", "high_risk"),
    ("They disconnected the supply though my husband is on dialysis at home", "high_risk"),
    ("I self-excluded last year and your site still let me deposit", "high_risk"),
    ("The childminder you sent raised no safeguarding concern but left my son alone in the car", "high_risk"),
    ("The pharmacy label said double the dose the doctor gave", "high_risk"),
    ("Your coach driver left our daughter outside the school gates in the dark", "high_risk"),
    ("I'm on the priority services register, will you have my new address?", "none"),
    # the same in Chinese: no money for food, a breathing machine stopped by a cut, a gambling habit fed, a child
    # shut outside, a window guard loose, a customer threatened, too tired to live, an address told to an ex
    ("账户被冻结,现在连吃饭的钱都没有", "high_risk"),
    ("突然断电,我妈的呼吸机停了半小时", "high_risk"),
    ("请问这款制氧机噪音大吗?", "none"),
    ("明知我有赌瘾还天天给我发优惠券", "high_risk"),
    ("保安把我儿子锁在门外一个多小时", "high_risk"),
    ("窗户的护栏松了,孩子差点从窗台爬出去", "high_risk"),
    ("送货的说我敢给差评就让我好看", "high_risk"),
    ("每天都在处理这些事,活着好累", "high_risk"),
    # a count opening a clause; a bolt that sheared; a vehicle that struck a child's bike; asked twice; a follow-up;
    # makes no sense; a reaction to another brand, a late opening and "is that right?" are no risk
    ("Two months, fifth engineer, same leak", "high_risk"),
    ("The bolt on the bunk bed ladder sheared and he fell onto the floor", "high_risk"),
    ("A courier's van hit my daughter's scooter outside school", "high_risk"),
    ("I've asked twice for the invoice", "explicit"),
    ("Following up on my message from Monday, nothing yet", "explicit"),
    ("The manual makes no sense", "potential"),
    ("I broke out in hives from another brand, is yours hypoallergenic?", "none"),
    ("A reporter on the radio said you're open late on Fridays, is that right?", "none"),
    # a solicitor instructed, said warmly; hot liquid over someone; contacts mentioned on dated days; someone up the
    # chain; dotted acronyms; asking again; a refund asked about in advance, a regulator for a project
    ("You've all been lovely, truly, but I have now instructed a solicitor", "high_risk"),
    ("The kettle spout came off and boiling water went over my son's hand", "high_risk"),
    ("Mentioned it on 2 May, again on 9 May, and on 20 May", "high_risk"),
    ("Is there someone further up the chain I could speak to?", "explicit"),
    ("I have written to the F.C.A. about this", "high_risk"),
    ("Sorry to ask again, but when is the engineer coming?", "explicit"),
    ("Would I get my money back if the hotel closes?", "none"),
    ("Is the ombudsman the right body for questions about energy tariffs? It's for a school project.", "none"),
    # praise in scare quotes; boiling water spilled on someone; someone more senior; Cantonese days and emails
    ("客服回复真是“及时”,三天才回一句", "potential"),
    ("锅把手松了,开水泼到我儿子手上", "high_risk"),
    ("可以找一位级别更高的同事处理吗?", "explicit"),
    ("琴日同今日都打过嚟,上星期五都打过", "high_risk"),
    ("已经系第四次写电邮嚟问", "high_risk"),
    ("我住高层,电梯坏了三天了", "potential"),
    # a safety certificate or guard missing; a collector at an old woman's door; money taken from someone with
    # dementia; a child pulled out of the water; a certificate or a dementia asked about
    ("The flat has never had an electrical safety certificate and the sockets spark", "high_risk"),
    ("The blade guard on the mower you serviced was missing when you returned it", "high_risk"),
    ("Your bailiffs keep banging on my gran's door at night", "high_risk"),
    ("The branch transferred her savings to a stranger even though she has Alzheimer's", "high_risk"),
    ("The swimming teacher had to pull her out of the water after the lane rope snapped", "high_risk"),
    ("Can I have a copy of the gas safety certificate for my records?", "none"),
    ("My mum has dementia, can I manage her account for her?", "none"),
    # the contacts before this one counted (my previous three calls, 前两次); an earlier message referred to; how many
    # more times; someone with more authority; a senior member; 上司
    ("Nothing has changed since my previous three calls", "high_risk"),
    ("之前两次投诉都石沉大海", "high_risk"),
    ("Further to my email last week, the refund still hasn't arrived", "explicit"),
    ("How many more times must I explain this?", "high_risk"),
    ("Can a senior member of staff take this over?", "explicit"),
    ("请你们上司跟我联系", "explicit"),
    ("I've ordered from you three times this month, always perfect", "none"),
    # a complaint prepared for the right body; a bad reaction to medicine; decided to cancel; nowhere near as described;
    # a school report on a paper is no threat
    ("I'm preparing a complaint and just need to know the appropriate body to send it to", "high_risk"),
    ("My dad had an adverse reaction to the eye drops you supplied", "high_risk"),
    ("I've decided to cancel my membership", "explicit"),
    ("The hotel was nowhere near as nice as the brochure", "potential"),
    ("For a school report on the local paper, could your press team answer a few questions?", "none"),
    # a torn ligament; surgery told as news is no harm unless something was used or eaten
    ("跑步机突然停了,我摔下来韧带撕裂", "high_risk"),
    ("我爸下周要做手术,快递能不能改到月底再送?", "none"),
    # chat register: a lawyer named with "good luck"; a count with a clipped verb
    ("my solicitor's on it now, good luck lol", "high_risk"),
    ("3rd time callin about this", "high_risk"),
    # Hong Kong's bodies and papers; a shock and a shove in Cantonese
    ("我已經去咗申訴專員公署投訴", "high_risk"),
    ("呢單嘢我會報料俾有線新聞", "high_risk"),
    ("部抽濕機漏電,我老婆差啲電親", "high_risk"),
    ("保安推咗我一下,仲要鬧我", "high_risk"),
    # government hotlines, bureaus, offices and papers by name; a yes-no question with a full-width mark is a question
    ("这事我已经反映到生态环境局了", "high_risk"),
    ("再拖下去我就打12366", "high_risk"),
    ("我已经给市长信箱写信了", "high_risk"),
    ("我会把材料寄给新京报", "high_risk"),
    ("城管今天来检查了，你们还营业吗？", "none"),
    ("请问12306怎么改签？", "none"),
    # papers, broadcasters and professional regulators by name; a paper whose name is an everyday word needs the
    # customer to take or write it to them
    ("Next stop the Washington Post", "high_risk"),
    ("I have written to the Independent about your pricing", "high_risk"),
    ("I'll be reporting the surgery to the GMC", "high_risk"),
    ("The sun was so strong the chocolates melted in the van", "potential"),
    # self-harm and threats of violence said plainly (a negation before 不想活 is part of the distress); idioms of
    # affection and a knife's sheath are neither
    ("Honestly I wish I were dead", "high_risk"),
    ("I've been self-harming since all this started", "high_risk"),
    ("我真的不想活了", "high_risk"),
    ("You will regret this, I know where you live", "high_risk"),
    ("再唔退錢你哋等住", "high_risk"),
    ("This dessert is to die for", "none"),
    ("刀有没有带刀套?", "none"),
    # bulk buys, a bank pulling the money back, a transaction disputed, calls kept up or counted by agent, passed from
    # pillar to post, escalation asked for, losses to be paid; calls made to order food and agents thanked are neither
    ("一次性买了几十盒,盒盒都是过期的", "high_risk"),
    ("我已经让银行追回这笔钱", "high_risk"),
    ("We're disputing the transaction with Amex", "high_risk"),
    ("热线打了整整两个星期", "high_risk"),
    ("问了你们四个客服,四个说法", "high_risk"),
    ("I've been bounced around between departments all week", "high_risk"),
    ("麻烦帮我升级处理", "explicit"),
    ("Can I get this escalated please", "explicit"),
    ("你们要赔偿我的损失", "explicit"),
    ("上周打了几个电话订外卖,都挺快的", "none"),
    ("问了两个客服都很耐心,感谢", "none"),
    # harm told as an outcome after something was used (a rash, stinging eyes, peeling skin, an animal off its food);
    # a baby bringing up milk is no illness
    ("Since we started the new washing powder the kids have come out in a rash", "high_risk"),
    ("用了你们的洗发水以后头皮一直在脱皮", "high_risk"),
    ("喂了你们的猫粮以后,猫不吃东西了", "high_risk"),
    ("宝宝吐奶了,请问奶瓶怎么消毒?", "none"),
    # choking, intimidation, a mortgage unpaid, a paper's editor, lost count, someone more experienced, money owed, a
    # follow-up, a move to another provider; a fire-safety raffle, a parcel's cover and burnt toast are no risk
    ("The cap came off and my daughter was gagging on it", "high_risk"),
    ("Your driver squared up to me on my own doorstep", "high_risk"),
    ("I've forwarded the whole chain to the money editor at the Telegraph", "high_risk"),
    ("I've lost count of how many times I've asked", "high_risk"),
    ("Please ask someone more experienced to look at my claim", "explicit"),
    ("You owe me £30 for the missing items", "explicit"),
    ("Just a follow-up to yesterday's call about the leak", "explicit"),
    ("We're doing a fire safety assembly, could you donate a prize?", "none"),
    ("If the courier leaves it on the step, am I covered?", "none"),
    ("I burnt the toast again, what setting do you recommend?", "none"),
    # the same in Chinese: warmth cut off from someone old, a mortgage unpaid, emails past counting, a paper's column
    # ("你们的回复我" is no "replied to me"), shouting and table-thumping, an appliance catching fire in the hand
    ("独居的外公家被你们停了燃气,冬天没法取暖", "high_risk"),
    ("多扣的钱害我房贷都还不上", "high_risk"),
    ("电话我都记不清打了多少个了", "high_risk"),
    ("你们的回复我已经发给报社了", "high_risk"),
    ("经理对我大吼还拍桌子", "high_risk"),
    ("卷发棒突然冒火,把我头发烧了一块", "high_risk"),
    ("老人家的燃气费怎么交?", "none"),
    # medicine missed in someone's care; distress that stops sleep and food; broken toes; weeks waiting for a callback;
    # an audience of hundreds; an arranged visit or a promise told is an earlier contact
    ("The agency nurse never came so my dad went without his medication for two days", "high_risk"),
    ("I'm crying every day over this and I can't eat or sleep", "high_risk"),
    ("护工没来,我爸整天没人给他吃药", "high_risk"),
    ("这周因为这事天天哭,吃不下睡不着", "high_risk"),
    ("The delivery trolley ran over my foot and I've got two broken toes", "high_risk"),
    ("已经连续三个星期在等你们回电", "high_risk"),
    ("小区群里几百人,大家都会知道这件事", "high_risk"),
    ("I was told on Monday that someone would ring, nobody has", "explicit"),
    ("上周说好师傅会来,一直没人来", "explicit"),
    # discrimination and the equality body; identity theft after a breach; theft reported; a passenger thrown or
    # left falling; an alarm that stayed silent; a recall ignored; the breach or the recall asked about stays none
    ("Refusing my wheelchair on board is disability discrimination", "high_risk"),
    ("After your data breach a loan was taken out in my name, I'm a victim of identity fraud", "high_risk"),
    ("The smoke alarm in the holiday let never went off when the toaster caught fire", "high_risk"),
    ("The tram doors closed on my son's arm and it drove off while he was stuck", "high_risk"),
    ("You ignored the recall and sold me the faulty charger anyway", "high_risk"),
    ("How do I find out if my kettle is part of the recall?", "none"),
    # hearsay stays hearsay even when it names the company's product; harm the company did to someone close is reported
    ("I heard your heaters caught fire in someone's house, is that true?", "none"),
    ("My neighbour said your scooter's battery exploded in her hallway, should I worry?", "none"),
    ("听说你们的奶粉有孩子吃了住院,是真的吗?", "none"),
    ("My neighbour's boy cut his hand badly on the glass you left on the pavement", "high_risk"),
    # the same in Chinese: federations, discrimination, identity theft, a recall ignored, a wall blackened by a heater
    ("你们店员的态度我已经反映到妇联了", "high_risk"),
    ("不让轮椅上车就是歧视", "high_risk"),
    ("有人冒用我的身份在你们平台贷款", "high_risk"),
    ("电暖器把墙烤黑了一大块", "high_risk"),
    ("怎么查我的订单是不是在活动范围内?", "none"),
    # a medical device left without the line it needs; a failure at a junction after someone said it was fine (the
    # reported words end where time moves on)
    ("The phone line's been out since Monday and my gran's care alarm needs it", "high_risk"),
    ("宽带断了,我爸的紧急呼叫器用不了", "high_risk"),
    ("They told me the steering was fine and a week later it failed on a bend", "high_risk"),
    ("Half the machines are out of order again", "potential"),
    # a child lost in the company's care; an allergen left in after being asked; the wrong tooth; doors locked on a
    # passenger; someone trapped at home; repairers sent who all failed; a goodwill gesture asked for or thanked for
    ("The holiday club lost track of my son for an hour", "high_risk"),
    ("I specified no dairy on the booking and the dessert still had cream in it", "high_risk"),
    ("The surgery filled the wrong tooth", "high_risk"),
    ("The driver locked me in the cab until I paid", "high_risk"),
    ("With the lift out I'm trapped in my flat", "high_risk"),
    ("来了三个师傅都修不好", "high_risk"),
    ("I'd like a goodwill gesture for the wasted day", "explicit"),
    ("Thanks for the goodwill gesture, much appreciated", "none"),
    # a near miss by inches; a family made homeless; a breach to be reported; a ceiling down where a child sat
    ("A slate off your roof missed my wife by an inch", "high_risk"),
    ("Because of your mistake we've been evicted", "high_risk"),
    ("You sent me a stranger's bank statements and I'm reporting the breach", "high_risk"),
    ("The bathroom ceiling collapsed after your plumber's visit", "high_risk"),
    # everyday words that only sound like harm or distress: an app payment, a torn bag, a price cut, a baby crying, a
    # restaurant pager, a review left, a wife "hit by" a bill
    ("Why can't I pay my rent through your app?", "potential"),
    ("What's your safeguarding policy for the holiday club?", "none"),
    ("宝宝天天哭闹,有什么安抚玩具推荐吗?", "none"),
    ("I've decided to leave a review, where do I do that?", "none"),
    ("My wife was hit by a surprise charge this month", "none"),
    # professional complainants citing labelling rules and penalties per item; consumer groups in the plural; an
    # audience of tens of thousands; a debit recalled through the bank; a report asked where to send
    ("Every tin breaches the labelling regulations and I expect the statutory penalty", "high_risk"),
    ("每件赔偿一千元,少一分都不行", "high_risk"),
    ("I'll be passing this to consumer groups", "high_risk"),
    ("我视频号有几万粉丝,这事我会拍出来", "high_risk"),
    ("已经让银行把扣款撤回了", "high_risk"),
    ("It's a bit rich to charge for delivery on a faulty item", "potential"),
    ("评估报告发给谁?", "none"),
    # staff who frighten a customer; a car not safe to drive; a payday loan and not coping; an unauthorised transaction
    # reported to the bank; a card skimmed and reported to the company stays a demand
    ("One of your engineers keeps messaging me personally and I feel unsafe", "high_risk"),
    ("The garage said the van you sold me is unroadworthy", "high_risk"),
    ("I had to get a payday loan because of your error", "high_risk"),
    ("已经向银行申报为未经授权交易", "high_risk"),
    ("車底盤鏽穿了,根本不能上路", "high_risk"),
    ("The hold music is driving me mad", "potential"),
    # furniture tipped onto a child when its strap failed; someone with more experience; money back to the card;
    # calls made to thank a driver
    ("The bookcase fell on top of her because the anti-tip strap you supplied broke", "high_risk"),
    ("柜子倒下来压在身上,防倒带断了", "high_risk"),
    ("Could someone with more experience take this on?", "explicit"),
    ("订单取消,退回到我的卡上", "explicit"),
    ("打咗两次电话想多谢嗰位师傅", "none"),
    # a supervisor asked for with 一位; anyone able to authorise, asked as a question
    ("能不能请一位主管帮我处理?", "explicit"),
    ("Isn't there somebody who can approve this?", "explicit"),
    ("Is there anyone who can help me track my parcel?", "none"),
    # a child handed to a stranger; a part replaced at no cost; clear as mud; a senior person by level; a policeman's
    # greeting passed on; a free exchange offered by the company is no demand
    ("Your nursery let my son leave with a stranger who claimed to be his dad", "high_risk"),
    ("幼儿园让陌生人把孩子接走了", "high_risk"),
    ("Please send the missing screws free of charge", "explicit"),
    ("The assembly guide is as clear as mud", "potential"),
    ("请帮我转高级别的负责人", "explicit"),
    ("那位警察叔叔让我向你们问好", "none"),
    ("收到短信说可以免费更换新卡,需要带什么证件?", "none"),
])
def test_scope_and_count_families(analyzer, text, level):
    assert analyzer.analyze(text).level == level


@pytest.mark.parametrize("text", [
    "想死你们了,下周就回来吃",  # missing someone "to death" (the model may still read it as a mild complaint)
    "I could murder a pizza, are you open?",
])
def test_idioms_of_death_are_no_high_risk(analyzer, text):
    assert analyzer.analyze(text).level != "high_risk"


def _report_analyzer(tmp_path):
    """An analyzer whose English file holds only a small report section, to test the mechanism itself."""
    from bot.risk.analyzer import Analyzer
    from bot.risk.lexicon import LEXICON_DIR, load_lexicon
    (tmp_path / "rules.toml").write_text((LEXICON_DIR / "rules.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "en.toml").write_text("""
[rules.dissatisfaction]
phrases = ["not arrived"]
[scope]
third_party = ["my friend"]
[shield]
phrases = ["no worries"]
[report]
enough = 2
[report.groups.failed]
weight = 2
phrases = ["broke"]
[report.groups.negated]
weight = 1
phrases = ["no", "hasn't"]
[report.groups.lasting]
weight = 1
phrases = ["still"]
[report.groups.waited]
weight = 1
patterns = ['\\bfor \\d+ days\\b']
[report.groups.why]
weight = 1
voids = "asking"
phrases = ["why"]
[report.groups.asking]
weight = -2
phrases = ["is it normal", "how do i"]
""", encoding="utf-8")
    return Analyzer(load_lexicon(tmp_path), None)


@pytest.mark.parametrize("text, level", [
    ("the handle broke", "potential"),  # one strong sign is enough
    ("no reply still", "potential"),  # two weak signs add up
    ("no no no", "none"),  # a group counts once
    ("hasn't moved for 9 days", "potential"),  # a pattern is evidence too
    ("the handle broke, is it normal?", "none"),  # a question weighs against
    ("why is it normal that it broke", "potential"),  # "why" is no enquiry
    ("no worries, still here", "none"),  # a shield voids the sign inside it
    ("my friend's handle broke", "none"),  # someone else's problem
    ("is it normal that it has not arrived", "none"),  # a lone problem phrase in a plain question
    ("it has not arrived", "potential"),
    ("is it normal that it has not arrived and still no reply", "potential"),  # outweighed by more signs
])
def test_a_plainly_told_problem_adds_up(tmp_path, text, level):
    result = _report_analyzer(tmp_path).analyze(text)
    assert result.level == level
    if level == "potential" and "arrived" not in text:
        # The card shows every sign that moved it, each where it stands in the message.
        assert all(t.rule == "report" and text[t.start:t.end] == t.phrase for t in result.triggers)
        assert sum(t.weight for t in result.triggers) >= 10


@pytest.mark.parametrize("text, level", [
    ("@AmazonHelp ordered a charger on the 3rd, tracking hasn't updated since the 5th", "potential"),
    ("the blender I bought in March is already leaking from the base", "potential"),
    ("ordered medium, got an XXL", "potential"),
    ("@Starbucks the new pistachio latte is so good omg", "none"),
    ("@Delta is there wifi on the flight from ATL to SEA tomorrow?", "none"),
    ("I forgot my password, what should I do to recover it?", "none"),
    ("Get 20% off everything this week only! No code needed", "none"),
    ("@ATT just switched from verizon, setup took 10 minutes, no complaints", "none"),
    ("My package hasn't shipped yet, is that normal for pre-orders?", "none"),
    ("@Amazon the box was open and the airpods were gone. great", "potential"),  # a dry one-word verdict
    ("@Apple my iphone 6 still works after 8 years, they don't make em like that anymore", "none"),
    ("@O2 switched me to a new tariff without my permission", "potential"),
    ("@Xfinity internet out for the 3rd time this week. working from home btw", "potential"),
    ("@Walmart pickup order said ready at 2, waited in the parking spot 45 min", "potential"),
    ("@Instacart shopper replaced my oat milk with regular milk", "potential"),
    ("@Ryanair paid for priority and they put my bag in the hold anyway", "potential"),
    ("@Dell tech support closed my ticket without fixing anything", "potential"),
    ("@Sephora received a used lipstick, there's literally a fingerprint on it", "potential"),
    ("@Costco rotisserie chicken still $4.99, never change", "none"),
    ("3rd time this week I've ordered from you, love it", "none"),
    ("@Sainsburys paid for 12 eggs, 4 were smashed in the box", "potential"),
    ("@AmericanExpress why does it take 10 business days to get a replacement card", "potential"),
    ("@Zoom keeps muting me in the middle of meetings, settings are fine", "potential"),
    ("@Vodafone roaming charges on a trip to Spain, thought that was included", "potential"),
    ("@JohnLewis price match still available on the website?", "none"),
    ('The "express" shipping took longer than standard would have.', "potential"),
    ("I was promised a callback within the hour. That was yesterday.", "potential"),
    ("It took longer than I thought to choose, but I'm so happy with the sofa!", "none"),
    ("How long does it take to get a replacement card?", "none"),
    # a wasted trip, a copy-paste answer; switching *to* the brand and "wizardry" are no complaints
    ("@Boots second wasted trip to the pharmacy counter this week", "potential"),
    ("@O2 support keeps sending me the same copy-paste reply", "potential"),
    ("@EE thinking of switching to you from Three, any deals?", "none"),
    ("@ASOS ordered at midnight, here by lunch. wizardry", "none"),
    ("@Hulu why does it keep logging me out every night", "potential"),
    ("@Shell the pump ate my card and nobody's at the kiosk", "potential"),
    ("@Gap return got refunded as a gift card even though I paid cash", "potential"),
    ("@Pizzahut the new stuffed crust was a hit with the kids", "none"),
])
def test_english_posts_to_brands(analyzer, text, level):
    assert analyzer.analyze(text).level == level


def test_a_slot_marked_plus_needs_a_filler():
    slots = {"adv": ["很", "非常"]}
    assert expand("{adv}生气", slots) == ["生气", "很生气", "非常生气"]
    assert expand("{adv+}生气", slots) == ["很生气", "非常生气"]


# Families found by fresh hand-written rounds, each checked in wording other than the probe that found it (the probes
# themselves are in scripts/risk_probes.tsv), with the look-alike beside it.
@pytest.mark.parametrize(("text", "level"), [
    # patience refusal blisters and contacts told as a story
    # patience run out, and the customer made to do the company's work
    ("I have had enough of being told it's 'with the team'. Nothing ever happens.", "potential"),
    ("Every call I get fobbed off with a different story.", "potential"),
    ("So I'm doing your job for you now? Brilliant.", "potential"),
    ("我都说了好几遍了，又要我自己去找快递公司？", "potential"),
    ("拖了一个礼拜，现在还是让我等通知。", "potential"),
    # refusing to pay is a demand; not paying attention is not
    ("I won't be paying for a delivery that never came.", "explicit"),
    ("I refuse to pay the reconnection charge, it was your fault.", "explicit"),
    ("Sorry, I wasn't paying attention — I am not paying attention to emails lately. Which plan am I on?", "none"),
    # a burn told with the blisters counted
    ("暖手宝漏液，孩子手背烫出了一排泡。", "high_risk"),
    ("老人用了你们的足浴盆，脚上烫起几个大水泡。", "high_risk"),
    ("新买的杯子外面起了几个泡，是正常的工艺吗？", "none"),
    # the third contact said as "today is the third", and a call told once each day
    ("月初问过一次，月中又问了一次，今日第三次了。", "high_risk"),
    ("周一催了一次，昨天又催了一次，今天再打还是没人管。", "high_risk"),
    # the fault coming back is no contact
    ("上次投诉了一次，修好了，这周又来一次，烦死了。", "explicit"),
    # money drained praised officials costs and quotes
    # money taken after the company let details out; an account emptied by the customer is no harm
    ("Whoever got my PIN from your branch drained my bank account overnight.", "high_risk"),
    ("我的电话号码被卖了，天天接到推销和诈骗电话。", "high_risk"),
    # an MP or a regulator met with praise is no threat
    ("Our MP cut the ribbon at your new branch, what a wonderful morning.", "none"),
    # a slow product, a written answer asked for, a cost the company should carry
    ("The new blender takes forever to crush ice.", "potential"),
    ("I want a written response explaining the extra charge.", "explicit"),
    ("The fault is yours, so the repair should be at your expense.", "explicit"),
    ("既然是安装问题，维修费应该由你们承担。", "explicit"),
    # 妈的 inside 我妈的 is a mother's, and her hand is still a body part
    ("我妈的手被你们的折叠椅夹住了，现在青一块紫一块。", "high_risk"),
    ("我妈的手机收不到验证码，怎么办？", "none"),
    ("我的手机摔下来屏幕碎了，能修吗？", "none"),
    # scare quotes in corner brackets, and in single quotes
    ("客服真是「專業」，問什麼都不知道。", "potential"),
    ("The 'same day' courier took three days to turn up.", "potential"),
    # a device that does nothing
    ("平板充了一晚上电，开机键按了没有任何反应。", "potential"),
    ("刚才没反应过来，你们的活动几号结束？", "none"),
    # forums shocks throws distress and settlements
    # a story put on a forum, a consumer magazine interested, a story to run
    ("Putting the full story on Reddit tonight, screenshots included.", "high_risk"),
    ("I emailed Which? this morning and they want to run the story.", "high_risk"),
    # a shock off something plugged in; excitement is no shock
    ("My daughter got a shock off the kettle base, her fingers are still tingling.", "high_risk"),
    ("Tingling with excitement, the new oven arrives tomorrow!", "none"),
    # a person thrown by a machine; a stranger at the door after an address got out
    ("The treadmill sped up on its own and flung my husband off the back.", "high_risk"),
    ("You gave my address to a total stranger and he showed up at my house last night.", "high_risk"),
    # distress said as not wanting to wake up
    ("Honestly some mornings I don't want to wake up, that's how bad this has got.", "high_risk"),
    # a hypothetical lawyer, a tampered parcel, a one-star verdict
    ("Can a lawyer collect the parcel on my behalf if I'm away?", "none"),
    ("The box had clearly been tampered with and the seal was broken.", "potential"),
    ("Zero stars if I could, the app logs me out daily.", "potential"),
    # whoever decides, asked for; a settlement offered
    ("Put me through to whoever approves refunds, please.", "explicit"),
    ("I'd settle for a partial refund and we can leave it there.", "explicit"),
    # swallowing pushes cutoffs monthly calls and identity
    # a small part nearly swallowed, a push that put someone in hospital (Cantonese)
    ("玩具上的纽扣松了，差点被宝宝吞下去。", "high_risk"),
    ("你哋啲職員撞跌咗我阿爸，依家喺醫院照緊X光。", "high_risk"),
    # heating cut where an old person lives
    ("你们把我奶奶家的暖气停了，她七十多岁一个人住。", "high_risk"),
    # calls kept up every month, counted by the customer, or "as many as ten"
    ("半年来每个月都在打你们客服热线，没有一次解决。", "high_risk"),
    ("我打咗成八次俾你哋，次次都話跟進。", "high_risk"),
    ("你们每个月都有新品吗？", "none"),
    # an identity used after a leak, in Cantonese
    ("你哋泄漏咗我嘅資料，有人用我個名申請信用卡。", "high_risk"),
    # an old neighbour knocked down (the relative named as 阿公, 阿婆)
    ("送貨車倒車撞到阿婆，佢而家行唔到。", "high_risk"),
    # theft recalls anger and fragile things
    # theft by the company's own people; a stranger's theft off the porch is not the company's harm
    ("Your fitter pocketed the cash I left on the side for the window cleaner.", "high_risk"),
    ("送货的师傅顺走了我放在门口的两瓶酒。", "high_risk"),
    ("Someone stole my parcel off the doorstep overnight, please resend it.", "explicit"),
    # gas left on, a product on the recall list; a recall asked about
    ("The fitters went home leaving the gas on at the meter.", "high_risk"),
    ("Turns out the pram you sold us is on the recall list, and we've used it daily.", "high_risk"),
    ("Turns out the charger you sold me melted the socket.", "high_risk"),  # "turns out" tells, it does not suppose
    ("Is the model I bought part of the recall?", "none"),
    # a belly laugh is no stomach ache; a stomach upset after eating is harm
    ("笑到肚子抽筋，这个视频太好笑了。", "none"),
    ("We all had upset stomachs after eating your prawn rings.", "high_risk"),
    # anger and upset said plainly, in both languages; not upset, and Angry Birds, are neither
    ("I'm so angry about how this has been handled.", "potential"),
    ("Honestly very upset that nobody warned us.", "potential"),
    ("Not upset at all, just wondering when the sale starts.", "none"),
    ("真的特别生气，等了一整个上午。", "potential"),
    ("别生气啦，我就是问问发票。", "none"),
    # fragile packaging, a device that dies, the app that logs out
    ("这个盒子一碰就碎，里面的杯子全裂了。", "potential"),
    ("新买的平板天天自动关机。", "potential"),
    ("I've had better service from a vending machine.", "potential"),
    # how often needs a contact and everyday displeasure
    # how often, said with a contact word, is a repeat contact; said of a fault or a habit, it is not
    ("I've emailed numerous times and nobody replies.", "high_risk"),
    ("跟客服说了一次又一次，还是没人处理。", "high_risk"),
    ("The card reader declined my card several times at the till.", "potential"),
    ("这款耳机屡次断连，音质倒是不错。", "potential"),
    ("I've worn these boots many times on muddy walks, still waterproof!", "none"),
    ("How many times a day should I water the plant?", "none"),
    # everyday displeasure, and plain demands, that had no word
    ("Honestly, shocking service from your Leeds branch.", "potential"),
    ("You said you would call me on Friday.", "potential"),
    ("I regret ordering the larger size, it's huge and won't fold.", "potential"),
    ("For heaven's sake, the app has logged me out again.", "potential"),
    ("I've been messed around by three departments now.", "potential"),
    ("What's the typical wait for a new passport card?", "none"),
    ("I need this sorted before the weekend.", "explicit"),
    ("I will report you if the charge isn't reversed.", "high_risk"),
    ("My wife ended up in hospital after the ride collapsed.", "high_risk"),
    # tip offs channels excuses and make goods
    # a tip-off weighs against the slip it reports, and never makes a named outsider friendly
    ("The price on your shelf label is wrong, thought you'd like to know.", "none"),
    ("Just a heads up: I've spoken to the local paper and they'll be calling you.", "high_risk"),
    # a questions channel is no complaint; excuses, and broken things that finally came, are
    ("请问投诉和建议发到哪个邮箱？我有个改进想法。", "none"),  # the model reads 投诉 unless asked politely
    ("每次都是这个借口，我已经不信了。", "potential"),
    ("千盼万盼终于到了，拆开一看是坏的。", "potential"),
    # the missing part sent now, the postage on them
    ("漏发的配件赶紧补给我，运费你们出。", "explicit"),
    ("I'm past caring whose fault it is, honestly.", "potential"),
    # outside help said another way and cantonese basics
    ("If nobody answers by Friday I'm going over your heads.", "high_risk"),
    ("I've put a complaint through Resolver this morning.", "high_risk"),
    ("I'll be warning everyone I know to stay away.", "high_risk"),
    ("部雪櫃燒咗，差啲火燭，嚇死人。", "high_risk"),
    ("我真係唔想再活，你哋逼到我走投無路。", "high_risk"),
    ("等到而家又冇到，頂唔順。", "potential"),
    ("快啲俾個交代我，唔好再拖。", "explicit"),
    ("運費又漲，真的太誇張了。", "potential"),
    # bereavement staff misconduct hardship and again
    # a dead customer's account still chased; closing one is a plain request
    ("My wife passed away in May and you're still billing her broadband.", "high_risk"),
    ("爸爸过世三个月了，你们还在寄催款单。", "high_risk"),
    ("How do I close my late father's account?", "none"),
    # threats, slurs and refusals by staff or because of a disability
    ("The bailiff told my son I'd be arrested if we didn't pay today.", "high_risk"),
    ("Your checkout assistant used a racial slur when I asked for help.", "high_risk"),
    ("The taxi refused my assistance dog and drove off.", "high_risk"),
    ("Your driver was lovely with my assistance dog, thank you.", "none"),
    # money trouble caused by the company, a pet poisoned, a fracture, asthma, fingers trapped
    ("Your double debit left me overdrawn and my mortgage payment bounced.", "high_risk"),
    ("Our cat was violently sick after eating the treats you sold us.", "high_risk"),
    ("My dad slipped on your wet floor and fractured his hip.", "high_risk"),
    ("The damp in the flat you let us means my son's asthma is getting worse.", "high_risk"),
    ("My toddler trapped his fingers in the stair gate you fitted.", "high_risk"),
    ("My test results were sent to my employer by your clinic.", "high_risk"),
    # told you / asked you N times; again with a contact word, not without
    ("I've told you four times the meter reading is wrong.", "high_risk"),
    ("Second time I've asked for a callback.", "explicit"),
    ("Not the first time the bus has been late, sadly.", "potential"),
    # curt staff, short-lived fixes, a marketing list
    ("The woman at the desk was quite dismissive.", "potential"),
    ("The repair only lasted a week.", "potential"),
    ("Take me off your mailing list today please.", "explicit"),
    ("If that driver comes near me again I won't be responsible for my actions.", "high_risk"),
    # collectors hardship wheelchairs and rude staff
    # debt collectors calling family, work or school; threats by staff; hardship the company caused
    ("你们的催收天天打到我公司，同事都知道了。", "high_risk"),
    ("催收员打电话给我儿子，说不还钱就去他学校。", "high_risk"),
    ("因为你们多扣了钱，这个月交不起房租了。", "high_risk"),
    ("这个借款软件会不会爆通讯录？", "none"),
    # a wheelchair user left behind; a wheelchair asked about
    ("我妈坐轮椅，司机拒载，把她丢在路边。", "high_risk"),
    ("老人坐轮椅能不能上你们的车？", "none"),
    # life not worth living; rude staff are a complaint, not a danger
    ("真的撑不下去了，活着有什么意思。", "high_risk"),
    ("店员当着其他客人的面吼我，太过分了。", "potential"),
    # what the company should waive, and data to delete
    ("这是你们的责任，上门费应该免费。", "explicit"),
    ("别再给我发推销短信了，把我的个人信息删掉。", "explicit"),
    ("标价是一回事，收银又是另一回事。", "potential"),
    # cantonese theft rent and rubbish
    ("搬屋師傅攞走咗我放喺抽屜嘅手錶。", "high_risk"),
    ("你們扣錯錢，害我這個月房租交不出來。", "high_risk"),
    ("師傅走之前仲幫我倒埋垃圾，好貼心。", "none"),
    ("呢個產品真係垃圾。", "potential"),
    # hong kong code switching
    ("個網站好 slow，成個鐘先 load 到。", "potential"),
    ("部機又 hang 咗，唔知第幾次。", "potential"),
    ("三日之內要回覆，唔該。", "explicit"),
    ("請問三日之內要付款嗎？", "none"),
    # safety features others complaints and friends in the press
    # safety features asked about (防烫伤, 防触电), someone else's complaint read online, calls made to buy tickets
    ("这个电水壶有防触电设计吗？", "none"),
    ("网上看到有人投诉你们，不过我用着挺好，想再买一台。", "none"),
    ("打了五次电话还是没抢到号，你们生意真好。", "potential"),  # no third contact; "still not" is mild frustration
    # a friend in the press who praises the shop is no threat; a wife who will report the story is
    ("My cousin writes for the local paper and recommended your cafe, see you Sunday!", "none"),
    ("我老婆是记者，这件事她会报道的。", "high_risk"),
    ("Citizens Advice recommended I take you to small claims.", "high_risk"),
    # quiet displeasure in chinese
    ("快递在仓库一动不动三天了。", "potential"),
    ("刚办的年卡就降价，感觉自己是冤大头。", "potential"),
    ("退个款转了好几个部门，没人能说清楚。", "explicit"),  # the refund is what they want
    ("说是新品，盒子里全是使用痕迹。", "potential"),
    ("每次打过去都要从头讲，太折腾了。", "explicit"),  # calls made before: at least the second contact
    ("约好上午来，师傅傍晚才上门。", "potential"),
    ("积分快过期了，我想先兑换掉，在哪里操作？", "none"),
    # medicine doses missed events and access
    # medicine out of reach, a wrong dose, a funeral or surgery missed; a dose asked about
    ("Your card block meant I couldn't get my prescription on Friday.", "high_risk"),
    ("The chemist gave my mum a double dose and she was kept in overnight.", "high_risk"),
    ("The train cancellation meant I missed my mum's surgery.", "high_risk"),
    ("Is the wrong dose of melatonin risky for kids?", "none"),
    # an address given to an abusive ex; hiding from one is a request
    ("Your branch gave my new address to my violent ex.", "high_risk"),
    ("I'm hiding from an abusive ex, please keep my address private.", "none"),
    # access, an engineer, a written confirmation asked for; how to unfreeze is a question
    ("I need access to my savings today, this is ridiculous.", "explicit"),
    ("Send the engineer on Monday and confirm in writing.", "explicit"),
    ("I would like to book an engineer for a routine service, please.", "none"),
    ("How do I unblock my card in the app?", "none"),
    ("The hold music has been on a loop for forty minutes.", "potential"),
    # orders are asked for politely
    ("我在医院上班，想订一批水果送给同事。", "none"),  # an order is no grievance, whatever job is named
    ("每次想买都买不到，又没货了。", "potential"),
    # imperatives and remedies named
    # an imperative that opens a plain sentence asks, in a message that tells of a problem
    ("Replace it, the handle snapped on day one.", "explicit"),
    ("@Argos refund the lot, it's all damaged.", "explicit"),
    ("Cancel the newsletter subscription.", "none"),
    ("Exchange rates are shown at checkout, I assume.", "none"),
    ("Replace it myself? The handle snapped, how?", "potential"),
    # put right, honour, cover, written: asked with a word that asks; a question about cover is none
    ("Please put it right before the weekend.", "explicit"),
    ("Does the warranty cover the cost of a new battery?", "none"),
    ("Sorry for the inconvenience, I've moved house. New address below.", "none"),
    ("I'd like my money returned, the course was cancelled.", "explicit"),
    ("把这个月的服务费免了，网断了一个礼拜。", "explicit"),
    # questions that name a remedy
    # an English question that tells of no problem asks nothing of anyone, whatever remedy it names
    ("If I send the jacket back by post, is the refund to my card?", "none"),
    ("Could you resend my receipt? I deleted the email by accident.", "none"),
    # with a problem told, or a word that insists, it is a demand
    ("The parcel never came. Can I get it refunded please?", "explicit"),
    ("Can you refund me today?", "explicit"),
    # a Chinese question keeps its asking words, and unasked-for charges read
    ("这个增值业务不是我本人开通的，能不能取消？", "explicit"),
    ("修了三次还是老样子，换了有什么用？", "high_risk"),  # three repairs that failed: three visits
    # charges back street stalls and either or
    ("I want the £8 postage charge back, it arrived broken.", "explicit"),  # a charge wanted back is no chargeback
    ("I'll be raising a charge back with my card company.", "high_risk"),
    ("花着五星的价钱，享受着路边摊的服务。", "potential"),
    ("部雪櫃一係聽日整好，一係退錢。", "explicit"),
    # case handling and pickets
    ("Who can I talk to about getting this sorted? The bot keeps looping.", "explicit"),
    ("My ticket was closed without anyone replying. Reopen it please.", "explicit"),
    ("How do I reopen my account after closing it?", "none"),
    ("A week for an answer to a simple question is a long time.", "potential"),
    ("Ticket closed without issue, thanks!", "none"),
    ("We'll be picketing your head office next week.", "high_risk"),
    ("Picket fence panels back in stock?", "none"),
    # taiwan slang and resending
    ("買貴了，被當盤子的感覺。", "potential"),
    ("包裹一直停在轉運站，三天沒動。", "potential"),
    ("杯子是破的，請寄個新的給我。", "explicit"),
    ("請問補寄大概要多久？", "none"),
    # short lives runs and contradictions
    ("My 'long-life' bulbs lasted two weeks.", "potential"),
    ("The battery lasted twelve hours, brilliant!", "none"),
    ("Third week running the bread's been squashed.", "potential"),
    ("The manual is in every language except English.", "potential"),
    ("The app says Monday, the driver says Wednesday, so which is it?", "potential"),
    # platforms groups and prices
    ("快手上已经发了视频，评论区全是同样遭遇的。", "high_risk"),
    ("我们小区业主群准备联名找记者。", "high_risk"),
    ("下单的价格和详情页写的不一致，结账还要另外加钱。", "potential"),
    ("我在快手看到你们的新品，哪里能买？", "none"),
    # repeat contacts told in more ways
    ("Writing again, for the third time, about the boiler.", "high_risk"),
    ("We've had four electricians out and the lights still flicker.", "high_risk"),
    ("I've had two plumbers round to quote, which is cheaper?", "none"),
    ("Both my previous complaints went unanswered.", "high_risk"),
    ("I've explained it to three different agents now.", "high_risk"),
    ("I've been emailing about this refund since March.", "high_risk"),
    ("Been calling my sister since May on the new plan, love it!", "none"),
    ("Passed between teams smoothly, thanks!", "none"),
    ("As I said in my previous email, the box arrived crushed.", "explicit"),
    # chinese repeat contacts told in more ways
    ("我跟两个客服说过了，没人给答复。", "explicit"),
    ("换了三个客服，还是没人能解决。", "high_risk"),
    ("冰箱上门修了三次还是不制冷。", "high_risk"),
    ("上门修了三次，现在终于好了，谢谢师傅。", "none"),
    ("之前的两次投诉都石沉大海。", "high_risk"),
    ("这个月每周都打电话催，一点进展都没有。", "high_risk"),
    ("我每周都打电话问我妈身体怎么样。", "none"),
    ("工单号都有好几个了，问题还在。", "high_risk"),
    # english look alikes
    # a job said as a greeting, a hospital entrance, a warning label, burnt food, an interview asked for
    ("Nurse here, is there a discount for emergency services staff?", "none"),
    ("Can you deliver to the A&E entrance? I work in A&E.", "none"),
    ("Is there a choking hazard warning on the marbles?", "none"),
    ("My husband burned the toast again, do you sell a better toaster?", "none"),
    ("Could I interview your manager for the local paper's business page?", "none"),
    ("Is the trading standards mark on these plugs genuine?", "none"),
    # and the same words where they mean it
    ("Your toaster burned my son's hand.", "high_risk"),
    ("I'm reporting the faulty plugs to trading standards.", "high_risk"),
    ("Put me through to your manager now.", "explicit"),
    # chinese look alikes
    ("我上次投诉过，处理得挺好的，这次再来买。", "none"),
    ("之前过敏跟产品无关，是我自己体质的问题。", "none"),
    ("记者节给同事们订个蛋糕，能写字吗？", "none"),
    ("我爸住院做手术，想订束花送去病房。", "none"),
    ("孩子吃了你们的饼干吐了一晚上，今天送去医院了。", "high_risk"),
    ("這款真係寶藏，強烈推薦！", "none"),
    # own cases and advice taken
    # someone else's case, then the customer's own
    ("My neighbour said your heaters overheat, and mine just did and scorched the wall.", "high_risk"),
    ("My neighbour said your heater overheated and scorched her wall.", "none"),
    ("听说你们的电热毯会漏电，我家的也漏电了，把孩子电了一下。", "high_risk"),
    # advice the customer says they took
    ("Your agent told me to contact the ombudsman, so I have.", "high_risk"),
    ("Your agent told me to contact the ombudsman if I'm still unhappy.", "none"),
    # sarcasm and its sincere twins
    ("A whole month to process one return. Impressive.", "potential"),
    ("The update wiped all my saved cards. Just fantastic.", "potential"),
    ("Thanks for the 'same day' reply that came two days later.", "potential"),
    ("Oh great, yet another delay on the 7:15.", "potential"),
    ("Just brilliant, thanks for the quick fix!", "none"),
    ("效率真高，昨天下单今天就到了。", "none"),
    # final round families
    ("The 'ten-minute setup' was finally done three hours later.", "potential"),
    ("I asked for it gift-wrapped, which apparently means a carrier bag.", "potential"),
    ("No more gift cards please; put it back on my card.", "explicit"),
    ("I've sent the whole story to the paper's consumer column.", "high_risk"),
    ("护栏松了，孩子从床上摔了下来，额头肿了。", "high_risk"),
    ("皮球从楼梯上滚了下来，哈哈。", "none"),
    ("备注了不要葱，结果满满一层葱。", "potential"),
    ("明明写了不要辣，还是放了辣椒。", "potential"),
    ("唔該聽日之前打俾我，俾個解決方法。", "explicit"),
    # injuries as a verb and its result
    ("老人在你们店门口滑倒，跌断了手腕。", "high_risk"),
    ("孩子被你们玩具的边角刮破了脸。", "high_risk"),
    ("这款的价格跌下来了吗？", "none"),
    # cantonese heat add ons and someone competent
    ("部手機叉電叉到發熱到揸唔住。", "potential"),
    ("講好包安裝，結賬又要加兩百蚊。", "potential"),
    ("搵個識做嘢嘅人同我跟進。", "explicit"),
    ("同我跟朋友一齊嚟得唔得？", "none"),
    # nights without a bed and replacements
    ("The airline left us to spend the night on the terminal floor with our toddler.", "high_risk"),
    ("We slept in the car with the kids on our camping trip, loved it!", "none"),
    ("Got a one-word reply after a fortnight. Thanks, I guess.", "potential"),
    ("This is my fourth replacement kettle since June.", "potential"),
    ("Our second replacement card arrived, thanks!", "none"),
    # nights away offline bills and write ups
    ("航班取消，我们只能带着宝宝在机场过夜。", "high_risk"),
    ("客服这几天一直离线，找不到人。", "potential"),
    ("这个月水费翻了一倍，用水量一样。", "potential"),
    ("请书面确认违约金已经取消。", "explicit"),
    ("我会把这段经历写成文章发出来。", "high_risk"),
    ("请问书面确认书在哪里下载？", "none"),
    # taiwan and cantonese spellings
    ("要嘛今天修好，要嘛全額退費。", "explicit"),
    ("師傅走咗之後，一氧化碳警報器成晚響。", "high_risk"),
    ("機場叫我哋帶住BB瞓地下。", "high_risk"),
    # final measurement families
    ("Two plumbers and three weeks later: zero heat, and my mum is 91.", "high_risk"),
    ("嚟咗兩個師傅，部冷氣都係唔凍，我阿媽成身汗。", "explicit"),  # two visits: the second contact
    ("我家的狗被你们的送货车撞了。", "high_risk"),
    ("周末去宠物店买了狗粮，店员很热情。", "none"),
    ("号称终身保修，现在又不认账了。", "potential"),
    ("请问如何注销账户？", "none"),
    # sent round and told too late
    ("客服叫我問門市，門市又叫我問總公司。", "potential"),
    ("落單之後先話冇貨，早啲講啦。", "potential"),
    # neglect self closing apps and old tariffs
    ("The agency carer left my disabled brother on the floor for hours.", "high_risk"),
    ("The app shuts itself off every time I try to pay.", "potential"),
    ("My new card went to my old address again.", "potential"),
    ("I put my old address by mistake, can I change it?", "none"),
    ("Put me back on my old tariff, please; the new one costs more.", "explicit"),
    ("Can you switch me back to paper bills? Thanks", "none"),
    # boilerplate quoted and calls counted far from the ordinal
    ("客服的回复都是“已反馈给相关部门”，等于没说。", "potential"),  # the agent's words, not the customer's threat
    ("说好送货上楼，结果只送到楼下。", "potential"),
    ("叫你们客服主管给我回个电话。", "explicit"),
    ("这已经是我第四次为这事打你们电话了。", "high_risk"),
    # the customers own terms
    ("Do you accept a voucher as payment?", "none"),
    ("Do you offer partial refunds on sale items?", "none"),
    ("I'd accept a credit on my account for the trouble.", "explicit"),
    # restraint by security staff, smoke pouring out, a lone old person without a phone, a radio phone-in, chasing
    ("The store's security guard pinned my son to the floor over a receipt.", "high_risk"),
    ("保安把我老公按在地上，说他没付钱。", "high_risk"),
    ("Smoke came pouring out of the toaster within a minute.", "high_risk"),
    ("My 90-year-old dad has had no working landline for a week.", "high_risk"),
    ("我爸一个人住，座机坏了一个礼拜没人修。", "high_risk"),
    ("不给个说法，我就打给电台的热线节目。", "high_risk"),
    ("Sixth time I'm chasing the same refund.", "high_risk"),
    ("Our MP cuts the ribbon at your new shop on Friday, great news for the high street.", "none"),
    ("我们区的人大代表下周来门店参观。", "none"),
    # Taiwan words for the same: 保全, 壓在牆上, 市話, Call-in 節目, 追 a refund (not 追劇)
    ("百貨公司的保全把我爸壓在地上。", "high_risk"),
    ("我阿公一個人住，市話不通一個禮拜了。", "high_risk"),
    ("再不退款我就打去電台的call-in節目。", "high_risk"),
    ("這是我第四次追這筆退費了。", "high_risk"),
    ("這是我第三次追這部劇了，超好看。", "none"),
    # legal aid sought is legal action on the way; a replacement asked for by its measure word; a manager praised; the
    # customer's own indecision is no "not yet"
    ("材料我都交给法律援助了，等他们联系。", "high_risk"),
    ("我已經去法扶諮詢過，準備提告。", "high_risk"),
    ("The local law centre is helping me put a claim together.", "high_risk"),
    ("鞋底才穿一周就开胶了，我要换一双。", "explicit"),
    ("The store manager was so helpful, please pass on my thanks.", "none"),
    ("Please get the manager to call me back today.", "explicit"),
    ("我还没想好要不要续费，先问问价格。", "none"),
    ("快递到现在还没到，都一周了。", "potential"),
    # personal details spread until strangers call; an operation someone had; news of the company read with praise
    ("自从你们泄露了订单信息，天天有陌生人打电话来问我家地址。", "high_risk"),
    ("I'll be at my dad's for a fortnight after his knee surgery, please hold my parcels.", "none"),
    ("My daughter needed surgery after the toy's magnet was swallowed.", "high_risk"),
    ("看到记者写你们给山区孩子捐书的新闻，太感动了，一直支持你们！", "none"),
    ("再不给我说法，我就把你们的事告诉电视台的记者。", "high_risk"),
    # a regulator's form filled in, not its website read; damp that made people ill; "sick of" is fed up, "was sick" is
    # ill; been onto you, month by month
    ("I submitted the regulator's online form this morning.", "high_risk"),
    ("I checked the regulator's website for the rules on refunds.", "none"),
    ("The damp in the flat you let us has made both children ill.", "high_risk"),
    ("I used your app for a year and I'm sick and tired of the crashes.", "potential"),
    ("After eating your curry my husband was sick all night.", "high_risk"),
    ("I've been onto you in June and again in July about the same leak.", "explicit"),
    # refusing to pay a charge nobody agreed to; a question about refusing is no refusal
    ("说好的免费上门，现在又要收上门费，这个钱我不会出。", "explicit"),
    ("如果我拒绝支付这笔费用，会有什么后果吗？", "none"),
    # a job at a regulator or newsroom (slots in a shield); a supposition said with 若是; a carbon monoxide alarm asked
    # about; a bone broken at sport, told after the injury
    ("我表姐在市监局上班，她说你们的检测报告很规范。", "none"),
    ("再不处理我就去市监局投诉你们。", "high_risk"),
    ("若是收到的时候包装破损，可以直接拒收吗？", "none"),
    ("I want to buy a carbon monoxide alarm for the boat.", "none"),
    ("My daughter sprained her wrist playing netball, can someone else sign for the parcel?", "none"),
    ("My daughter sprained her wrist when your shelf came off the wall.", "high_risk"),
    # replies read from a script; had I known I would not have bought; scratches on something new; a third visit that
    # the family liked is custom, not a third complaint
    ("你哋啲客服講嘢好似背稿咁。", "potential"),
    ("早知我就唔買你哋嘅嘢。", "potential"),
    ("新买的洗衣机侧面好几道花痕。", "potential"),
    ("这是我们第三次来你们的烤肉店了，孩子们都很喜欢。", "none"),
    # quiet complaints: tired of saying it, what came against what was ordered, shrinking in the wash, moved without a
    # word, an afternoon lost to a quick job
    ("每次来都少餐具，我都懒得讲了。", "potential"),
    ("叫了少甜，到手却是全糖。", "potential"),
    ("The t-shirt shrank after one wash.", "potential"),
    ("My appointment was moved without any warning.", "potential"),
    ("Assembling the desk took me all afternoon.", "potential"),
    ("The t-shirt fits perfectly, thanks.", "none"),
    # the same as ever, and good (slots); a job at Taiwan's consumer office; a page that spins; a "new" phone already
    # activated; flowers nothing like the photo; twice as long; a pacemaker upset by what the installer left
    ("第三年在你们家订月饼了，还是那么好吃。", "none"),
    ("我表哥在消保處上班，說你們的契約很公道。", "none"),
    ("一到付款页面就一直转圈，刷新了好几次。", "potential"),
    ("说是新机，结果开机显示已经激活过，有点膈应。", "potential"),
    ("實物同網上張相差好遠。", "potential"),
    ("The new layout makes checkout take twice as long.", "potential"),
    ("Ever since the installer fitted the new meter my mum's pacemaker alarm keeps sounding.", "high_risk"),
    ("Will your new alarm system interfere with a pacemaker?", "none"),
    # a technician who never came and nobody who said so; a promise by a date (slots)
    ("约好上午装宽带，师傅没来，也没人通知。", "potential"),
    ("說好一週內寄出，今天已經第十天。", "potential"),
    ("说好今天上门，请问大概几点到？", "none"),
    # towels like sandpaper, a driveway blocked, a statement sent to the wrong address again, points wiped by notice,
    # a promise denied at the counter
    ("The new bath towels feel like sandpaper.", "potential"),
    ("A delivery van sat across my driveway all morning.", "potential"),
    ("月結單又寄錯地址。", "potential"),
    ("會員點數突然公告年底歸零。", "potential"),
    ("请问积分年底会清零吗？有没有这回事？", "none"),
    # round FV and FW: a sullen manner at the counter; only told when the customer got there (去到先话); a manager
    # fetched (叫佢出嚟) beside someone fetched for dinner; a refund received, an expense claimed from an employer and
    # rights as a topic of study are no demands; going to a shop together to eat is no protest; what a slip costs the
    # customer now ("so now I have to") asks nothing, beside a question that says "now I have to"
    ("今日去你哋分店攞貨，個職員黑口黑面。", "potential"),
    ("到咗先讲要收服务费。", "potential"),
    ("到店才说这款要预约，电话里一个字都没提。", "potential"),
    ("你哋個經理喺度嘅話就叫佢出嚟。", "explicit"),
    ("我在楼下等朋友，叫他出来一起去你们店里吃饭。", "none"),
    ("我啱啱收到退款喇，唔该晒。", "none"),
    ("我在做一个关于消费者维权的课题，想采访一下你们的店长，方便吗？", "none"),
    ("公司报销要用，请开一张纸质发票。", "none"),
    ("打车费你们要给我报销。", "explicit"),
    ("收到的时候比预期的还好，包装也很用心。", "none"),
    ("Got the wrong size, so now I have to drive back to the store.", "potential"),
    ("Now I have to ask: do you sell gift cards?", "none"),
    # rounds FX and FY: the slot given against when it came ("window was 8 to 12, it turned up at 5"), beside a slot
    # praised; half of what came spoilt (一半是坏的); a bill nobody can follow (唔知自己畀紧乜钱)
    ("The appointment was for 9am and the engineer showed up at 2.", "potential"),
    ("Your delivery slot was great, it arrived at 9 on the dot, thanks!", "none"),
    ("買咗十個，冇幾個食得。", "potential"),
    # round FZ: speed mocked by the year (按年算的吗) and a refund service named as what was promised (说是极速退款),
    # beside a refund asked for by it; a past complaint praised (处理得好好); a machine that switches itself off; one's
    # own superior asked to call back (叫你上司打返畀我); going above and beyond is praise
    ("号称极速退款，这速度是按年算的吧？", "potential"),
    ("我要申请极速退款", "explicit"),
    ("上次投訴你哋跟進得好好，今次想再訂一張。", "none"),
    ("買咗冇幾耐部風筒就成日熄機。", "potential"),
    ("叫你經理打返俾我。", "explicit"),
    ("The driver went above and beyond, the whole delivery took ten minutes.", "none"),
    # round GA: a visit to the head office on business (去你们总部参加) beside a crowd taken there; 上门 describing who
    # came (上门安装的师傅) beside a visit asked for
    ("明天去你们总部面试，请问几楼？", "none"),
    ("再不解决我就带人去你们总部。", "high_risk"),
    ("上门维修的师傅把我家地板刮花了。", "potential"),
    ("请尽快安排师傅上门。", "explicit"),
    # round GB (English quiet complaints beside their plain twins): twenty minutes spent trying to find a number;
    # what an email or a person said they would do; rain let through on the first walk; the one button the customer
    # uses, hidden; twenty years without a problem is praise, until this month
    ("I have been on your website for forty minutes trying to find a contact form.", "potential"),
    ("I'm trying to find your opening hours, can you help?", "none"),
    ("The text said 2-3 days and it's been 9.", "potential"),
    ("The plumber said he'd come back to finish the job and never did.", "potential"),
    ("The tent let the rain in on its first night.", "potential"),
    ("Wore it on its first walk today, love it!", "none"),
    ("The update removed the one feature I actually used.", "potential"),
    ("We've been with you for twenty years and never had a problem.", "none"),
    ("Twenty years with you and never had a problem until this month, when my bill doubled.", "potential"),
    # rounds GC and GD: a room left uncleaned; a law firm's question about an invoice is a friendly question (the
    # complaint model, which learned such look-alikes, judges whether it is unhappy); someone else's prescription sent
    # by mistake is no hearsay; what every call involves is no count of calls, what every call was answered is;
    # feeling at home on a third visit is praise; complaint handling as a survey's subject; portions shrinking
    ("The bathroom hadn't been cleaned when we arrived.", "potential"),
    ("Has the room been cleaned yet? We'd like to check in early.", "none"),
    ("我妈吃了你们寄来的药，后来才发现是别人的处方，现在一直呕吐。", "high_risk"),
    ("听别人说吃了你们的药会头晕，是真的吗？", "none"),
    ("每次打电话过去都要先听一分钟的广告。", "potential"),
    ("一直打电话到客服，每次都回复24小时内处理。", "high_risk"),
    ("第四次来你们酒店住了，每次都像回家一样。", "none"),
    ("我们在做一项关于消费者投诉处理的研究，请问可以访谈你们吗？", "none"),
    ("你哋啲外賣越嚟越細份，同以前冇得比。", "potential"),
    # rounds GE, GF and GG: an explanation asked for in writing (一个书面的说明); in English a battery that lasts three
    # hours, glasses that arrived in pieces, a panic attack, a complaint resolved last year, a charge disputed with
    # the company (explicit) rather than the bank; worse after the repair (仲嘈过以前, 修完反而) beside better after it;
    # in stock online, none at the shop (去到门市又话冇)
    ("請提供一份書面的說明。", "explicit"),
    ("The 'long-life' bulbs last about two weeks.", "potential"),
    ("The plates came in pieces.", "potential"),
    ("My mum had a panic attack when your engineer started shouting at her.", "high_risk"),
    ("My complaint from last year was resolved, thanks. Now I'd like to upgrade.", "none"),
    ("I am formally disputing the late fee with you.", "explicit"),
    ("修完反而更吵了。", "potential"),
    ("修完之后更好用了，谢谢师傅。", "none"),
    ("去到门市又话冇货。", "potential"),
    # rounds GH and GI: Which? named as who the customer is in touch with; bread gone hard already; a pizza that was
    # mostly crust beside a mostly sunny day; someone sent to take a broken thing away beside an old sofa collected
    # with a delivery; the cost laid at the company's door (费用你们要承担) beside asking who pays
    ("We're in touch with Which? about the way this was handled.", "high_risk"),
    ("The rolls were rock hard by lunchtime.", "potential"),
    ("£12 for a milkshake that was mostly ice.", "potential"),
    ("Mostly sunny here, perfect weather for the picnic hamper!", "none"),
    ("Please arrange for someone to come and take the broken freezer away.", "explicit"),
    ("Can someone come and collect the old sofa when you deliver the new one?", "none"),
    ("改签产生的差价你们要承担。", "explicit"),
    ("请问运费是由你们承担吗？", "none"),
    # round GJ: a warning of who will be in touch ("you'll be hearing from Watchdog") beside praise for it; complaints
    # as a project's subject; a span that opens the message ("three weeks for a courier"); a bag half air; a mark
    # taken off a credit file
    ("You'll be hearing from Watchdog about this, they love a story like yours.", "high_risk"),
    ("My gran loves Watchdog and says you were great on it last night.", "none"),
    ("I'm writing a dissertation on consumer complaints, could I interview someone?", "none"),
    ("Five days for a next-day parcel.", "potential"),
    ("The crisp packet was half empty.", "potential"),
    ("Take the default off my credit file, the bill was paid on time.", "explicit"),
    # round GK (English quiet complaints beside their plain twins): told only after the fact; a meal that arrived as a
    # puddle; said to be included, then charged; whether something said is still the case is a question
    ("So there's a cancellation fee. Would have been nice to know before I booked.", "potential"),
    ("The soup arrived as a puddle in the bag.", "potential"),
    ("They told us parking was free, then charged us £20 when we left.", "potential"),
    ("The website said parking was free, is that still the case?", "none"),
    # round GL (harmless messages with risky words): a third friend recommended; a manager's help back then; a
    # complaint handled at once back then; a journalist friend's recommendation; exposure in the marketing sense; not
    # the company's doing, unless asked as a rhetorical question
    ("我第四次推荐同事来你们这里办卡了，有没有奖励？", "none"),
    ("你们店长上次帮我们留的位置特别好，这次还想要同一桌。", "none"),
    ("上次投诉完你们马上就处理了，这次想问问续费的优惠。", "none"),
    ("记者朋友介绍我来试你们的新菜。", "none"),
    ("请问怎么提高我们店在你们平台上的曝光率？", "none"),
    ("上次过敏是我自己吃错了药，跟你们没关系，这次想再订一份。", "none"),
    ("吃了你们的外卖全家上吐下泻，跟你们没关系吗？", "high_risk"),
    # round GM (demands said politely, second contacts, and mild complaints): the difference made up (补差价); leaving it
    # to the company how to make it right (你们看怎么补偿我); a repairer sent up again (再上嚟睇下); not as good as before
    # (冇以前咁好食); a price not what was seen
    ("麻烦把多收的差价补给我。", "explicit"),
    ("这事你们看怎么补偿吧。", "explicit"),
    ("唔該叫個師傅再上嚟整下。", "explicit"),
    ("呢間舖頭嘅叉燒冇以前咁好食。", "potential"),
    ("收到的颜色跟我在网上看到的不一样。", "potential"),
    ("网上看到你们被曝光了，是真的吗？", "none"),
    # round GN: every department there is to go to (该找的部门); a bed that creaks; a leaflet asked for in large print
    # beside a threat to the Ombudsman; service praised by a customer coming back (今次再帮衬) beside sarcasm
    ("这件事我会去找该找的部门，一个都不会少。", "high_risk"),
    ("The chair in my room wobbles every time I sit down.", "potential"),
    ("Is the Ombudsman guide you mentioned available in Welsh?", "none"),
    ("你哋上次送錯嘢之後即刻補送，真係好好服務。", "none"),
    ("真係好好服務，等咗兩個鐘都冇人理。", "potential"),
    # the English posts to brands' remaining misses: a gauge that reads empty on a new part, a span that opens the
    # post in hours and minutes, food raw in the middle, an order that says out for delivery, calls never returned,
    # the slot given against the time now; beside their plain twins
    ("@Epson printer says out of ink and the cartridge went in yesterday", "potential"),
    ("@UberEats 2 hrs 10 mins for a burger", "potential"),
    ("The burgers were still pink in the middle.", "potential"),
    ("How can I tell if the chicken is pink in the middle?", "none"),
    ("The estate agent hasn't returned a single call since we signed.", "potential"),
    ("@BT engineer slot was 8-1, it's nearly 4", "potential"),
    ("The slot is 8-1, is it possible to get a text before he arrives?", "none"),
    # round GO: heartwarming (好窝心, 暖心) is thanks, so "真系好" beside it is meant
    ("今次嘅外賣員真係好窩心，落雨都幫我送上樓。", "none"),
    # round GQ (negations, hypotheticals and turns): money asked back (要回我那两百块); a bill put right (改返啱); hard to
    # bear (难顶); escalation asked plainly; not the first message; the unwanted step made the one left ("I'd rather not
    # involve the ombudsman, but you're leaving me no choice", 我唔想去消委会，但…我冇得拣) beside a negation that stands
    ("我不想吵架，就想要回我的押金。", "explicit"),
    ("張單個地址錯咗，一定要改返啱。", "explicit"),
    ("呢個價錢呢個質素，真係難頂。", "potential"),
    ("Not my first email about this. Please escalate.", "explicit"),
    ("I don't want to go to the ombudsman, but you're leaving me no choice.", "high_risk"),
    ("我不想去12315，但你们再不处理我也只能去了。", "high_risk"),
    ("I won't be going to the ombudsman, but I'd have to say the service was poor.", "potential"),
    # round GR (hedges and turns): forced (你哋迫我嘅) turns a declined step into the one left; a manager's contact
    # details asked for; politeness that says "no trouble" makes no grievance of a plain request; painfully slow
    ("我都唔想搵律師，但係你哋迫我嘅。", "high_risk"),
    ("我唔係想為難你，但俾個主管嘅聯絡方式我。", "explicit"),
    ("If it's no trouble, could you resend last month's statement?", "none"),
    ("Checkout was painfully slow again this morning.", "potential"),
    # round GS: the money back already (退货的钱已经到账了) takes the refund back; rubbish left behind is no insult; parts
    # left out of an installation (少装了); the customer's details put online by the company's people
    ("退款已经到账了，麻烦帮我把这个工单关掉。", "none"),
    ("退款说已经到账了，可是我根本没收到，马上给我查清楚。", "explicit"),
    ("搬家师傅把垃圾都留在门口就走了。", "potential"),
    ("家具装完，柜门的合页少装了一个。", "potential"),
    ("你们的配送员把我的手机号发到了网上，现在天天有人打骚扰电话。", "high_risk"),
    # round GT (English look-alikes beside high risk without its usual words): a payment disputed with the card
    # network beside a card named; a dish the family won't do without; "nothing wrong with the service" makes no
    # grievance of a cancelled delivery; complaints about other firms to the ombudsman, told with praise
    ("We're disputing the payment with Mastercard now.", "high_risk"),
    ("I paid with Visa and it went through twice.", "potential"),
    ("Could you cancel Friday's delivery? Nothing wrong with the service, we're just away.", "none"),
    ("I've complained about other companies to the ombudsman, but you've always been brilliant.", "none"),
    # round GU (quiet complaints beside their plain twins): a plastic smell that will not go; details to fill in again
    # every time; the customer's own step not taken yet (我还没提交报销) beside what has not come yet (我还没收到货)
    ("新买的水壶一股塑料味，洗了好几遍都散不掉。", "potential"),
    ("每次付款都要重新输入一遍银行卡号。", "potential"),
    ("我还没收到货，物流也不更新。", "potential"),
    ("发票抬头写错了的话可以重开吗？我还没提交报销。", "none"),
    # round GV: a thing to be put right before a day, a visit made sure of this time, beside a question and thanks
    ("I want the boiler put right before Friday.", "explicit"),
    ("Please make sure the plumber actually shows up this time.", "explicit"),
    ("Will the engineer confirm by text before he comes?", "none"),
    # round GW: a manager who has helped already (上次你哋个经理帮我换咗货) beside one asked to help
    ("上次你們的店長幫我處理了退貨，很專業，這次想再來買。", "none"),
    ("请经理帮我处理一下。", "explicit"),
    # round GX (harmless messages with risky words): a visit for a meal with family (第三次来你们这里吃饭，带爸妈来) and
    # a third visit praised "as good as ever" are no third contacts; a regulator's staff promoting a product; a job at
    # a police station said in Cantonese (喺警署返工); the company seen on television; encouraged (很受鼓舞); a complaint
    # kept for later (如果以后要投诉); a head office's address for a thank-you card; a question opening "Is the ..."
    # about chargeback protection; a resolved complaint's history; a problem supposed is no grievance
    ("第四次来你们这里吃火锅了，这次带孩子一起来。", "none"),
    ("Fourth visit this year and the food is as good as ever.", "none"),
    ("这是我第三次来你们店里换货了。", "high_risk"),
    ("市场监管局的工作人员来我们小区宣传的时候介绍了你们的净水器。", "none"),
    ("我阿媽喺法院返工，佢好鍾意你哋嘅蛋撻。", "none"),
    ("你们上过新闻的那个公益活动我看了，很受鼓舞。", "none"),
    ("Is the chargeback protection the same for contactless payments?", "none"),
    ("Can I have my complaint history for my records? It's all resolved now.", "none"),
    ("Can you tell me if my refund has been processed yet?", "none"),
    # round GY (harmless messages with risky words): the company's own lawyers praised; a consumer council's site where
    # a rating was seen (網站睇到); allergic children as a kind of customer asked about, beside a reaction told; A&E visits
    # that were the customer's own clumsiness
    ("你们律师团队上次讲的课很有用，想再报一期。", "none"),
    ("我喺消委會網站睇到你哋嘅評分好高。", "none"),
    ("過敏的孩子可以用你們的新款沐浴露嗎？", "none"),
    ("孩子用了你們的新款沐浴露全身過敏。", "high_risk"),
    ("I've been to A&E three times this year, clumsy me, can I add accident cover?", "none"),
    # round GZ (harmless messages with risky words): a complaint handled and done with (已经处理完了) beside one not yet;
    # a job at the 12345 hotline; how complaints are handled as a subject taught; a third visit for tea (嚟饮茶); a wrist
    # broken skateboarding, beside an arm broken on the company's trampoline
    ("上次的投诉已经处理完毕，这次想问问积分怎么用。", "none"),
    ("上次的投诉到现在还没处理完，你们什么意思？", "explicit"),
    ("我表姐在12345热线上班，她推荐你们家的空调。", "none"),
    ("我们学校想请你们派人来讲讲如何处理投诉，可以吗？", "none"),
    ("第四次嚟你哋度饮茶，次次都坐同一张枱。", "none"),
    ("My daughter fractured her wrist skateboarding, can we pause her swimming lessons?", "none"),
    ("My son broke his arm on your trampoline at the park.", "high_risk"),
    # round HA (harmless messages with risky words): never once had a problem; a career in the police told; the
    # company's own rights hotline asked about; a brother at a newspaper in Cantonese (喺报馆做嘢); still a loyal customer,
    # beside an app that crashes every day
    ("I've shopped with you for years and never once had a problem.", "none"),
    ("My grandad served in the police for 30 years and still buys your biscuits.", "none"),
    ("请问你们的维权热线是多少？先存着备用。", "none"),
    ("我阿哥喺報館做嘢，佢話你哋嘅廣告拍得好靚。", "none"),
    ("I still use your app but it crashes every day.", "potential"),
    # round HB: an alarm that went off for nothing (是误报), beside one that went off with smoke; a name written wrong on a
    # cake (写错晒个名); greens gone brown; a late fee to be taken off
    ("请问报警器响了以后怎么关掉？刚才是误报。", "none"),
    ("报警器响了，家里全是烟，孩子呛得直咳嗽。", "high_risk"),
    ("訂咗蛋糕，個名寫錯晒。", "potential"),
    ("The 'fresh' avocado was brown round the edges.", "potential"),
    ("Please remove the late fee, the payment went out on time.", "explicit"),
    # round HC (harmless messages with risky words): help given back then (上次帮我处理退款), beside help asked for now; a
    # manager met on business (约你们经理见个面); a complaint handled well back then, in Cantonese (处理得好好); a contract
    # the solicitor found fine
    ("上次帮我处理退款的客服很专业，想表扬一下。", "none"),
    ("请帮我处理退款。", "explicit"),
    ("我们想和你们经理谈合作，可以约个时间吗？", "none"),
    ("上次投訴嘅問題你哋處理得好好，多謝。", "none"),
    ("Our solicitor has read it and says the contract is fine, so we're happy to sign.", "none"),
    ("請問一半是現金一半刷卡可以嗎？", "none"),
    ("张单写得好复杂，睇完都唔知收紧乜钱。", "potential"),
])
def test_families_found_by_fresh_rounds(analyzer, text, level):
    assert analyzer.analyze(text).level == level
