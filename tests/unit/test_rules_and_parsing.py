"""Plain-data rules: command parsing, money, case level, log redaction, settings."""

import logging
from datetime import timedelta

import pytest

from bot.cases.rules import CaseContext, case_level
from bot.commands.parser import parse_command
from bot.config import Settings
from bot.errors import UserError
from bot.logs import RedactingFilter, redact
from bot.money import parse_money


@pytest.mark.parametrize("line,name,args", [
    ("/cs note 12 called back", "note", "12 called back"),
    ("/note@DeskBot 12 hi", "note", "12 hi"),
    ("note 12 hi", "note", "12 hi"),
    ("/cs", "help", ""),
    ("/HELP", "help", ""),
])
def test_one_parser_for_every_platform(line, name, args):
    parsed = parse_command(line, bot_username="DeskBot")
    assert (parsed.name, parsed.args) == (name, args)


def test_command_addressed_to_another_bot_is_not_ours():
    assert parse_command("/note@OtherBot 1 x", bot_username="DeskBot") is None
    assert parse_command("   ") is None
    assert parse_command("/这不是命令") is None


@pytest.mark.parametrize("text,minor,currency", [
    ("200", 20000, "CNY"), ("200.50", 20050, "CNY"), ("¥200", 20000, "CNY"), ("CNY 200", 20000, "CNY"),
    ("NT$500", 50000, "TWD"), ("HK$300", 30000, "HKD"), ("$30", 3000, "USD"), ("USD 30", 3000, "USD"),
])
def test_money_is_integer_minor_units(text, minor, currency):
    money = parse_money(text, default_currency="CNY")
    assert (money.minor, money.currency) == (minor, currency)


@pytest.mark.parametrize("text", ["-5", "abc", "10000000000000", "5 XYZ", "1.234", ""])
def test_bad_amounts_are_refused_with_a_reason(text):
    with pytest.raises(UserError):
        parse_money(text, default_currency="CNY")


def test_case_level_rises_with_contacts_and_never_falls():
    assert case_level(previous="none", message="potential", context=CaseContext(contacts=1)) == ("potential", "")
    level, reason = case_level(previous="potential", message="potential", context=CaseContext(contacts=3))
    assert level == "high_risk" and "contact number 3" in reason
    level, reason = case_level(previous="none", message="potential", context=CaseContext(contacts=2))
    assert level == "explicit" and "contact number 2" in reason
    level, reason = case_level(previous="explicit", message="none", context=CaseContext(contacts=1))
    assert level == "explicit" and "earlier message" in reason
    assert case_level(previous="none", message="none", context=CaseContext(contacts=5))[0] == "none"


def test_case_level_weighs_customer_value_waiting_and_earlier_escalations():
    calm = CaseContext()
    assert case_level(previous="none", message="potential", context=calm)[0] == "potential"
    level, reason = case_level(previous="none", message="potential", context=CaseContext(vip_level=4))
    assert level == "explicit" and "VIP 4" in reason
    # value lifts to explicit at most: a valuable customer's complaint is not high risk by itself
    assert case_level(previous="none", message="explicit", context=CaseContext(vip_level=5))[0] == "explicit"
    level, reason = case_level(previous="none", message="potential",
                               context=CaseContext(annual_value_minor=80_000_00, currency="CNY"))
    assert level == "explicit" and "annual value 80,000 CNY" in reason
    assert case_level(previous="none", message="potential",
                      context=CaseContext(annual_value_minor=80_000_00, currency="TWD"))[0] == "potential"
    # the first-response windows come from the SLA policy (explicit: 2 h by default)
    windows = {"potential": timedelta(hours=8), "explicit": timedelta(hours=2)}
    level, reason = case_level(previous="none", message="explicit",
                               context=CaseContext(waited=timedelta(hours=3), first_response=windows))
    assert level == "high_risk" and "waited 3.0 h" in reason and "past the 2 h first response" in reason
    assert case_level(previous="none", message="explicit",
                      context=CaseContext(waited=timedelta(minutes=90), first_response=windows))[0] == "explicit"
    tighter = {**windows, "explicit": timedelta(hours=1)}  # an admin's `sla set explicit first=1h`
    assert case_level(previous="none", message="explicit",
                      context=CaseContext(waited=timedelta(minutes=90), first_response=tighter))[0] == "high_risk"
    level, reason = case_level(previous="none", message="potential", context=CaseContext(escalations=1))
    assert level == "explicit" and "already escalated" in reason
    # context never turns a message with no dissatisfaction into a complaint
    assert case_level(previous="none", message="none",
                      context=CaseContext(vip_level=9, waited=timedelta(days=3), escalations=2))[0] == "none"


def test_logs_never_carry_secrets_or_phone_numbers():
    line = redact("token=xoxb-123-abc customer 13812345678 called, bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0 "
                  "db postgresql://u:hunter2@h/db phone +1 415 555 0100 / 0912-345-678")
    for secret in ("xoxb-123-abc", "13812345678", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0", "hunter2",
                   "415 555 0100", "0912-345-678"):
        assert secret not in line


def test_redacting_filter_rewrites_records(caplog):
    logger = logging.getLogger("test.redact")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO):
        logger.info("customer phone %s", "13912345678")
    assert "13912345678" not in caplog.text and "[phone]" in caplog.text


def test_console_refuses_to_open_to_a_network_without_token(monkeypatch):
    monkeypatch.delenv("BOT_WEB_TOKEN", raising=False)
    assert Settings(BOT_HOST="0.0.0.0", _env_file=None).serve_refusal()
    assert Settings(BOT_HOST="127.0.0.1", _env_file=None).serve_refusal() is None
    assert Settings(BOT_HOST="0.0.0.0", BOT_WEB_TOKEN="s3cret", _env_file=None).serve_refusal()  # a token is not a name
    assert Settings(BOT_HOST="0.0.0.0", BOT_PUBLIC_URL="https://desk.example.com", _env_file=None).serve_refusal() is None


def test_configured_secrets_are_masked_whatever_their_shape():
    from bot.logs import add_known_secrets

    add_known_secrets(["123456:short-test-token", ""])
    assert redact("GET http://127.0.0.1/bot123456:short-test-token/getMe") == "GET http://127.0.0.1/bot[redacted]/getMe"


def test_every_command_has_chinese_summaries_for_the_menus():
    from bot.capabilities import build_registry

    commands = list(build_registry().commands())
    assert len(commands) > 20
    for command in commands:
        assert command.summary_in("zh-Hans") != command.summary, command.name
        assert command.summary_in("zh-Hant") != command.summary, command.name
