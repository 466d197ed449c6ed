"""Suggested replies and the reply checker: the dev set end to end, bad drafts in three languages, the templates."""

import json
import re
import subprocess
import sys

import opencc
import pytest

from bot.money import Money
from bot.playbook.compose import MOVES, ReplyContext, Tier, suggest, templates
from bot.playbook.lint import checker, lint, money_mentions
from bot.playbook.offline import suggest_offline
from bot.text.normalize import fold_phrase
from tests.needs import shared_data

S2T = opencc.OpenCC("s2t")
AGENT_LIMIT = Money(100_00, "CNY")  # the shipped agent tier's limit, what `--tier agent` passes in
LADDER = (Tier("F", "agent", AGENT_LIMIT), Tier("E", "senior", Money(300_00, "CNY")),
          Tier("D", "lead", Money(1000_00, "CNY")), Tier("C", "manager", Money(5000_00, "CNY")))


def check_reply(result: dict, lang: str) -> None:
    reply = result["reply"]
    assert [m["move"] for m in result["moves"]] == list(MOVES), reply
    position = 0
    for move in result["moves"]:
        found = reply.find(move["text"], position)
        assert found >= position and move["text"].strip(), (move, reply)
        position = found + len(move["text"])
    if lang == "zh-Hant":
        assert S2T.convert(reply) == reply, reply  # no Simplified-only character
    elif lang == "en":
        assert not re.search(r"[\u3400-\u9fff]", reply), reply
    else:
        assert re.search(r"[\u3400-\u9fff]", reply), reply
    assert result["lint"] == [], (result["lint"], reply)
    for banned in ("赔偿", "賠償", "但是", " but ", "damages"):
        assert banned not in reply, (banned, reply)
    for mention in money_mentions(reply):
        assert mention.money.minor <= AGENT_LIMIT.minor, reply


