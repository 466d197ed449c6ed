"""Watch-lists from chat: admins add and mute phrases, audited, live in every process without a restart."""

from sqlmodel import select

from bot.desk import Desk
from bot.events import CommandInvoked, CustomerRef, MessageReceived
from bot.members.service import ensure_admins
from bot.risk.analyzer import Analyzer
from bot.risk.tables import WatchEntry
from bot.store import db
from bot.store.tables import AuditEntry

ADMIN = "slack:UADMIN"
AGENT = "slack:UAGENT"


def command(desk, args, event_id, member=ADMIN):
    return desk.handle(CommandInvoked(platform="slack", event_id=event_id, member=member, name="watch", args=args))


def level_of(desk, text, event_id, customer="C-1"):
    out = desk.handle(MessageReceived(platform="slack", event_id=event_id, member=AGENT, text=text,
                                      customer=CustomerRef(ref=customer)))
    card = out[-1].card
    return next(f.value for f in card.fields if f.label == "This message")


def rows(engine, model):
    with db.session(engine) as s:
        return list(s.exec(select(model)))


def make_admin(engine, clock):
    with db.session(engine) as s:
        ensure_admins(s, [ADMIN], now=clock.now())
        s.commit()


def test_an_added_phrase_counts_in_another_process_without_a_restart(engine, clock):
    make_admin(engine, clock)
    rules = Analyzer.from_directory(model_path=None)  # the watch-list alone: the learned model may read it unhappy
    here = Desk(engine=engine, analyzer=rules, clock=clock)
    other = Desk(engine=engine, analyzer=rules, clock=clock)  # a second replica on the same database
    assert level_of(other, "我要去找蓝天热线说理", "m1", customer="A") == "none"
    [out] = command(here, "add regulator 蓝天热线", "w1")
    assert out.private and out.error is None and "蓝天热线" in out.card.fallback
    assert level_of(other, "我要去找藍天熱線说理", "m2", customer="B") == "high_risk"
    [entry] = rows(engine, WatchEntry)
    assert (entry.rule, entry.phrase, entry.created_by) == ("regulator", "蓝天热线", ADMIN)
    audit = [a for a in rows(engine, AuditEntry) if a.action == "watch.add"]
    assert audit and audit[0].actor == ADMIN and audit[0].target == "regulator:蓝天热线"


def test_a_shipped_phrase_is_muted_and_unmuted(engine, analyzer, clock):
    make_admin(engine, clock)
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    assert level_of(desk, "找记者", "m1", customer="A") == "high_risk"
    [out] = command(desk, "remove media 记者", "w1")
    assert "muted" in out.card.fallback
    assert level_of(desk, "找记者", "m2", customer="B") == "none"
    command(desk, "add media 记者", "w2")
    assert level_of(desk, "找记者", "m3", customer="C") == "high_risk"
    actions = [(a.action, a.old_value, a.new_value) for a in rows(engine, AuditEntry) if a.action.startswith("watch")]
    assert actions == [("watch.remove", "shipped", "muted"), ("watch.add", "muted", "shipped")]


def test_shield_makes_a_product_name_harmless_and_weight_sets_the_score(engine, analyzer, clock):
    make_admin(engine, clock)
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    # 我要 is a threat word beside an outsider named, so only the shield can say 律师版 is a product
    assert level_of(desk, "我要两盒315大礼包律师版", "m1", customer="A") == "high_risk"
    command(desk, "add shield 律师版", "w1")
    assert level_of(desk, "我要两盒315大礼包律师版", "m2", customer="B") == "none"
    command(desk, "add demand 说话不算数 35", "w2")
    with db.session(engine) as s:
        analyzer_now = desk.team.analyzers.current(s)
    [trigger] = [t for t in analyzer_now.analyze("你们说话不算数").triggers if t.signal == "demand"]
    assert trigger.weight == 35
    listing = command(desk, "list demand", "w3")[0].card.fallback
    assert "说话不算数" in listing and "weight 35" in listing


def test_bad_watch_commands_are_answered_privately_and_change_nothing(engine, analyzer, clock):
    make_admin(engine, clock)
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    for i, args in enumerate(["add nonsense 某词", "add regulator", "add regulator " + "长" * 80, "frobnicate",
                              "remove regulator 从来没有的词", "add regulator 12315"]):
        [out] = command(desk, args, f"bad{i}")
        assert out.private and out.error == "bad_input", args
    [out] = command(desk, "add media 记者", "agent-try", member=AGENT)
    assert out.private and out.error and "admin" in out.card.fallback
    assert rows(engine, WatchEntry) == []
    refused = [a for a in rows(engine, AuditEntry) if a.outcome == "refused"]
    assert refused and refused[0].actor == AGENT


def test_watch_list_shows_every_signal(engine, analyzer, clock):
    make_admin(engine, clock)
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    text = command(desk, "list", "l1")[0].card.fallback
    for name in ("regulator", "media", "legal", "harm", "self_harm", "shield"):
        assert f"{name}:" in text