def test_every_complaint_in_the_dev_set_gets_a_sendable_reply_from_the_cli():
    rows = [json.loads(line) for line in shared_data("risk_dev.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    complaints = [r for r in rows if r["level"] != "none"]
    feed = "".join(json.dumps({"id": r["id"], "text": r["text"], "tier": "agent"}, ensure_ascii=False) + "\n"
                   for r in complaints)
    out = subprocess.run([sys.executable, "-m", "bot", "suggest", "--jsonl"], input=feed.encode(), capture_output=True,
                         check=True, timeout=120)
    results = {r["id"]: r for r in map(json.loads, out.stdout.decode().splitlines())}
    assert len(results) == len(complaints) == 226
    for row in complaints:
        check_reply(results[row["id"]], row["lang"])
        assert results[row["id"]]["lang"] == row["lang"]


def test_an_enquiry_gets_a_short_answer_not_an_apology(analyzer):
    for text in ("请问发票怎么开？", "請問門市營業時間是幾點？", "Hello, where can I find my invoice?"):
        s = suggest(text, analyzer.analyze(text))
        assert len(s.reply) < 120 and s.lint == ()
        assert not re.search(r"抱歉|对不起|對不起|sorry|apolog", s.reply, re.I), s.reply


@pytest.mark.parametrize("text", ["my toddler choked on a piece that broke off your toy",
                                  "the charger started smoking and burned my hand"])
def test_an_english_harm_reply_does_not_quote_the_customers_verb_as_a_noun(analyzer, text):
    for variant in range(4):
        reply = suggest(text, analyzer.analyze(text), ReplyContext(variant=variant)).reply
        assert "sorry that" not in reply and "hear about" not in reply, reply  # "sorry that choked happened"


def test_the_same_case_gets_the_same_words_and_another_version_differs(analyzer):
    text = "我要投诉，三天了还没发货"
    a = analyzer.analyze(text)
    first = suggest(text, a, ReplyContext(seed="case:7"))
    assert suggest(text, a, ReplyContext(seed="case:7")).reply == first.reply
    again = suggest(text, a, ReplyContext(seed="case:7", variant=1))
    assert again.reply != first.reply and again.reply == first.alternatives[0]


def test_compensation_within_and_above_the_agents_limit(analyzer):
    ctx = ReplyContext(limit=AGENT_LIMIT, tiers=LADDER)
    above = suggest("东西坏了，你们必须赔我500元", analyzer.analyze("东西坏了，你们必须赔我500元"), ctx)
    assert above.offer.within_authority is False and above.offer.approver_tier == "lead"
    assert "客服主管" in above.reply and "审批" in above.reply and "500" not in above.reply
    within = suggest("东西坏了，你们必须赔我50元", analyzer.analyze("东西坏了，你们必须赔我50元"), ctx)
    assert within.offer.within_authority is True and within.offer.amount == Money(50_00, "CNY")
    assert "¥50" in within.reply and "补偿" in within.reply and "赔" not in within.reply
    plain = suggest("I want compensation for this mess", analyzer.analyze("I want compensation for this mess"), ctx)
    assert plain.offer.amount.minor <= AGENT_LIMIT.minor and "goodwill" in plain.reply


def test_high_risk_commits_to_a_named_tier_and_a_time(analyzer):
    text = "再不退款我就去12315投诉你们"
    s = suggest_offline(analyzer, text, vip=4, name="陈先生")
    assert s.reply.startswith("陈先生") and "客服经理" in s.reply and "30 分钟内" in s.reply
    assert suggest_offline(analyzer, text).reply.count("客服主管") >= 1


@pytest.mark.parametrize("text", ["我的快递一个星期都没到，太慢了", "我的快遞一個星期都沒到，太慢了",
                                  "My parcel still hasn't arrived after a week"])
def test_the_earlier_time_promises_an_update_and_the_later_one_the_outcome(analyzer, text):
    """The first-response clock comes first and promises news; the resolution clock promises the answer."""
    s = suggest_offline(analyzer, text)
    for reply in (s.reply, *s.alternatives):
        clauses = re.split(r"[。；;]|\. ", reply)
        update = next(c for c in clauses if re.search(r"24 ?(?:小时|小時|hours)", c))
        outcome = next(c for c in clauses if re.search(r"72 ?(?:小时|小時|hours)", c))
        assert clauses.index(update) < clauses.index(outcome), reply
        assert not re.search(r"最终|最終|结果|結果|final|outcome", update), update
        assert re.search(r"最终|最終|final|outcome", outcome), outcome


def test_hong_kong_customers_get_hong_kong_wording(analyzer):
    text = "部機壞咗三次，你哋係咪玩嘢？我要換新機，產品品質太差"
    s = suggest(text, analyzer.analyze(text))
    assert s.lang == "zh-Hant" and "質素" in s.reply


def test_missing_need_is_asked_in_the_customers_script(analyzer):
    for text, word in (("你们这什么破服务，气死我了！！", "退款"), ("你們這什麼爛服務，氣死我了！！", "換貨"),
                       ("Honestly the worst service ever!!", "refund")):
        s = suggest(text, analyzer.analyze(text))
        assert s.clarifying_question and word in dict(s.moves)["confirm"]


def test_every_template_variant_carries_its_moves_cue():
    cues = checker().cues
    for lang in ("zh-Hans", "zh-Hant", "en"):
        t = templates(lang)
        for move in MOVES:
            for key, options in t[move].items():
                for option in options:
                    if "{question}" in option:
                        continue  # the analyzer's question carries the cue itself
                    assert any(c in fold_phrase(option) for c in cues[move]), (lang, move, key, option)


BAD = {
    "zh-Hans": [
        ("damages", "很抱歉，我们会赔偿您的损失。"),
        ("but_pivot", "对不起让您久等了，但是这个是系统的问题。"),
        ("blanket_apology", "给您带来的一切不便我们深表歉意。"),
        ("stalling", "您的请求已收到，正在处理，请耐心等待。"),
        ("blame", "这是您自己没看清楚说明造成的。"),
        ("promise", "我保证以后绝对不会再出现这种情况。"),
        ("over_authority", "我可以给您补偿500元。"),
        ("wrong_script", "很抱歉給您帶來不便。"),
    ],
    "zh-Hant": [
        ("damages", "我們會賠償您的損失。"),
        ("but_pivot", "很抱歉讓您久等，可是這是物流的問題。"),
        ("blame", "這是您自己沒看清楚。"),
        ("wrong_script", "很抱歉给您带来不便。"),
    ],
    "en": [
        ("damages", "We will pay compensation for damages."),
        ("damages", "We admit fault and will fix it."),
        ("but_pivot", "I'm sorry for the wait, but this is our policy."),
        ("blanket_apology", "We apologize for any inconvenience caused."),
        ("stalling", "We are looking into it, please be patient."),
        ("blame", "You should have read the terms."),
        ("promise", "I guarantee this will never happen again."),
        ("over_authority", "I can refund you $500 right now."),
        ("wrong_script", "很抱歉给您带来不便，我们会处理。"),
    ],
}


@pytest.mark.parametrize("lang,rule,draft", [(lang, rule, draft) for lang, items in BAD.items() for rule, draft in items])
def test_the_checker_flags_each_pattern(lang, rule, draft):
    limit = Money(100_00, "USD" if lang == "en" else "CNY")
    findings = lint(draft, lang=lang, limit=limit)
    hits = [f for f in findings if f.rule == rule]
    assert hits, (rule, [f.rule for f in findings])
    if hits[0].end > hits[0].start:
        assert draft[hits[0].start:hits[0].end].strip()
    assert hits[0].why and hits[0].rewrite


def test_the_checker_lists_missing_moves_and_accepts_a_time_bound_promise():
    findings = lint("好的，收到。", lang="zh-Hans")
    assert {f.rewrite for f in findings if f.rule == "missing_move"} and len(
        [f for f in findings if f.rule == "missing_move"]) >= 4
    fine = lint("很抱歉这次配送延误给您添了麻烦。我理解您很着急。想跟您确认一下：您希望我们为您补发，对吗？"
                "我会马上为您安排，2 小时内给您答复，正在处理中。谢谢您告诉我们。", lang="zh-Hans")
    assert fine == []


def test_cli_lint_json(tmp_path):
    out = subprocess.run([sys.executable, "-m", "bot", "lint", "We apologize for any inconvenience.", "--json",
                          "--lang", "en"], capture_output=True, check=True, timeout=60)
    findings = json.loads(out.stdout)["findings"]
    assert {"rule", "span", "why", "rewrite"} <= set(findings[0])
    assert "blanket_apology" in {f["rule"] for f in findings}


def test_an_order_is_named_only_when_the_customer_gave_its_number(analyzer):
    said = suggest("My order still hasn't arrived after two weeks", analyzer.analyze("My order still hasn't arrived")).reply
    assert "(order" not in said
    text = "Order #A12345 arrived broken, I want a replacement"
    assert "(order A12345)" in suggest(text, analyzer.analyze(text)).reply
    text = "订单号：2024113000123 的快递一直没到，我要投诉"
    assert "（订单 2024113000123）" in suggest(text, analyzer.analyze(text)).reply


# What a reply says has been done, per script: an escalation, or a request for approval.
CLAIMS = {
    "zh-Hans": {"escalate": r"升级(给|到)|转(交)?给|交由|已经请.{1,10}联系您", "approval": r"审批|审核"},
    "zh-Hant": {"escalate": r"升級(給|到)|轉(交)?給|交由|已經請.{1,10}聯絡您", "approval": r"審批|審核"},
    "en": {"escalate": r"escalated|passed this to|asked .{1,30} to call you", "approval": r"approv"},
}


def test_no_suggested_reply_claims_what_sending_it_does_not_make_true():
    """On the development set and the real Weibo set, per language: every escalation or approval a reply says
    is done is in its `commits` (Mark as sent carries it out), every commit is said, and the checker finds
    nothing in the bot's own reply."""
    rows = []
    for name in ("risk_dev.jsonl", "risk_real_weibo.jsonl"):
        rows += [json.loads(line) for line in shared_data(name).read_text(encoding="utf-8").splitlines() if line.strip()]
    feed = "".join(json.dumps({"id": f"{n}", "text": r["text"], "tier": "agent"}, ensure_ascii=False) + "\n"
                   for n, r in enumerate(rows))
    out = subprocess.run([sys.executable, "-m", "bot", "suggest", "--jsonl"], input=feed.encode(), capture_output=True,
                         check=True, timeout=300)
    results = list(map(json.loads, out.stdout.decode().splitlines()))
    assert len(results) == len(rows) >= 500
    seen = {lang: 0 for lang in CLAIMS}
    for result in results:
        lang = result["lang"] if result["lang"] in CLAIMS else "zh-Hans"
        committed = {c["action"] for c in result["commits"]}
        for action, pattern in CLAIMS[lang].items():
            said = re.search(pattern, result["reply"]) is not None
            assert said == (action in committed), (action, committed, result["reply"])
            seen[lang] += said
        assert result["lint"] == [], (result["lint"], result["reply"])
    assert all(seen.values()), seen  # each language had replies that claim something, so the patterns were tried


@pytest.mark.parametrize("text,has,lacks", [
    # A choice is a choice, not a list.
    ("Either a replacement or my money back, whichever is faster.", "a replacement or a refund", " and a refund"),
    ("要么退款要么换货，你们看着办", "退款或者", "退款和"),
    # "Fix this" on a double charge is a correction, not a repair.
    ("I was charged twice on my bill this month, please fix this", "charge corrected", "repair"),
    # An order that has not come is sent or cancelled; nobody offers to repair or replace it.
    ("我的订单一周了还没发货，太慢了", "尽快把货送到", "换货"),
    ("My order still has not shipped after ten days, this is ridiculous", "get your order to you", "repair"),
    ("我被重复扣费了，请尽快帮我处理好，太过分了", "更正这笔扣费", "维修"),
])
def test_the_reply_reads_what_the_customer_wants(analyzer, text, has, lacks):
    reply = suggest(text, analyzer.analyze(text)).reply
    assert has in reply and lacks not in reply, reply


def test_a_follow_up_is_not_asked_again_what_the_customer_already_said(analyzer):
    text = "我上午说的退款到底什么时候处理？？？"
    first = suggest(text, analyzer.analyze(text), ReplyContext(earlier=("refund",)))
    assert "之前" in first.reply and "退款" in first.reply and "对吗" not in first.reply
    english = "Still waiting on the refund I asked about yesterday!!"
    assert "asked earlier for a refund" in suggest(english, analyzer.analyze(english),
                                                   ReplyContext(earlier=("refund",))).reply
